// Compacting an index: Xapian's compaction (smaller, faster to search, read-only friendly) with
// the shards' lemma tables merged, which plain xapian-compact would not do (it keeps one shard's
// row where shards disagree).
#pragma once

#include <string>

namespace newsdex {

struct CompactOptions {
    /// Keep the shards (each compacted on its own, so the index can still be written by one thread
    /// per shard); else merge every shard into one database.
    bool keep_shards = false;
};

/// Writes a compacted copy of the index at @p from to @p to, which must not exist yet (or be an
/// empty directory). The source is only read. Throws IndexError.
void compact_index(const std::string& from, const std::string& to, CompactOptions options = {});

}  // namespace newsdex
