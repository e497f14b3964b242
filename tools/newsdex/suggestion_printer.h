// "Did you mean" on the command line: looked for only when a search found little, shown under the
// results for people and as a "suggestion" object in the JSON of --count.
#pragma once

#include "newsdex/suggest.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>

namespace newsdex::cli {

/// A better query than @p query when @p results (its search with @p options) found little: fewer
/// than SuggestOptions::few articles, or only some of the words in each. Nothing when none is
/// better, or when looking for one fails (a suggestion is a help, never a reason to fail).
std::optional<Suggestion> find_suggestion(const std::string& db, const std::string& query, const SearchOptions& options,
                                          const SearchResults& results);

/// "Did you mean: київ (321 matches)", the query in bold when @p color.
void print_suggestion(std::ostream& out, const Suggestion& suggestion, bool color);

/// {"query": "київ", "matches": 321, "reason": "keyboard layout"} ("spelling" for the other kind).
nlohmann::json suggestion_json(const Suggestion& suggestion);

/// The one-line JSON object of --count, with the suggestion added as "suggestion" when there is one.
std::string with_suggestion(const std::string& count_line, const std::optional<Suggestion>& suggestion);

}  // namespace newsdex::cli
