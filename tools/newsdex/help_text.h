// What --help says beyond CLI11's option lists: examples for each command, in the three languages
// newsdex reads. The man page and the bash completion are generated from the same help output
// (tools/newsdex/make_manual.cmake), so they never disagree with it.
#pragma once

#include <CLI/CLI.hpp>

namespace newsdex::cli {

/// Adds the examples to the help of @p app and of each of its commands.
void add_examples(CLI::App& app);

}  // namespace newsdex::cli
