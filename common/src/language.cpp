#include "newsdex/language.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace newsdex {
namespace {

struct LetterCounts {
    std::size_t latin = 0;
    std::size_t cyrillic = 0;
    std::size_t ukrainian_only = 0;  // і ї є ґ
    std::size_t russian_only = 0;    // ы э ъ ё
};

bool is_ukrainian_only(UChar32 c) {
    c = u_tolower(c);
    return c == 0x0456 || c == 0x0457 || c == 0x0454 || c == 0x0491;
}

bool is_russian_only(UChar32 c) {
    c = u_tolower(c);
    return c == 0x044B || c == 0x044D || c == 0x044A || c == 0x0451;
}

bool is_cyrillic(UChar32 c) { return c >= 0x0400 && c <= 0x04FF; }
bool is_latin(UChar32 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F); }

// Frequent function words that the other two languages do not share in the same spelling.
constexpr std::array<std::string_view, 16> kUkrainianWords{
    "та", "що", "від", "для", "як", "це", "було", "його", "або", "також",
    "які", "під", "після", "через", "він", "ще"};
constexpr std::array<std::string_view, 16> kRussianWords{
    "что", "от", "для", "как", "это", "было", "его", "или", "также",
    "которые", "под", "после", "через", "он", "еще", "уже"};
constexpr std::array<std::string_view, 16> kEnglishWords{
    "the", "and", "of", "to", "in", "is", "that", "for", "on", "with",
    "was", "as", "by", "it", "said", "from"};

// Function words of other Latin-script languages (German, French, Spanish, Italian, Polish,
// Portuguese, Dutch) that English does not use: Latin text full of them is not English.
constexpr std::array<std::string_view, 40> kOtherLatinWords{
    "der", "die", "und", "das", "ist", "nicht", "mit", "den", "auf", "les", "et", "des", "est", "une",
    "dans", "pour", "pas", "qui", "el", "los", "las", "y", "que", "por", "una", "con", "para", "del",
    "il", "di", "che", "della", "non", "sono", "się", "jest", "że", "nie", "het", "een"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

std::string lower_utf8(std::string_view word) {
    std::string out;
    const auto* s = reinterpret_cast<const uint8_t*>(word.data());
    const auto n = static_cast<int32_t>(word.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) continue;
        c = u_tolower(c);
        char buf[4];
        int32_t len = 0;
        UBool error = false;
        U8_APPEND(buf, len, 4, c, error);
        if (!error) out.append(buf, static_cast<std::size_t>(len));
    }
    return out;
}

}  // namespace

std::string_view language_code(Language lang) {
    switch (lang) {
    case Language::en: return "en";
    case Language::uk: return "uk";
    case Language::ru: return "ru";
    case Language::other: break;
    }
    return "other";
}

Language language_from_code(std::string_view code) {
    std::string c;
    for (char ch : code.substr(0, std::min<std::size_t>(code.size(), 3))) c += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (c.size() >= 2) {
        const std::string two = c.substr(0, 2);
        const bool ends = c.size() == 2 || c[2] == '-' || c[2] == '_';
        if (ends && two == "uk") return Language::uk;
        if (ends && two == "ru") return Language::ru;
        if (ends && two == "en") return Language::en;
    }
    if (c == "ukr") return Language::uk;
    if (c == "rus") return Language::ru;
    if (c == "eng") return Language::en;
    return Language::other;
}

Language detect_language(std::string_view text, Language hint) {
    // A long article is decided well before its end; bound the work.
    constexpr std::size_t kSampleBytes = 16 * 1024;
    if (text.size() > kSampleBytes) text = text.substr(0, kSampleBytes);

    LetterCounts letters;
    std::size_t uk_words = 0, ru_words = 0, en_words = 0, other_words = 0, words = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    int32_t word_start = -1;
    auto end_word = [&](int32_t end) {
        if (word_start < 0) return;
        const std::string w = lower_utf8(text.substr(static_cast<std::size_t>(word_start), static_cast<std::size_t>(end - word_start)));
        ++words;
        uk_words += contains(kUkrainianWords, w);
        ru_words += contains(kRussianWords, w);
        en_words += contains(kEnglishWords, w);
        other_words += contains(kOtherLatinWords, w);
        word_start = -1;
    };
    for (int32_t i = 0; i < n;) {
        const int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c >= 0 && u_isalpha(c)) {
            if (word_start < 0) word_start = at;
            if (is_cyrillic(c)) {
                ++letters.cyrillic;
                letters.ukrainian_only += is_ukrainian_only(c);
                letters.russian_only += is_russian_only(c);
            } else if (is_latin(c)) {
                ++letters.latin;
            }
        } else if (!(c == '\'' || c == 0x2019 || c == 0x02BC)) {
            end_word(at);
        }
    }
    end_word(n);

    if (letters.latin + letters.cyrillic == 0) return hint;
    // Latin letters outnumber Cyrillic ones in Cyrillic articles that quote English at length or
    // carry scraped CSS; their function words still give them away.
    const std::size_t cyrillic_words = uk_words + ru_words;
    // An English article with a quarter of its letters Cyrillic is much rarer than the reverse.
    const bool cyrillic_text = letters.cyrillic > letters.latin ||
                               (cyrillic_words >= 3 && (cyrillic_words > en_words || 3 * letters.cyrillic >= letters.latin));
    if (!cyrillic_text) {
        // Latin text is English unless another language's function words say otherwise: stock
        // tables and headlines ("Shr 45 cts vs 58 cts") have few English function words.
        if (other_words * 25 >= words && other_words > 2 * en_words) return Language::other;
        return Language::en;
    }
    const double uk_score = static_cast<double>(letters.ukrainian_only) + 3.0 * static_cast<double>(uk_words);
    const double ru_score = static_cast<double>(letters.russian_only) + 3.0 * static_cast<double>(ru_words);
    if (uk_score > ru_score) return Language::uk;
    if (ru_score > uk_score) return Language::ru;
    return hint == Language::uk || hint == Language::ru ? hint : Language::ru;
}

namespace {

// The languages a word's alphabet allows, most likely first (other: none), without allocating:
// term_language runs once per token.
struct WordLanguages {
    Language first = Language::other, second = Language::other;
};

WordLanguages languages_of(std::string_view word) {
    // Addresses are matched as written; their parts are words of their own.
    if (word.find('@') != std::string_view::npos || word.find("://") != std::string_view::npos || word.rfind("www.", 0) == 0)
        return {};
    bool latin = false, cyrillic = false, uk = false, ru = false;
    const auto* s = reinterpret_cast<const uint8_t*>(word.data());
    const auto n = static_cast<int32_t>(word.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) continue;
        if (is_cyrillic(c)) {
            cyrillic = true;
            uk |= is_ukrainian_only(c);
            ru |= is_russian_only(c);
        } else if (is_latin(c)) {
            latin = true;
        }
    }
    if (cyrillic && uk && !ru) return {Language::uk};
    if (cyrillic && ru && !uk) return {Language::ru};
    if (cyrillic) return {Language::uk, Language::ru};
    if (latin) return {Language::en};
    return {};
}

}  // namespace

std::vector<Language> word_languages(std::string_view word) {
    const WordLanguages w = languages_of(word);
    std::vector<Language> out;
    for (Language lang : {w.first, w.second})
        if (lang != Language::other) out.push_back(lang);
    return out;
}

Language term_language(std::string_view word, Language article_lang) {
    const WordLanguages w = languages_of(word);
    if (article_lang != Language::other && (w.first == article_lang || w.second == article_lang)) return article_lang;
    return w.first;
}

}  // namespace newsdex
