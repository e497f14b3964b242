// Walks files, directories and (nested) archives through libarchive, streaming, never extracting
// to disk, and hands every leaf member's bytes to a callback.
#pragma once

#include "newsdex/indexer.h"

#include <cstdint>
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
    /// Bytes of the path given to read() consumed so far (compressed bytes for an archive; for a
    /// directory, of all its files), and their total (0 when unknown, as for standard input).
    using ProgressSink = std::function<void(std::uint64_t done, std::uint64_t total)>;

    SourceReader(const IndexOptions& options, MemberSink on_member, SkipSink on_skip);

    /// A file, directory or archive path, or "-" for standard input.
    void read(const std::string& path);

    /// Called after every member handed on.
    void set_progress(ProgressSink sink) { on_progress_ = std::move(sink); }

    /// Called before each file is opened (given, or found in a directory): false skips it. And
    /// after each file read to its end.
    using FileStart = std::function<bool(const std::string& path)>;
    using FileEnd = std::function<void(const std::string& path)>;
    void set_file_hooks(FileStart start, FileEnd end) {
        on_file_start_ = std::move(start);
        on_file_end_ = std::move(end);
    }

private:
    struct ArchiveBudget;
    void read_file(const std::string& path, std::uint64_t size);
    void read_archive(::archive* a, const std::string& outer, int depth, ArchiveBudget& budget);
    void dispatch(Member&& member, int depth, ArchiveBudget& budget);
    void report_progress();

    const IndexOptions& options_;
    MemberSink on_member_;
    SkipSink on_skip_;
    ProgressSink on_progress_;
    FileStart on_file_start_;
    FileEnd on_file_end_;
    ::archive* outermost_ = nullptr;   ///< the archive reading the current file or stdin
    std::uint64_t done_before_ = 0;    ///< bytes of the files finished in this read()
    std::uint64_t total_ = 0;          ///< bytes of every file of this read(), 0 if unknown
};

/// True when @p data starts like an archive or a compressed stream newsdex can open.
bool looks_like_archive(std::string_view data);

}  // namespace newsdex
