// Snippets made from the stored text with the shared analyzer: the densest window of matches,
// cut at word boundaries, with every matched form or phrase marked.
#pragma once

#include "query_builder.h"

#include "newsdex/language.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex {

struct Snippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;  ///< code points, [start, end)
};

Snippet make_snippet(std::string_view body, Language lang, const HighlightSpec& spec, const Analyzer& analyzer,
                     const Stemmer& stemmer, std::size_t target_chars);

}  // namespace newsdex
