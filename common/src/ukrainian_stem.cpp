// A light Ukrainian stemmer. No Snowball or Xapian release has one (see docs/analysis.md); this
// strips the longest inflectional ending found after the first vowel, never leaving fewer than two
// letters, so that the common case forms of nouns, adjectives and verb forms meet in one stem.
#include "newsdex/stemmer.h"

#include <array>
#include <string>

namespace newsdex {
namespace {

// Ordered longest first within each group; every ending is UTF-8 Cyrillic.
constexpr std::array<std::string_view, 40> kVerbEndings{
    "уватися", "юватися", "уватись", "ватися", "атися", "ятися", "итися", "ітися", "атись", "итись",
    "ується", "юються", "уються", "ується", "ували", "ували", "увати", "ювати", "уємо", "юємо",
    "ється", "ються", "ать", "ять", "уть", "ють", "ить", "іть", "ати", "яти",
    "ити", "іти", "ути", "ила", "ало", "али", "ила", "ли", "ла", "ло"};
constexpr std::array<std::string_view, 52> kNominalEndings{
    "ськими", "цькими", "ському", "ського", "ської", "ськими", "ськім", "ських",
    "ьому", "ього", "ього", "ими", "ими", "іми", "ями", "ами", "ові", "еві", "єві", "ого", "ому",
    "ою", "ею", "єю", "ах", "ях", "ів", "їв", "ей", "ям", "ам", "ом", "ем", "ої", "ій", "ий", "их",
    "іх", "ім", "им", "ую", "юю", "ая", "яя", "ее", "іє", "а", "я", "о", "е", "и", "у"};
constexpr std::array<std::string_view, 6> kShortEndings{"і", "ї", "ю", "є", "ь", "й"};

bool is_vowel_at(std::string_view s, std::size_t i) {
    static constexpr std::array<std::string_view, 10> vowels{"а", "е", "є", "и", "і", "ї", "о", "у", "ю", "я"};
    for (auto v : vowels)
        if (s.compare(i, v.size(), v) == 0) return true;
    return false;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace

std::string ukrainian_stem(std::string_view term) {
    // The region after the first vowel is where endings may be removed (as in Snowball's RV).
    std::size_t rv = std::string_view::npos;
    for (std::size_t i = 0; i < term.size(); ++i) {
        if ((static_cast<unsigned char>(term[i]) & 0xC0) == 0x80) continue;
        if (is_vowel_at(term, i)) {
            rv = i + 2;  // every Cyrillic vowel is two bytes
            break;
        }
    }
    if (rv == std::string_view::npos || rv >= term.size()) return std::string(term);

    auto strip = [&](auto const& endings) -> bool {
        for (std::string_view e : endings) {
            if (term.size() < rv + e.size() || term.substr(term.size() - e.size()) != e) continue;
            std::string_view stem = term.substr(0, term.size() - e.size());
            if (utf8_length(stem) < 2) continue;
            term = stem;
            return true;
        }
        return false;
    };
    if (!strip(kVerbEndings) && !strip(kNominalEndings)) strip(kShortEndings);
    return std::string(term);
}

}  // namespace newsdex
