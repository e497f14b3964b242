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

/// Highlights what @p spec lists: the indexed forms of the query's lemmas were collected when the
/// query was built, so matching a body word is a set look-up with no lemmatizer involved.
Snippet make_snippet(std::string_view body, const HighlightSpec& spec, const Analyzer& analyzer,
                     std::size_t target_chars);

}  // namespace newsdex
