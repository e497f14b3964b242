// Reduces a normalized word to the stem under which its inflections meet in the index.
#pragma once

#include "newsdex/language.h"

#include <memory>
#include <string>
#include <string_view>

namespace newsdex {

/// English and Russian use Xapian's Snowball stemmers (Russian's then undoes alternations its
/// endings-only stripping leaves, russian_stem_alternations); Ukrainian, which no Snowball release
/// covers, uses a suffix stripper of our own (ukrainian_stem). Not thread-safe: one per thread.
class Stemmer {
public:
    Stemmer();
    ~Stemmer();
    Stemmer(const Stemmer&) = delete;
    Stemmer& operator=(const Stemmer&) = delete;

    /// The stem of @p term (already normalized by Analyzer) in @p lang; "" for Language::other.
    std::string stem(std::string_view term, Language lang) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Light rule-based Ukrainian stemmer: strips one inflectional ending after the first vowel.
std::string ukrainian_stem(std::string_view term);

/// A Russian Snowball stem with the alternations inside it undone (fleeting vowels, -ова-/-у-
/// verbs, short adjectives, imperatives), so that more of one word's forms share it.
std::string russian_stem_alternations(std::string snowball_stem);

}  // namespace newsdex
