// How search results look: JSON Lines for scripts, a readable list for people.
#pragma once

#include "newsdex/searcher.h"

#include <ostream>

namespace newsdex::cli {

/// One JSON object per hit, one per line; nothing else.
void print_json_lines(std::ostream& out, const SearchResults& results);

/// One JSON object, the match count: {"matches": N, "exact": true, "matched": "all"}, with
/// "lower" and "upper" when not exact (README, "Counts").
void print_count_json(std::ostream& out, const SearchResults& results);

/// Rank, date, source, language, title and snippet; highlights in bold colour when @p color.
void print_for_people(std::ostream& out, const SearchResults& results, bool color, double milliseconds);

}  // namespace newsdex::cli
