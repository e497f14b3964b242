// Where in a file a run got, in units that do not depend on the run's options: the ordinal of
// the entry at each archive level (every header libarchive returns counts, read or not) and a
// line number inside the innermost entry. Chunk sizes, member limits and depth limits change
// what is read, never how a place in the file is named, so a checkpoint stays valid when a
// resumed run is given other options.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

struct ReadPosition {
    /// The innermost entry was read to its end (not a line inside it).
    static constexpr std::uint64_t kWholeEntry = std::numeric_limits<std::uint64_t>::max();

    std::vector<std::uint64_t> entries;  ///< 1-based entry ordinal at each level, outermost first
    std::uint64_t line = kWholeEntry;    ///< last line read of the innermost entry, or kWholeEntry

    /// "3/17:1200" (or "3/17" for a whole entry): stored in checkpoints and shown in messages.
    std::string encode() const;
    static std::optional<ReadPosition> decode(const std::string& text);
};

/// True when the entry at @p path (ordinals, outermost first) lies wholly at or before @p done:
/// an entry before it, or the entry itself read to its end, or an archive all of whose entries
/// are before it (only when @p done names a later entry of that archive's parent).
bool entry_done(const std::vector<std::uint64_t>& path, const ReadPosition& done);

/// True when @p done points inside the entry at @p path (at a line of it, or into its members).
bool resumes_inside(const std::vector<std::uint64_t>& path, const ReadPosition& done);

}  // namespace newsdex
