// What Snowball's Russian stemmer leaves apart in one word's forms, brought together: the
// fallback for Russian words the Hunspell dictionary does not know (names, new words) and the
// stem by which a query form the index never saw meets them. Snowball strips endings only; these
// rules undo the alternations inside the stem that inflection brings, each checked on Hunspell-ru
// paradigms held out of the dictionary (bench/lemma_coverage, set ru-new, tune half):
//   imperative -йте/-ьте        вдуйте, проспорьте → вду, проспор (as вдуй, проспорить)
//   -овать/-евать verbs          элиминирова(ть), элиминиру(ешь) → элиминир (as элиминирую)
//   -ать/-ять verbs              засушива(ть) → засушив (as the adverbial participle засушивая)
//   short adjectives             упарен(ный) → упар, компетентн(ый) → компетент (as упарен, компетентен)
//   fleeting о/е of -ок/-ек/-ец   камешек → камешк (as камешка), хозяек → хозяйк (as хозяйка)
#include "newsdex/stemmer.h"

#include <string>

namespace newsdex {
namespace {

constexpr std::string_view kVowels[] = {"а", "е", "и", "о", "у", "ы", "э", "ю", "я"};

std::size_t letters(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool ends_with(std::string_view s, std::string_view end) { return s.size() >= end.size() && s.substr(s.size() - end.size()) == end; }

// Whether the letter that ends @p s (a two-byte Cyrillic letter) is a consonant.
bool ends_in_consonant(std::string_view s) {
    if (s.size() < 2 || static_cast<unsigned char>(s[s.size() - 2]) < 0xC0) return false;
    const std::string_view last = s.substr(s.size() - 2);
    if (last == "ь" || last == "ъ" || last == "й") return false;
    for (auto v : kVowels)
        if (last == v) return false;
    return true;
}

}  // namespace

std::string russian_stem_alternations(std::string stem) {
    // Each Cyrillic letter is two bytes: n letters are 2n bytes.
    auto drop = [&](std::size_t n) { stem.erase(stem.size() - 2 * n); };
    if ((ends_with(stem, "йт") || ends_with(stem, "ьт")) && letters(stem) >= 4) drop(2);
    if ((ends_with(stem, "ова") || ends_with(stem, "ева")) && letters(stem) >= 6) drop(3);
    // The present of -овать verbs keeps its у where Snowball finds a personal ending (элиминиру-ешь).
    else if (ends_with(stem, "у") && letters(stem) >= 6) drop(1);
    else if ((ends_with(stem, "а") || ends_with(stem, "я")) && letters(stem) >= 5) drop(1);
    if (ends_with(stem, "ен") && letters(stem) >= 5) drop(2);
    else if (ends_with(stem, "н") && letters(stem) >= 6 && ends_in_consonant(std::string_view(stem).substr(0, stem.size() - 2))) drop(1);
    if (letters(stem) >= 5 && (ends_with(stem, "ок") || ends_with(stem, "ек") || ends_with(stem, "ец"))) {
        const std::string_view before = std::string_view(stem).substr(0, stem.size() - 4);
        const std::string last = stem.substr(stem.size() - 2);
        if (ends_in_consonant(before)) stem = std::string(before) + last;
        else if (ends_with(stem, "ек") && !ends_with(before, "ь") && !ends_with(before, "й")) stem = std::string(before) + "йк";
    }
    return stem;
}

}  // namespace newsdex
