// Dictionary lemmas from Hunspell (Debian hunspell-uk, hunspell-ru). Internal to newsdex_common:
// only Lemmatizer uses it, so the rest of the tree never sees Hunspell's headers.
#pragma once

#include "newsdex/language.h"
#include "newsdex/paradigm.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

class Hunspell;

namespace newsdex {

class HunspellDictionary {
public:
    /// Loads <dir>/<locale>.aff and .dic (about 0.3 s for uk_UA). @p dir "" means the directory
    /// named by NEWSDEX_HUNSPELL_DIR, else /usr/share/hunspell. A missing dictionary is not an
    /// error: available() is false and lemmas() gives nothing, so callers fall back to rules.
    HunspellDictionary(Language lang, const std::string& dir = "");
    ~HunspellDictionary();
    HunspellDictionary(const HunspellDictionary&) = delete;
    HunspellDictionary& operator=(const HunspellDictionary&) = delete;

    bool available() const { return hunspell_ != nullptr; }
    /// Where the dictionary was looked for, for messages.
    const std::string& path() const { return path_; }

    /// Every dictionary lemma of @p word (normalized: lower case, ' apostrophe, е for ё), normalized
    /// the same way, without duplicates; empty when the dictionary does not know the word.
    /// A plural-only noun's genitive, which the dictionaries list as a word of its own (суток,
    /// людей), also gets the nominative plural it belongs to (сутки, люди).
    std::vector<std::string> lemmas(std::string_view word) const;

    /// Lemmas of a hyphenated word (normalized). The dictionary's own when the compound is a form
    /// of one of its entries (віце-президента → віце-президент); else each part's lemmas joined by
    /// hyphens, a part it does not know kept as written (вечора-зустрічі → вечір-зустріч,
    /// Санкт-Петербурге → санкт-петербург), since Hunspell accepts such a word part by part and
    /// then "stems" it to itself (uk) or to nothing (ru). Empty when the dictionary knows
    /// neither the compound nor any of its parts.
    std::vector<std::string> compound_lemmas(std::string_view word) const;

    /// Whether @p word (normalized) is a dictionary entry itself, not only a form of one.
    bool is_entry(std::string_view word) const;

    /// The suffix rules of the affix file, read on first use (empty when unavailable).
    const SuffixRules& suffix_rules() const;

private:
    std::unique_ptr<Hunspell> hunspell_;
    std::string path_;
    Language lang_ = Language::other;
    mutable std::unique_ptr<SuffixRules> suffix_rules_;
};

/// Folds a dictionary word the way Analyzer folds text: case, ё→е, apostrophes. Dictionary
/// output is already NFC, so full NFKC is not needed here.
std::string fold_dictionary_word(std::string_view word);

}  // namespace newsdex
