// What identifies a file's content for resuming: its size and a hash of its first and last
// 64 KiB and of 32 blocks spread between them. Not the modification time, so that a copy of a
// dump (cp, rsync without -t) still resumes; not a hash of every byte, so that a 50 GB dump is
// recognised in milliseconds. A file replaced by another of the same name (a download finished,
// a dump regenerated) differs in size or in some sampled block and is read again from the start.
#pragma once

#include <string>

namespace newsdex {

/// "SIZE-HASH" (hex), or empty when the file cannot be read (or is not a regular file).
std::string file_fingerprint(const std::string& path);

}  // namespace newsdex
