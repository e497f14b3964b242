// One writer per index: an exclusive lock on a file inside the index directory, held for the
// whole life of an Indexer. Xapian locks each shard on its own, which is not enough: two runs
// creating the same new index each see no shards yet and would both lay one out. The lock is
// taken before the directory is looked at, and the kernel drops it when the process dies, so a
// killed run never leaves a stale lock behind.
#pragma once

#include <string>

namespace newsdex {

class IndexLock {
public:
    /// Name of the lock file inside the index directory.
    static constexpr const char* kFileName = ".newsdex-lock";

    /// Locks the index directory @p dir (which must exist). Throws IndexError when another
    /// process holds the lock (naming its pid) or the lock file cannot be created.
    explicit IndexLock(const std::string& dir);
    ~IndexLock();
    IndexLock(const IndexLock&) = delete;
    IndexLock& operator=(const IndexLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace newsdex
