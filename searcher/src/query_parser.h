// The query language of docs/query-language.md, parsed into a tree. Parsing knows nothing about
// the index; query_builder turns the tree into a Xapian query.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

struct QueryNode {
    enum class Kind {
        word,       ///< text: the word as typed; prefix: ended in '*'
        phrase,     ///< text: the words between the quotes
        field,      ///< text: field name; children[0]: a word or phrase
        date_range, ///< low/high: "YYYYMMDDhhmmss" bounds, either may be empty (open)
        and_,       ///< all children
        or_,        ///< any child
        and_not,    ///< children[0] without any of the rest
        near,       ///< children within `distance` words of each other, any order
        match_all,  ///< every document (left side of a query that only excludes)
    };
    Kind kind = Kind::word;
    std::string text;
    std::string low, high;
    bool prefix = false;
    bool required = false;  ///< marked with '+' or joined by an explicit AND: never optional
    unsigned distance = 0;
    std::size_t column = 1;  ///< 1-based character position of the node in the query
    std::vector<QueryNode> children;
};

/// Fields a query may name, as in "title:", "site:".
bool is_query_field(std::string_view name);

/// Throws QueryError with the column of the problem. Pasted text is read as text where the query
/// does not look like syntax (docs/query-language.md, "Pasted text"). @p literal: every character
/// is text; the query is its space-separated words, as plain words (no operators, fields, phrases,
/// groups, prefixes or exclusions), and only an empty query is an error.
QueryNode parse_query(std::string_view query, bool literal = false);

}  // namespace newsdex
