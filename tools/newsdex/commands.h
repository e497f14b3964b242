// The subcommands of the newsdex command line; each file registers one.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace newsdex::cli {

/// Exit codes shared by every subcommand (scripts depend on them).
inline constexpr int kExitOk = 0;
inline constexpr int kExitNoHits = 1;
inline constexpr int kExitError = 2;

/// A subcommand's action, run after parsing; returns the process exit code.
using Action = std::function<int()>;

/// --db with its default: $NEWSDEX_DB, else ./newsdex-db.
void add_db_option(CLI::App& command, std::string& db);

Action add_index_command(CLI::App& app);
Action add_search_command(CLI::App& app);
Action add_stats_command(CLI::App& app);
Action add_show_command(CLI::App& app);
Action add_compact_command(CLI::App& app);
Action add_similar_command(CLI::App& app);
Action add_facets_command(CLI::App& app);

/// Prints "newsdex: error: MESSAGE" on stderr (one line).
void print_error(const std::string& message);

/// Prints a library's message that there is no index at @p db, with what to do about it on this
/// command line: make one when @p nothing_there (a missing path or an empty directory), else
/// point --db at one.
void print_no_index(const std::string& message, bool nothing_there, const std::string& db);

}  // namespace newsdex::cli
