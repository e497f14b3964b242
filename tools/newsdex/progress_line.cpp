#include "progress_line.h"

#include "human_units.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

namespace newsdex::cli {
namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(250);

// Decoded by hand: names are bytes from the file system, not always valid UTF-8; a stray byte is
// one column, like the replacement character a terminal shows for it.
struct Glyph {
    std::size_t begin, end;  // bytes of the string
    std::size_t width;
};

std::vector<Glyph> glyphs(const std::string& s) {
    std::vector<Glyph> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + len > s.size()) len = 1;
        char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
        for (std::size_t k = 1; k < len; ++k) {
            const auto cont = static_cast<unsigned char>(s[i + k]);
            if ((cont & 0xC0) != 0x80) {
                len = 1;
                cp = c;
                break;
            }
            cp = (cp << 6) | (cont & 0x3F);
        }
        std::size_t width = 1;
        if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) || cp == 0xFE0F) width = 0;
        else if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                 (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                 (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD))
            width = 2;
        out.push_back({i, i + len, width});
        i += len;
    }
    return out;
}

// A file name may hold anything but '/' and NUL: a newline or an escape in it would break the line.
std::string printable(std::string name) {
    for (auto& c : name)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    return name;
}

// "2023-news-…-archive.tar.gz": the start and the end say most about a file, so the middle goes.
std::string shorten_middle(const std::string& text, std::size_t columns) {
    if (display_width(text) <= columns) return text;
    if (columns == 0) return {};
    const std::vector<Glyph> g = glyphs(text);
    const std::size_t keep = columns - 1;  // one column for the ellipsis
    std::size_t head_width = 0, head = 0;
    while (head < g.size() && head_width + g[head].width <= (keep + 1) / 2) head_width += g[head++].width;
    std::size_t tail_width = 0, tail = g.size();
    while (tail > head && tail_width + g[tail - 1].width <= keep - head_width) tail_width += g[--tail].width;
    const std::size_t head_end = head ? g[head - 1].end : 0;
    const std::size_t tail_begin = tail < g.size() ? g[tail].begin : text.size();
    return text.substr(0, head_end) + "\xE2\x80\xA6" + text.substr(tail_begin);
}

// The first @p columns of @p text: for a terminal too narrow for even the shortest line.
std::string cut_end(const std::string& text, std::size_t columns) {
    std::size_t width = 0, end = 0;
    for (const Glyph& g : glyphs(text)) {
        if (width + g.width > columns) break;
        width += g.width;
        end = g.end;
    }
    return text.substr(0, end);
}

std::string clock(double seconds) {
    const auto s = static_cast<long long>(seconds);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
    return buf;
}

// "351.2/938.5 MB": both in the total's unit, so that the two numbers compare at a glance.
std::string bytes_of_total(std::uint64_t done, std::uint64_t total) {
    const std::string t = human_bytes(total);
    const std::string unit = t.substr(t.find(' '));
    if (unit == " B") return std::to_string(done) + "/" + t;
    const double scale = unit == " KB" ? 1e3 : unit == " MB" ? 1e6 : unit == " GB" ? 1e9 : 1e12;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f/%.1f%s", static_cast<double>(done) / scale, static_cast<double>(total) / scale,
                  unit.c_str());
    return buf;
}

}  // namespace

std::size_t display_width(const std::string& text) {
    std::size_t w = 0;
    for (const Glyph& g : glyphs(text)) w += g.width;
    return w;
}

std::string progress_text(const IndexProgress& p, double source_seconds, double run_seconds, std::size_t columns) {
    const bool stdin_source = p.source == "-";
    const std::string name = stdin_source ? "stdin:" : printable(std::filesystem::path(p.source).filename().string());
    // The parts around the name, most useful first; the name gets what room is left.
    std::string before, after, left;
    if (p.source_bytes_total > 0 && !stdin_source) {
        const double fraction = std::min(1.0, static_cast<double>(p.source_bytes_read) / static_cast<double>(p.source_bytes_total));
        char pct[16];
        std::snprintf(pct, sizeof pct, "%3.0f%% ", fraction * 100);
        before = pct;
        after = " " + bytes_of_total(p.source_bytes_read, p.source_bytes_total);
        if (fraction > 0.01 && fraction < 1 && source_seconds >= 2) left = ", " + clock(source_seconds * (1 - fraction) / fraction) + " left";
    } else {
        // No size to measure against (a pipe): how much came in, never a share.
        after = " " + human_bytes(p.source_bytes_read) + " read";
    }
    char rate[32];
    std::snprintf(rate, sizeof rate, ", %.0f/s", run_seconds > 0 ? static_cast<double>(p.articles) / run_seconds : 0.0);
    const std::string count = " | " + plural(p.articles, "article");
    const std::string elapsed = " | " + clock(run_seconds);
    const std::size_t room = columns > 0 ? columns - 1 : 0;  // the last column would make some terminals wrap
    constexpr std::size_t kShortestName = 24;  // less, and a name is hard to recognise
    // Drop the least useful parts until the rest leaves the name some room.
    std::vector<std::string> optional{elapsed, rate, left};
    std::string line;
    for (std::size_t dropped = 0;; ++dropped) {
        const std::string tail = after + (dropped < 3 ? optional[2] : "") + count + (dropped < 2 ? optional[1] : "") +
                                 (dropped < 1 ? optional[0] : "");
        const std::size_t fixed = display_width(before) + display_width(tail);
        if (fixed + std::min(display_width(name), kShortestName) <= room || dropped == 3) {
            line = before + shorten_middle(name, room > fixed ? room - fixed : 0) + tail;
            break;
        }
    }
    return display_width(line) <= room ? line : cut_end(line, room);
}

std::size_t ProgressLine::columns() const {
    winsize ws{};
    if (::ioctl(fileno(out_), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    if (const char* c = std::getenv("COLUMNS"); c && std::atoi(c) > 0) return static_cast<std::size_t>(std::atoi(c));
    return 80;
}

void ProgressLine::update(const IndexProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (p.source != source_ || !drawn_) {
        source_ = p.source;
        source_started_ = now;
    }
    if (drawn_ && now - last_drawn_ < kRedrawEvery) return;
    last_drawn_ = now;
    drawn_ = true;
    const std::string line = progress_text(p, std::chrono::duration<double>(now - source_started_).count(),
                                           std::chrono::duration<double>(now - started_).count(), columns());
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
