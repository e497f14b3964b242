// Options that search, similar and facets share: the filters, hit counts and colour, with the
// messages that name the flag a person typed.
#pragma once

#include "newsdex/searcher.h"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <exception>
#include <string>

namespace newsdex::cli {

/// --since, --until, --lang and --source, into @p options.
void add_filter_options(CLI::App& command, SearchOptions& options);

/// --limit and --offset, kept as typed so that a bad value gets one line naming the flag.
struct Paging {
    std::string limit = "10";
    std::string offset = "0";
};
void add_paging_options(CLI::App& command, Paging& paging);

/// Checks --limit and --offset into @p options; prints what is wrong and returns false.
bool read_paging(const Paging& paging, SearchOptions& options);

/// Prints the one error line for a search, similar or facets call that threw @p error (no index,
/// a bad option or query, an index to re-index, an unreadable index) and returns the exit code;
/// an exception of another kind is thrown on.
int report_search_failure(std::exception_ptr error, const std::string& db, const SearchOptions& options);

/// A count given on the command line: digits only, at least @p least; what is wrong, or "".
std::string count_problem(const std::string& text, std::size_t least, std::size_t& value);

/// The library names an option by its field; people know it by its flag.
std::string flag_message(const OptionError& e, const std::string& since, const std::string& until);

/// Whether to colour stdout, for --color auto|always|never (auto: a terminal and no NO_COLOR).
bool use_color(const std::string& color);

}  // namespace newsdex::cli
