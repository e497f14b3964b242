// Paradigm rules for word forms a dictionary lookup cannot reach on its own: Hunspell's suffix
// rules applied backwards (a form → the words it can be inflected from), and the plural-only
// nouns whose genitive the dictionaries list as a word of its own (суток ~ сутки, людей ~ люди).
// Pure string rules: the caller checks each candidate against a word list (the dictionary at
// indexing, the index's own lemmas at search time), the way Hunspell checks a stripped root
// against its .dic.
#pragma once

#include "newsdex/language.h"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex {

/// The SFX rules of a Hunspell affix file (strip, add, condition), folded like the analyzer folds
/// words (lower case, ё→е, ' apostrophe), without their flags.
class SuffixRules {
public:
    /// Reads the SFX lines of an .aff file's text (PFX, flags and morphology are ignored).
    static SuffixRules from_affix_file(std::string_view aff_text);
    /// The compact text stored with an index (one "strip<TAB>add<TAB>condition" line per rule),
    /// and back.
    std::string serialize() const;
    static SuffixRules parse(std::string_view text);

    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }

    /// Every word some rule inflects into @p form (a normalized word), longest added suffix
    /// first, without duplicates and without @p form itself. Unchecked candidates: most are not
    /// words at all.
    std::vector<std::string> roots_of(std::string_view form) const;

private:
    struct Rule {
        std::string_view strip;
        std::string_view condition;  // as written: letters, [set], [^set], .
    };
    std::shared_ptr<const std::string> text_;  // the rules' text, which they point into
    std::unordered_map<std::string_view, std::vector<Rule>> by_added_;
    std::size_t longest_added_ = 0;  // in bytes
    std::size_t size_ = 0;
};

/// Whether the end of @p word satisfies a Hunspell affix condition (letters, [set], [^set], .).
bool affix_condition_holds(std::u32string_view condition, std::u32string_view word);

/// Nominative plurals that @p form, a genitive (or another plural case) of a plural-only or
/// suppletive noun, may belong to (суток →
/// сутки, ножниц → ножницы, денег → деньги; людей → люди, дверей → двері), for uk and ru; empty
/// for other languages or forms that cannot be such a genitive. Unchecked candidates.
std::vector<std::string> plural_only_nominatives(std::string_view form, Language lang);

/// The standard spellings of a colloquial or poetic short form that the dictionary does not list
/// (uk: ведем → ведемо, стріляємся → стріляємося, купаєть → купається, фабрикантови →
/// фабрикантові, вбогіш → вбогіше); empty for other words and languages. Unchecked candidates.
std::vector<std::string> variant_spellings(std::string_view form, Language lang);

/// Lemmas of a personal or interrogative pronoun form (кого → хто, нею → вона, чем → что), which
/// the dictionaries list as words of their own; empty for any other word. A closed class: the
/// forms are listed, for uk and ru.
std::vector<std::string> pronoun_lemmas(std::string_view form, Language lang);

}  // namespace newsdex
