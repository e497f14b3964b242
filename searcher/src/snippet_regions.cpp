#include "snippet_regions.h"

#include <algorithm>
#include <unordered_set>

namespace newsdex {
namespace {

// Decodes one UTF-8 sequence at text[i]; invalid bytes come out as U+FFFD, one byte long.
char32_t decode(std::string_view text, std::size_t i, std::size_t& length) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned char b0 = byte(0);
    length = 1;
    if (b0 < 0x80) return b0;
    const std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > text.size()) return 0xFFFD;
    char32_t cp = b0 & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(k) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (byte(k) & 0x3F);
    }
    length = n;
    return cp;
}

// Writes @p cp as UTF-8 at @p out (room for 4 bytes); returns the bytes written.
std::size_t encode_utf8(char* out, char32_t cp) {
    if (cp < 0x80) {
        out[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}

bool is_apostrophe_like(char32_t c) { return c == 0x27 || c == 0x2019 || c == 0x02BC || c == 0x60 || c == 0xB4 || c == 0x2018; }
bool is_ignorable(char32_t c) { return c == 0x0301 || c == 0x00AD || c == 0x200B; }

// Letters and digits of the scripts newsdex analyses, and what may sit inside a word. Anything
// else (spaces, punctuation, hyphens, symbols) ends a word.
bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || is_apostrophe_like(c);
    if (c == 0xD7 || c == 0xF7) return false;
    return (c >= 0xC0 && c <= 0x24F) || (c >= 0x370 && c <= 0x52F) || is_apostrophe_like(c) || is_ignorable(c);
}

char32_t fold(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 0x20;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
    if (c >= 0x0410 && c <= 0x042F) c += 0x20;
    else if (c >= 0x0400 && c <= 0x040F) c += 0x50;
    else if (c == 0x0490) c = 0x0491;
    if (c == 0x0451) return 0x0435;  // ё → е
    if (is_apostrophe_like(c)) return 0x27;
    return c;
}

// Writes the fold of @p c at @p out (room for 4 bytes); returns the bytes written.
std::size_t put_folded(char* out, char32_t c) {
    if (c == 0xDF) {  // ß case-folds to two letters
        out[0] = out[1] = 's';
        return 2;
    }
    return is_ignorable(c) ? 0 : encode_utf8(out, fold(c));
}

// Finds the next word of @p text at or after @p i and leaves its rough fold, apostrophes trimmed
// (they count only between letters), in @p folded; @p start and @p i end up around its bytes.
// Words longer than any indexed word are passed over. False when the text has no more words.
bool next_word(std::string_view text, std::size_t& i, std::size_t& start, std::string& folded) {
    char buffer[256];
    for (std::size_t n = 0; i < text.size();) {
        if (!is_word_char(decode(text, i, n))) {
            i += n;
            continue;
        }
        start = i;
        std::size_t length = 0;
        for (; i < text.size(); i += n) {
            // Cyrillic, the common case, decoded inline.
            const auto b = static_cast<unsigned char>(text[i]);
            char32_t w;
            if ((b == 0xD0 || b == 0xD1) && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
                w = ((b & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
                n = 2;
            } else {
                w = decode(text, i, n);
            }
            if (!is_word_char(w)) break;
            if (length + 8 <= sizeof buffer) length += put_folded(buffer + length, w);
        }
        if (length + 8 > sizeof buffer) continue;  // longer than any indexed word
        const std::string_view word(buffer, length);
        const std::size_t first = word.find_first_not_of('\'');
        if (first == std::string_view::npos) continue;
        folded.assign(word.substr(first, word.find_last_not_of('\'') - first + 1));
        return true;
    }
    return false;
}

struct Region {
    std::size_t begin, end;
};

}  // namespace

std::string rough_fold(std::string_view word) {
    std::string folded;
    std::size_t i = 0, start = 0;
    return next_word(word, i, start, folded) ? folded : std::string();
}

std::vector<Token> tokenize_near_matches(std::string_view text, const HighlightSpec& spec, const Analyzer& analyzer,
                                         std::size_t target_chars, bool& whole) {
    whole = true;
    // Around a match, a snippet window reaches back a quarter of its width and forward its whole
    // width; four bytes per character covers any script with room to spare.
    const std::size_t margin = 4 * std::max<std::size_t>(target_chars, 60) + 64;
    if (text.size() <= 4 * margin) return analyzer.tokenize(text);

    std::unordered_set<std::string> wanted;
    auto want = [&](const std::string& term) {
        wanted.insert(term);
        // A compound's parts are scanned one by one (the scan splits at hyphens and dots).
        for (std::size_t from = 0, to; from < term.size(); from = to + 1) {
            to = std::min(term.find_first_of("-./@:", from), term.size());
            if (to > from) wanted.insert(term.substr(from, to - from));
        }
    };
    for (const auto& t : spec.exact_terms) want(t);
    for (const auto& [form, lemma] : spec.forms) want(form);
    for (const auto& phrase : spec.phrases)
        for (const auto& t : phrase) want(t);

    std::vector<Region> regions;
    std::string folded;
    for (std::size_t i = 0, start = 0; next_word(text, i, start, folded);) {
        bool hit = wanted.count(folded) > 0;
        for (std::size_t p = 0; !hit && p < spec.prefixes.size(); ++p) hit = folded.rfind(spec.prefixes[p], 0) == 0;
        if (!hit) continue;
        const Region r{start > margin ? start - margin : 0, std::min(text.size(), i + margin)};
        if (!regions.empty() && r.begin <= regions.back().end) regions.back().end = r.end;
        else regions.push_back(r);
    }
    // Cut at white space, where no word, compound or URL can continue; then join what overlaps.
    auto at_space = [&](std::size_t k) { return text[k] == ' ' || text[k] == '\n' || text[k] == '\t' || text[k] == '\r'; };
    std::vector<Region> joined;
    for (auto r : regions) {
        while (r.begin > 0 && !at_space(r.begin - 1)) --r.begin;
        while (r.end < text.size() && !at_space(r.end)) ++r.end;
        if (!joined.empty() && r.begin <= joined.back().end) joined.back().end = std::max(joined.back().end, r.end);
        else joined.push_back(r);
    }
    std::size_t covered = 0;
    for (const auto& r : joined) covered += r.end - r.begin;
    if (joined.empty() || covered * 3 > text.size() * 2) return analyzer.tokenize(text);

    whole = false;
    std::vector<Token> tokens;
    for (const auto& r : joined) {
        for (Token& t : analyzer.tokenize(text.substr(r.begin, r.end - r.begin))) {
            t.begin += r.begin;
            t.end += r.begin;
            tokens.push_back(std::move(t));
        }
    }
    return tokens;
}

}  // namespace newsdex
