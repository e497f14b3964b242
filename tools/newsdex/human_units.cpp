#include "human_units.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace newsdex::cli {

std::string human_bytes(std::uint64_t bytes) {
    if (bytes < 1000) return std::to_string(bytes) + " B";
    static const char* const units[] = {"KB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes) / 1000;
    int unit = 0;
    while (value >= 999.95 && unit < 3) {
        value /= 1000;
        ++unit;
    }
    char buf[32];
    // Three significant digits at most: 1.25 GB, 12.5 MB, 125 KB.
    std::snprintf(buf, sizeof buf, value < 9.995 ? "%.2f %s" : value < 99.95 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    return buf;
}

std::string plural(std::uint64_t n, const std::string& word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string human_duration(double seconds) {
    char buf[48];
    if (seconds < 9.95) {
        std::snprintf(buf, sizeof buf, "%.1f s", std::max(seconds, 0.0));
        return buf;
    }
    const auto s = static_cast<long long>(std::llround(seconds));
    if (s < 60) std::snprintf(buf, sizeof buf, "%lld s", s);
    else if (s < 3600) std::snprintf(buf, sizeof buf, "%lld m %02lld s", s / 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%lld h %02lld m %02lld s", s / 3600, s / 60 % 60, s % 60);
    return buf;
}

}  // namespace newsdex::cli
