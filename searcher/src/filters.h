// The search filters (since, until, languages, sources) as Xapian filter queries, each value
// checked first: a filter that cannot be right is an error, never a silent empty result.
#pragma once

#include "newsdex/searcher.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// A boolean query every hit must match, or an empty query when there are no filters. Sources
/// are matched against the names @p db holds. Throws OptionError for a value that cannot be right.
Xapian::Query filter_query(const SearchOptions& options, const Xapian::Database& db);

/// What is wrong with @p text as a date for since/until ("2018-13 is not a date (month 13)"), or
/// "" when it is one: YYYY, YYYY-MM or YYYY-MM-DD with every part in range, or such a day with a
/// time (2019-03-01T10:00:00+02:00).
std::string date_problem(std::string_view text);

/// The language term's code ("uk", "ru", "en", "other") for a code or locale in any case
/// ("EN", "uk_UA", "rus"); nullopt for a language newsdex does not tell apart.
std::optional<std::string> language_filter_code(std::string_view value);

/// The source keys (XSOURCE terms without their prefix) that @p value names: case-insensitively,
/// the name starts with it, or holds it as whole words.
std::vector<std::string> matching_sources(const Xapian::Database& db, std::string_view value);

}  // namespace newsdex
