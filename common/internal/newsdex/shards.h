// How an index directory is laid out: one Xapian database, or several shards written in
// parallel and listed in a Xapian stub file, so that Xapian's own tools (quest, xapian-delve)
// and newsdex's searcher open the directory as one database.
#pragma once

#include "newsdex/error.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::shards {

/// Name of the stub file Xapian reads when a directory holds one ("auto shard-00" per line).
inline constexpr std::string_view kStubFile = "XAPIANDB";

/// Where one shard lives: a local directory, or a database served by xapian-tcpsrv.
struct Location {
    bool remote = false;
    std::string path;   ///< local: absolute or relative to the current directory
    std::string host;   ///< remote only
    unsigned port = 0;  ///< remote only
    std::string describe() const;
};

/// The stub lists a line Xapian or newsdex cannot read. The libraries turn it into IndexError or
/// SearchError; a newsdex::Error all the same, should one pass through.
class LayoutError : public Error {
public:
    using Error::Error;
};

/// Why a path holds no index to read.
enum class Absence {
    missing,          ///< nothing is there
    not_a_directory,  ///< a file (an index is a directory)
    empty,            ///< an empty directory
    not_an_index,     ///< a directory with neither a stub nor a Xapian database in it
    unreadable,       ///< a directory whose entries cannot be listed
};

struct AbsentIndex {
    Absence absence;
    std::string message;  ///< names the path and what is wrong, without advice on commands
};

/// What rules out @p index_dir as an index, before Xapian is asked (whose wording, "Couldn't
/// stat" or "Bad line" in a file it took for a stub, says neither what nor where); nullopt when
/// it holds a stub or a Xapian database, which may still fail to open.
std::optional<AbsentIndex> find_absence(const std::string& index_dir);

/// True when @p index_dir holds a stub file (a sharded index).
bool is_sharded(const std::string& index_dir);

/// The shards listed by the stub of @p index_dir, local paths resolved against it. Accepted
/// lines: "auto PATH" (or "glass PATH"), "remote HOST:PORT", blank lines and "#" comments.
/// Throws LayoutError naming the file and line.
std::vector<Location> read_stub(const std::string& index_dir);

/// The directories of the index at @p index_dir that this machine writes: itself when it is not
/// sharded, else the shards its stub lists. Throws LayoutError for a stub that lists a remote
/// shard (only the machine serving it can write it) or cannot be read.
std::vector<std::string> local_paths(const std::string& index_dir);

/// Writes a stub listing @p count local shards (shard_dir_name(0..count-1)), atomically.
void write_stub(const std::string& index_dir, std::size_t count);

/// "shard-00", "shard-01", ...: the directory of local shard @p i inside the index directory.
std::string shard_dir_name(std::size_t i);

/// The shard an article with this id term goes to. Stable across runs and machines, so that a
/// re-indexed article replaces its earlier copy in the same shard instead of adding another.
std::size_t shard_of(std::string_view id_term, std::size_t shard_count);

}  // namespace newsdex::shards
