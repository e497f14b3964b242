// The one text analyzer shared by indexing, query building and snippets: a word matches and is
// highlighted exactly when the index agrees that it matches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// What a token stands for. Hyphenated compounds (Івано-Франківськ, 2021-03-04) and e-mail or
/// URL-like tokens are given whole and by parts: the whole first, at the position of its first
/// part, then each part at its own position, so phrases over the parts still match.
enum class TokenKind : std::uint8_t {
    word,      ///< a plain word or number
    compound,  ///< a hyphenated compound, e-mail address or URL, whole
    part,      ///< one part of the compound given just before it
};

/// A word of the analysed text.
struct Token {
    std::string term;       ///< normalized form: NFKC case-folded, apostrophes unified, ё→е, no stress
    std::uint32_t position; ///< word ordinal in the text, counted from the first_position argument
    std::size_t begin;      ///< byte offset of the word's first byte in the original UTF-8 text
    std::size_t end;        ///< byte offset one past the word's last byte
    TokenKind kind = TokenKind::word;
};

/// Splits text into words with ICU's word BreakIterator and normalizes each word; also repairs
/// words that mix Cyrillic and Latin look-alike letters by accident (Kиїв, мaмa) to one script.
/// Not thread-safe (ICU break iterators carry state): use one Analyzer per thread.
class Analyzer {
public:
    Analyzer();
    ~Analyzer();
    Analyzer(const Analyzer&) = delete;
    Analyzer& operator=(const Analyzer&) = delete;

    /// Words of @p text in order. Invalid UTF-8 sequences count as U+FFFD (never a word).
    std::vector<Token> tokenize(std::string_view text, std::uint32_t first_position = 0) const;

    /// The normalized form of one word, as tokenize() would produce it.
    std::string normalize(std::string_view word) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
