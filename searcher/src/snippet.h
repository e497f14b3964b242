// Snippets made from the stored text with the shared analyzer: the densest window of matches,
// cut at word boundaries, with every matched form or phrase marked.
#pragma once

#include "query_builder.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex {

struct Snippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;  ///< code points, [start, end)
};

/// How much of the text goes through the analyzer: only the regions around likely matches
/// (snippet_regions.h), or all of it (the reference the fast way is tested against).
enum class SnippetScan { near_matches, whole_text };

/// Highlights what @p spec lists: the indexed forms of the query's lemmas were collected when the
/// query was built, so matching a body word is a set look-up with no lemmatizer involved.
Snippet make_snippet(std::string_view body, const HighlightSpec& spec, const Analyzer& analyzer,
                     std::size_t target_chars, SnippetScan scan = SnippetScan::near_matches);

/// Every match of @p spec in a short text shown whole (a title), as make_snippet marks them:
/// [start, end) code points into @p text.
std::vector<std::pair<std::size_t, std::size_t>> highlight_whole(std::string_view text, const HighlightSpec& spec,
                                                                 const Analyzer& analyzer);

}  // namespace newsdex
