// Options that search, similar and facets share: the filters, hit counts and colour, with the
// messages that name the flag a person typed.
#pragma once

#include "newsdex/searcher.h"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

namespace newsdex::cli {

/// --since, --until, --lang and --source, into @p options.
void add_filter_options(CLI::App& command, SearchOptions& options);

/// A count given on the command line: digits only, at least @p least; what is wrong, or "".
std::string count_problem(const std::string& text, std::size_t least, std::size_t& value);

/// The library names an option by its field; people know it by its flag.
std::string flag_message(const OptionError& e, const std::string& since, const std::string& until);

/// Whether to colour stdout, for --color auto|always|never (auto: a terminal and no NO_COLOR).
bool use_color(const std::string& color);

}  // namespace newsdex::cli
