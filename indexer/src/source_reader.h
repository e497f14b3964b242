// Walks files, directories and (nested) archives through libarchive, streaming, never extracting
// to disk, and hands every leaf member's bytes to a callback.
//
// Every input is bounded: bytes per member and per archive, the decompression ratio, nesting
// depth, archives that contain themselves, and wall-clock time per member (checked inside
// libarchive's reads too, through our own read callbacks, so that a hostile file that makes
// libarchive loop on its input cannot hold the run). What is cut short is reported through the
// skip callback with where it happened; everything before it has been handed on.
#pragma once

#include "newsdex/indexer.h"
#include "read_position.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct archive;  // libarchive's handle

namespace newsdex {

struct Member {
    std::string path;  ///< "dir/file.json", or "dump.tar.gz!2021/01/page.html" inside archives
    std::string data;  ///< uncompressed bytes
    /// Line number of data's first line in the whole member (JSON Lines arrive in chunks).
    std::size_t first_line = 1;
    /// How far into its file the reader is once this member (or chunk of lines) is read.
    ReadPosition position{};  // {}: aggregate initializations that stop before it need not name it
    /// Bytes of the source consumed (as ProgressSink counts them) before and after this member was
    /// read: a progress display moves between the two while the member's articles are indexed,
    /// rather than waiting at one point for all of a chunk of JSON Lines.
    std::uint64_t progress_from = 0, progress_to = 0;
};

/// Skip reasons that mean reading failed part way (the file is damaged, unreadable or too slow),
/// as opposed to content newsdex declines (too large, encrypted, not an article format). A file
/// with such a failure is never recorded as finished: the next run tries it again.
bool is_read_failure(const std::string& reason);

/// Skip reasons that come from a limit in IndexOptions: a run with other limits may read them.
bool is_limit(const std::string& reason);

class SourceReader {
public:
    using MemberSink = std::function<void(Member&&)>;
    using SkipSink = std::function<void(Skipped&&)>;
    /// Bytes of the path given to read() consumed so far (compressed bytes for an archive; for a
    /// directory, of all its files), and their total (0 when unknown, as for standard input).
    using ProgressSink = std::function<void(std::uint64_t done, std::uint64_t total)>;

    SourceReader(const IndexOptions& options, MemberSink on_member, SkipSink on_skip);

    /// A file, directory or archive path, or "-" for standard input. Returns early, without
    /// finishing the file it is in, when IndexOptions::stop_requested says so (see interrupted()).
    void read(const std::string& path);

    /// Called after every member handed on.
    void set_progress(ProgressSink sink) { on_progress_ = std::move(sink); }

    /// What to do with a file: read it or not, and where an earlier run got to in it (entries and
    /// lines at or before that position are passed over without being handed on).
    struct FilePlan {
        bool read = true;
        std::optional<ReadPosition> resume_after;
    };
    /// Called before each file is opened (given, or found in a directory). And after each file
    /// read to its end, failures included (not after an interruption).
    using FileStart = std::function<FilePlan(const std::string& path)>;
    using FileEnd = std::function<void(const std::string& path)>;
    void set_file_hooks(FileStart start, FileEnd end) {
        on_file_start_ = std::move(start);
        on_file_end_ = std::move(end);
    }

    /// The last read() stopped because IndexOptions::stop_requested returned true.
    bool interrupted() const { return interrupted_; }
    /// Entries and JSON lines passed over because an earlier run had read them.
    std::size_t passed_over() const { return passed_over_; }

    struct Input;  ///< what libarchive reads from, through our callbacks (source_reader.cpp)

    /// Where reading is stuck when it has been inside one libarchive call for longer than a
    /// limit without asking for input (a loop inside the library), and what to pass over so that
    /// a later run does not get stuck there again.
    struct Stall {
        std::string where;         ///< the file, or the member being read
        ReadPosition skip_through; ///< the stuck entry (or, stuck between headers, its archive)
        double seconds = 0;        ///< since libarchive last asked for input
    };
    /// From another thread (a watchdog): nullopt while reading makes progress or waits for input.
    std::optional<Stall> stalled(std::chrono::steady_clock::duration limit) const;
    /// From another thread: once libarchive returns, reading unwinds and nothing more is handed on.
    void abandon() { abandoned_.store(true); }
    /// Called by the read callbacks around a read() that may block on a slow pipe.
    void waiting_for_input(bool waiting) {
        if (!waiting) heartbeat_.store(std::chrono::steady_clock::now().time_since_epoch().count());
        waiting_.store(waiting);
    }

    /// Called by libarchive's read callbacks: false once the member's time is up or a stop was
    /// requested (the read then fails and the member is reported).
    bool may_continue();

private:
    struct ArchiveBudget;
    void read_file(const std::string& path, std::uint64_t size);
    void read_archive(::archive* a, const std::string& outer, int depth, ArchiveBudget& budget);
    void dispatch(Member&& member, int depth, ArchiveBudget& budget);
    void hand_on(Member&& member);
    void start_clock();
    void report_progress();
    std::uint64_t progress_now() const;

    const IndexOptions& options_;
    MemberSink on_member_;
    SkipSink on_skip_;
    ProgressSink on_progress_;
    FileStart on_file_start_;
    FileEnd on_file_end_;
    ::archive* outermost_ = nullptr;   ///< the archive reading the current file or stdin
    Input* outer_input_ = nullptr;     ///< its input
    std::uint64_t done_before_ = 0;    ///< bytes of the files finished in this read()
    std::uint64_t total_ = 0;          ///< bytes of every file of this read(), 0 if unknown
    std::uint64_t last_progress_ = 0;  ///< the bytes consumed when progress was last reported

    std::vector<std::uint64_t> entry_path_;        ///< ordinals of the entries being read, by level
    std::optional<ReadPosition> resume_;           ///< of the current file, until passed
    std::vector<std::uint64_t> ancestors_;         ///< hashes of the archives being read from memory
    std::chrono::steady_clock::time_point deadline_;
    bool timed_out_ = false;
    bool interrupted_ = false;

    // Watched from another thread (stalled()): what the reading thread is doing inside
    // libarchive, and when libarchive last asked for input. enter() copies entry_path_ and the
    // place into watched_path_/current_where_ under watched_mutex_: a call that was slow may end
    // while the watchdog reads them, and the reader then changes entry_path_ at once.
    enum Phase : int { idle = 0, opening = 1, header = 2, data = 3 };
    std::atomic<int> phase_{idle};
    std::atomic<std::int64_t> heartbeat_{0};  ///< steady_clock ticks
    std::atomic<bool> abandoned_{false};
    std::atomic<bool> waiting_{false};
    mutable std::mutex watched_mutex_;
    std::string current_where_;                 ///< guarded by watched_mutex_
    std::vector<std::uint64_t> watched_path_;   ///< guarded by watched_mutex_
    void enter(Phase phase, const std::string& where);
    void leave();
    std::size_t passed_over_ = 0;
};

/// True when @p data starts like an archive or a compressed stream newsdex can open.
bool looks_like_archive(std::string_view data);

}  // namespace newsdex
