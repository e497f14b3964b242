// Walks files, directories and (nested) archives through libarchive, streaming, never extracting
// to disk, and hands every leaf member's bytes to a callback.
#pragma once

#include "newsdex/indexer.h"

#include <functional>
#include <string>

struct archive;  // libarchive's handle

namespace newsdex {

struct Member {
    std::string path;  ///< "dir/file.json", or "dump.tar.gz!2021/01/page.html" inside archives
    std::string data;  ///< uncompressed bytes
    /// Line number of data's first line in the whole member (JSON Lines arrive in chunks).
    std::size_t first_line = 1;
};

class SourceReader {
public:
    using MemberSink = std::function<void(Member&&)>;
    using SkipSink = std::function<void(Skipped&&)>;

    SourceReader(const IndexOptions& options, MemberSink on_member, SkipSink on_skip);

    /// A file, directory or archive path, or "-" for standard input.
    void read(const std::string& path);

private:
    struct ArchiveBudget;
    void read_file(const std::string& path);
    void read_archive(::archive* a, const std::string& outer, int depth, ArchiveBudget& budget);
    void dispatch(Member&& member, int depth, ArchiveBudget& budget);

    const IndexOptions& options_;
    MemberSink on_member_;
    SkipSink on_skip_;
};

/// True when @p data starts like an archive or a compressed stream newsdex can open.
bool looks_like_archive(std::string_view data);

}  // namespace newsdex
