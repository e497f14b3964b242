// "Did you mean": a better query for one that finds little or nothing, from the index's spelling
// data (words of titles and leads, gathered at indexing time) or from the same keys typed on the
// other keyboard layout (ЙЦУКЕН ↔ QWERTY, Ukrainian and Russian).
#pragma once

#include "newsdex/searcher.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace newsdex {

struct Suggestion {
    enum class Reason {
        spelling,         ///< words the index does not hold, replaced by near ones it holds often
        keyboard_layout,  ///< the same keys on the other layout
    };
    std::string query;        ///< the better query, to run as it is
    std::size_t matches = 0;  ///< articles it finds, with the same options (every word matching)
    Reason reason = Reason::spelling;
};

struct SuggestOptions {
    /// Only a query that finds fewer articles than this gets a suggestion.
    std::size_t few = 5;
    /// A suggestion must find more than this many times what the query finds (and at least one).
    std::size_t times_more = 2;
    /// Correct a word to the commonest word of the spelling data one edit away when there is one,
    /// before Xapian's suggestion (which may pick a commoner word two edits away: рековд → веков,
    /// not рекорд). false: Xapian's suggestion alone (docs/benchmarks.md, "Did you mean").
    bool nearest_first = true;
};

/// Opens an index read-only, as Searcher does (and throws what it throws), to suggest queries.
/// Not thread-safe: one per thread.
class Suggester {
public:
    explicit Suggester(const std::string& db_path);
    ~Suggester();
    Suggester(const Suggester&) = delete;
    Suggester& operator=(const Suggester&) = delete;

    /// A better query for @p query, searched with @p options (filters included; the OR fallback
    /// is not used, so that a query counts only articles with every word), when @p query finds
    /// fewer than SuggestOptions::few articles; the candidate that finds most, or nothing when
    /// none finds enough more. Throws QueryError for a query the parser cannot read.
    std::optional<Suggestion> suggest(const std::string& query, const SearchOptions& options = {},
                                      const SuggestOptions& suggest_options = {});

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
