// Function words (articles, prepositions, conjunctions, particles, forms of "to be", personal
// pronouns) of English, Ukrainian and Russian. They are searched like any word; they are only
// left unhighlighted, because a snippet of "the oil" with every "the" marked hides the oil.
#pragma once

#include <string_view>

namespace newsdex {

/// Whether @p normalized_word (as the analyzer makes it: lower case, ё → е, one apostrophe) is a
/// function word in a language its letters allow: English for Latin letters, Ukrainian or Russian
/// for Cyrillic. Words that are also common names or abbreviations written in capitals (US, IT,
/// WHO, May) are deliberately not in the lists: the analyzer folds case, so "us" would hide "US".
bool is_stop_word(std::string_view normalized_word);

}  // namespace newsdex
