// The command-line filters (--since, --until, --lang, --source) as Xapian filter queries.
#pragma once

#include "newsdex/searcher.h"

#include <xapian.h>

namespace newsdex {

/// A boolean query every hit must match, or an empty query when there are no filters.
/// Throws SearchError for a date that is not a date.
Xapian::Query filter_query(const SearchOptions& options);

}  // namespace newsdex
