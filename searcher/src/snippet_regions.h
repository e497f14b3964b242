// Tokenizing only the parts of a long text where a snippet can come from. The ICU word break
// iterator costs about 0.5 ms per 10 KB article, most of a search with 10 snippets; a byte-level
// scan with a rough case fold finds where the query's words occur, and only the text around
// those places goes through the real analyzer.
#pragma once

#include "newsdex/analyzer.h"
#include "query_builder.h"

#include <string_view>
#include <vector>

namespace newsdex {

/// Tokens of @p text (byte offsets into it), restricted to regions wide enough around each likely
/// match of @p spec that windows of @p target_chars characters framed there come out as if the
/// whole text had been tokenized. Falls back to the whole text when the rough scan finds nothing
/// (a form only the full analyzer normalizes, say) or the regions would cover most of it;
/// @p whole tells which happened.
std::vector<Token> tokenize_near_matches(std::string_view text, const HighlightSpec& spec, const Analyzer& analyzer,
                                         std::size_t target_chars, bool& whole);

/// The rough fold the scan uses, exposed for tests: ASCII, Latin-1 and Cyrillic lower-cased, ё→е,
/// apostrophe look-alikes → ', stress marks and soft hyphens dropped. Words the full analyzer
/// normalizes otherwise (NFKC compatibility forms, mixed scripts) may differ.
std::string rough_fold(std::string_view word);

}  // namespace newsdex
