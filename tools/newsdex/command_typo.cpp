#include "command_typo.h"

#include <algorithm>
#include <limits>

namespace newsdex::cli {
namespace {

// Command names and what people type for them are short; decoding by hand keeps a Cyrillic word
// typed where a command belongs one character per letter.
std::u32string code_points(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}

}  // namespace

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    // Optimal string alignment: Levenshtein plus the swap of two neighbours ("idnex").
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

std::optional<std::string> closest_command(const std::string& typed, const std::vector<std::string>& commands) {
    const std::u32string word = code_points(typed);
    std::vector<std::string> starting;
    for (const auto& c : commands)
        if (word.size() >= 2 && c.size() > typed.size() && c.compare(0, typed.size(), typed) == 0) starting.push_back(c);
    if (starting.size() == 1) return starting.front();
    const std::size_t allowed = word.size() <= 4 ? 1 : 2;
    std::size_t best = std::numeric_limits<std::size_t>::max();
    std::vector<std::string> nearest;
    for (const auto& c : commands) {
        const std::size_t d = edit_distance(word, code_points(c));
        if (d < best) {
            best = d;
            nearest = {c};
        } else if (d == best) {
            nearest.push_back(c);
        }
    }
    if (best == 0 || best > allowed || nearest.size() != 1) return std::nullopt;
    return nearest.front();
}

}  // namespace newsdex::cli
