#include "progress_line.h"

#include <filesystem>
#include <string>

namespace newsdex::cli {
namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(250);

std::string megabytes(std::uint64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / 1e6);
    return buf;
}

std::string duration(double seconds) {
    const auto s = static_cast<long long>(seconds);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
    return buf;
}

}  // namespace

void ProgressLine::update(const IndexProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_drawn_ < kRedrawEvery) return;
    last_drawn_ = now;
    drawn_ = true;
    const double elapsed = std::chrono::duration<double>(now - started_).count();
    const std::string name = std::filesystem::path(p.source).filename().string();
    std::string line;
    if (p.source_bytes_total > 0) {
        const double fraction = std::min(1.0, static_cast<double>(p.source_bytes_read) / static_cast<double>(p.source_bytes_total));
        char pct[16];
        std::snprintf(pct, sizeof pct, "%3.0f%%", fraction * 100);
        line = std::string(pct) + " " + name + " " + megabytes(p.source_bytes_read) + "/" + megabytes(p.source_bytes_total) + " MB";
        if (fraction > 0.01 && fraction < 1) line += ", " + duration(elapsed * (1 - fraction) / fraction) + " left";
    } else {
        line = name + " " + megabytes(p.source_bytes_read) + " MB";
    }
    char rate[64];
    std::snprintf(rate, sizeof rate, " | %zu articles, %.0f/s | %s", p.articles,
                  elapsed > 0 ? static_cast<double>(p.articles) / elapsed : 0.0, duration(elapsed).c_str());
    line += rate;
    // \r and erase-to-end: the line is redrawn in place.
    std::fprintf(out_, "\r%s\x1b[K", line.c_str());
    std::fflush(out_);
}

void ProgressLine::finish() {
    if (!drawn_) return;
    std::fprintf(out_, "\r\x1b[K");
    std::fflush(out_);
}

}  // namespace newsdex::cli
