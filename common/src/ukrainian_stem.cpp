// A light Ukrainian stemmer, the fallback for words the Hunspell dictionary does not know (names,
// new words). No Snowball or Xapian release has one (see docs/analysis.md). It works on each
// part of a hyphenated word, in three steps:
//   1. drop the reflexive -ся/-сь of verbs;
//   2. drop the longest inflectional ending found after the first vowel (Snowball's RV region),
//      never leaving fewer than two letters; a verb's ending goes with the theme vowel of its
//      infinitive (хайп-ува-ти, хайп-ува-в, хайп-ую), so every tense meets the infinitive;
//   3. undo the vowel and suffix alternations that inflection brings back (кіт/кота, вітер/вітру
//      are not handled; хірт/хорту, ніж/ножа, українець/українця, дзвінок/дзвінка are), so that
//      the stem of the dictionary form equals the stem of the inflected one.
// Measured on ../shared/corpora/lexicon/uk_lemmas_dev.tsv by bench/analysis_bench and
// bench/lemma_coverage; the verb endings on Hunspell-uk's own paradigms (docs/analysis.md).
#include "newsdex/stemmer.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace newsdex {
namespace {

// Noun, adjective, pronoun and verb endings together: the longest one that fits wins, so the
// order here does not matter. Every ending is Cyrillic, two bytes per letter.
constexpr std::string_view kEndings[] = {
    // adjectives and pronominal forms
    "ими", "іми", "ого", "ому", "ього", "ьому", "ою", "ої", "ій", "ий", "их", "іх", "ім", "им", "ую", "юю",
    "ая", "яя", "ее", "еє", "єє", "іє", "ії", "їм", "їх", "їй", "єю", "ому", "ого", "ої",
    // nouns
    "ами", "ями", "ові", "еві", "єві", "ієві", "ієм", "ію", "ія", "ією", "ієї", "іям", "іями", "іях", "ям", "ам", "ом", "ем", "єм", "ою",
    "ею", "ах", "ях", "ів", "їв", "ей", "а", "я", "о", "е", "є", "и", "і", "ї", "у", "ю", "ь", "й",
    // verbs: infinitive, present/future, past, imperative
    "ати", "яти", "ити", "іти", "ути", "ить", "іть", "ать", "ять", "уть", "ють", "ете", "ите",
    "имо", "імо", "емо", "ємо", "ему", "еш", "єш", "иш", "уватим", "итим", "атим"};
// Verb endings with the theme vowel of the infinitive stem (чит-а-ти, роб-и-ти, інтегр-ува-ти), so
// that every tense meets the infinitive: infinitive (short too), synthetic future, past, past
// adverbial participle, and for vowel stems the present and imperative (чит-а-ю, інтегр-ую). The
// past endings also end nouns (генерала, Ярослав): canonical() drops a final vowel + л/в from
// every stem, so the noun's other forms (генерал, Ярославу) reduce alike.
const std::vector<std::string>& verb_endings() {
    static const std::vector<std::string> endings = [] {
        std::vector<std::string> out;
        for (std::string theme : {"а", "я", "и", "і", "ї", "у", "ува", "юва"})
            for (const char* e : {"ти", "ть", "тиму", "тимеш", "тиме", "тиметь", "тимемо", "тимем", "тимете", "тимуть", "в", "ла", "ло", "ли", "вши"})
                out.push_back(theme + e);
        for (std::string theme : {"а", "я", "у", "ю", "ї"})
            for (const char* e : {"ю", "єш", "є", "єть", "ємо", "єте", "ють", "й", "йте", "ймо", "ючи"}) out.push_back(theme + e);
        for (const char* e : {"учи", "ючи", "ачи", "ячи", "їш", "їть", "їмо", "їте", "іте"}) out.push_back(e);
        return out;
    }();
    return endings;
}

constexpr std::array<std::string_view, 10> kVowels{"а", "е", "є", "и", "і", "ї", "о", "у", "ю", "я"};

bool is_vowel_at(std::string_view s, std::size_t i) {
    for (auto v : kVowels)
        if (s.compare(i, v.size(), v) == 0) return true;
    return false;
}

std::size_t letters(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool ends_with(std::string_view s, std::string_view end) { return s.size() >= end.size() && s.substr(s.size() - end.size()) == end; }

const std::vector<std::string_view>& endings_longest_first() {
    static const std::vector<std::string_view> sorted = [] {
        std::vector<std::string_view> v(std::begin(kEndings), std::end(kEndings));
        for (const std::string& e : verb_endings()) v.push_back(e);
        std::stable_sort(v.begin(), v.end(), [](auto a, auto b) { return a.size() > b.size(); });
        return v;
    }();
    return sorted;
}

// Byte index just past the first vowel, or npos: endings may only be removed after it.
std::size_t region_start(std::string_view word) {
    for (std::size_t i = 0; i < word.size(); ++i)
        if ((static_cast<unsigned char>(word[i]) & 0xC0) != 0x80 && is_vowel_at(word, i)) return i + 2;
    return std::string_view::npos;
}

std::string_view strip_ending(std::string_view word) {
    const std::size_t rv = region_start(word);
    if (rv == std::string_view::npos || rv >= word.size()) return word;
    for (std::string_view e : endings_longest_first()) {
        if (word.size() < rv + e.size() || !ends_with(word, e)) continue;
        const std::string_view stem = word.substr(0, word.size() - e.size());
        if (letters(stem) >= 2) return stem;
    }
    return word;
}

// The o/e ~ і alternation of closed syllables (міст/мосту, ніж/ножа, віл/волів) and the fleeting
// vowel of -ець/-ок (українець/українця, дзвінок/дзвінка): reduce both sides to one spelling.
void drop_fleeting_vowel(std::string& stem) {
    if (letters(stem) <= 3) return;
    if (ends_with(stem, "ець")) stem.replace(stem.size() - 6, 6, "ц");
    else if (ends_with(stem, "ец")) stem.replace(stem.size() - 4, 4, "ц");
    else if (ends_with(stem, "ок")) stem.replace(stem.size() - 4, 4, "к");
    else if (letters(stem) >= 5 && stem.size() >= 6 && !is_vowel_at(stem, stem.size() - 6)) {
        // е/о between a consonant and a final л, р, н: вимисел/вимислу, вітер/вітру, посол/посла.
        for (std::string_view end : {"ел", "ер", "ен", "ол", "ор"})
            if (ends_with(stem, end)) {
                stem.erase(stem.size() - 4, 2);
                break;
            }
    }
}

// An adjective in -овий has the plural -ові, which is also the nouns' dative ending and so is
// stripped whole (понаднормові → понаднорм); its other forms keep -ов- (понаднормовий →
// понаднормов), as do nouns in -ова (основі → осн, основа → основ). Drop a final -ов from every
// stem of five letters or more so both sides agree.
void drop_adjective_ov(std::string& stem) {
    if (letters(stem) >= 5 && ends_with(stem, "ов")) stem.erase(stem.size() - 4);
}

// A stem that still ends in a theme vowel + л or в is a noun's (генерал, Ярослав, канал) whose
// other forms lost the same letters as a verb's past (генерала, Ярослава's -ав): drop them too.
void drop_past_like_end(std::string& stem) {
    if (letters(stem) < 5) return;
    if (!ends_with(stem, "л") && !ends_with(stem, "в")) return;
    for (std::string_view v : {"а", "я", "и", "і", "у"})
        if (stem.compare(stem.size() - 4, 2, v) == 0) {
            stem.erase(stem.size() - 4);
            return;
        }
}

std::string canonical(std::string stem) {
    // ьо after a consonant alternates with і like о does (виліт/вильоту): one spelling, о.
    for (std::size_t at = stem.find("ьо"); at != std::string::npos; at = stem.find("ьо", at)) stem.erase(at, 2);
    // A comparative keeps its -іш, unchanged, so its forms (вагоміший, вагоміше, the short
    // вагоміш) meet each other but not the positive degree (вагомий).
    if (letters(stem) >= 5 && ends_with(stem, "іш")) return stem;
    drop_past_like_end(stem);
    drop_adjective_ov(stem);
    drop_fleeting_vowel(stem);
    // The last і followed only by one or two consonants becomes о.
    const std::size_t i = stem.rfind("і");
    if (i != std::string::npos && i >= 2) {
        const std::size_t after = letters(std::string_view(stem).substr(i + 2));
        bool consonants = after >= 1 && after <= 2;
        for (std::size_t k = i + 2; k < stem.size() && consonants; k += (static_cast<unsigned char>(stem[k]) < 0x80 ? 1 : 2))
            consonants = !is_vowel_at(stem, k) && stem.compare(k, 2, "ь") != 0 && static_cast<unsigned char>(stem[k]) >= 0x80;
        if (consonants) stem.replace(i, 2, "о");
    }
    // потік → поток → потк, as потоку → поток → потк.
    drop_fleeting_vowel(stem);
    return stem;
}

std::string stem_part(std::string_view word) {
    for (std::string_view reflexive : {"ся", "сь"})
        if (ends_with(word, reflexive) && letters(word) > 4) {
            word.remove_suffix(reflexive.size());
            break;
        }
    return canonical(std::string(strip_ending(word)));
}

}  // namespace

std::string ukrainian_stem(std::string_view term) {
    std::string out;
    while (true) {
        const std::size_t hyphen = term.find('-');
        out += stem_part(term.substr(0, hyphen));
        if (hyphen == std::string_view::npos) break;
        out += '-';
        term.remove_prefix(hyphen + 1);
    }
    return out;
}

}  // namespace newsdex
