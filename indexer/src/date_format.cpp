// Dates as dumps write them, turned into the ISO 8601 form the index keys on.
#include "extractor.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace newsdex {
namespace {

int month_number(std::string_view name) {
    static constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                              "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) return 0;
    std::string m;
    for (char c : name.substr(0, 3)) m += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t i = 0; i < kMonths.size(); ++i)
        if (m == kMonths[i]) return static_cast<int>(i) + 1;
    return 0;
}

}  // namespace

std::string to_iso_date(std::string_view date) {
    // Already ISO ("2024-03-01", "2024-03-01T10:00:00Z"): keep.
    if (date.size() >= 4 && std::isdigit(static_cast<unsigned char>(date[0])) && (date.size() == 4 || date[4] == '-'))
        return std::string(date);
    // RFC 822 / 1123, as RSS and HTTP write them: "Tue, 05 Mar 2024 10:20:30 +0000" (weekday optional).
    if (auto comma = date.find(','); comma != std::string_view::npos && comma < 10) date.remove_prefix(comma + 1);
    int day = 0, year = 0, hh = -1, mm = -1, ss = 0;
    char month[16] = {};
    const std::string s(date);
    const int n = std::sscanf(s.c_str(), " %d %15s %d %d:%d:%d", &day, month, &year, &hh, &mm, &ss);
    const int mon = month_number(month);
    if (n < 3 || mon == 0 || day < 1 || day > 31 || year < 1000 || year > 2999) return std::string(date);
    if (year < 100) year += 2000;
    char out[64];
    if (n >= 5 && hh >= 0 && mm >= 0)
        std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d", year, mon, day, hh, mm, n >= 6 ? ss : 0);
    else
        std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, mon, day);
    return out;
}

}  // namespace newsdex
