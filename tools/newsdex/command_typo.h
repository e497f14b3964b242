// Mistyped subcommands: the known command a typed word most likely meant.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace newsdex::cli {

/// Edits (insert, delete, replace, swap two neighbours) between @p a and @p b, by code point.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b);

/// The command of @p commands that @p typed is most likely a typo of: the only one it starts (at
/// least two characters), else the nearest within one edit for short words and two for longer
/// ones; nothing when none is that close or two are equally near.
std::optional<std::string> closest_command(const std::string& typed, const std::vector<std::string>& commands);

}  // namespace newsdex::cli
