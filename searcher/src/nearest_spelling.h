// The word of the index's spelling data one edit away from a typo: most typing errors are one
// letter deleted, inserted, replaced, or two neighbours swapped, so a word that far is the likely
// intent before any word two edits away, however common that one is.
#pragma once

#include <xapian.h>

#include <string>

namespace newsdex {

/// Of the words one edit (Damerau: deletion, insertion, substitution, adjacent transposition)
/// from normalized @p word, the one with the highest spelling frequency in @p db; "" when the
/// spelling data holds none, or holds @p word itself (then it is no typo). Letters tried are
/// those of @p word's script: a-z for Latin, the Ukrainian and Russian alphabets together for
/// Cyrillic; other words get "". About 75 candidates per letter of @p word, looked up in one
/// ordered walk of the spelling list.
std::string nearest_spelling(const Xapian::Database& db, const std::string& word);

}  // namespace newsdex
