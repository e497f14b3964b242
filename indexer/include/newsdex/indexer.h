// Writing news archives into a newsdex index.
#pragma once

#include "newsdex/article.h"
#include "newsdex/error.h"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace newsdex {

namespace experimental {
struct TermWeights;  // newsdex/experimental.h, for newsdex's own evaluation only
}

/// Where a run is, for a progress display.
struct IndexProgress {
    std::string source;                 ///< the path given to index_source()
    std::uint64_t source_bytes_read = 0;   ///< of the source's files (compressed bytes for archives)
    std::uint64_t source_bytes_total = 0;  ///< 0 when unknown (standard input)
    std::size_t articles = 0;           ///< articles handed to the shard writers so far, this run
};

/// How an Indexer reads and writes. The max_* fields are limits that keep one bad or hostile input
/// from taking the whole run down.
struct IndexOptions {
    std::size_t max_member_bytes = 256u << 20;            ///< larger members are skipped ("too large")
    std::uint64_t max_archive_bytes = 64ull << 30;        ///< decompressed bytes per archive (zip-bomb guard)
    int max_depth = 3;                                    ///< archives inside archives, counting the outer one
    std::size_t max_text_bytes = 4u << 20;                ///< body text beyond this is cut off
    /// Decompressed bytes per compressed byte of a file, beyond its first 64 MiB (a file that
    /// expands more is a decompression bomb and is skipped; 0: no limit). News text compresses
    /// 5-20 to 1; a bomb, thousands to 1.
    std::uint64_t max_ratio = 1000;
    /// Wall-clock seconds one member may take to read without handing anything on (a JSON Lines
    /// stream restarts the clock at every chunk); longer and it is skipped as "timed out" (0: no
    /// limit). Catches files on which the archive library would otherwise loop.
    double max_member_seconds = 120;
    std::size_t commit_every = 5000;                      ///< documents per Xapian commit (at most)
    /// Memory the run may use, in bytes. Xapian keeps what a shard wrote since its last commit in
    /// memory (about 12 bytes per byte of article text), so each shard also commits once its
    /// articles since the last commit hold (memory_bytes - kMemoryReserve) / shards / 12 bytes of
    /// text: long articles commit sooner than commit_every. The dictionaries and caches take the
    /// reserve.
    std::uint64_t memory_bytes = 768ull << 20;
    static constexpr std::uint64_t kMemoryReserve = 256ull << 20;
    static constexpr std::uint64_t kMemoryPerTextByte = 12;
    bool lemma_positions = false;                         ///< lemma (Z) terms get positions too
    /// Build the spelling data behind "did you mean" (newsdex/suggest.h) from titles and leads.
    /// Off saves its indexing time (docs/benchmarks.md); suggestions then come only from the
    /// keyboard-layout fix.
    bool spelling = true;
    /// Research setting, not part of the stable API: null (always, outside newsdex's own
    /// evaluation) weighs title and lead words as docs/quality.md found best.
    std::shared_ptr<const experimental::TermWeights> weights;
    /// Shards of a new index, each written by its own thread (0: one per core, at most 8). An
    /// existing index keeps the shards it was created with.
    std::size_t shards = 0;
    /// JSON keys to try first for an article field, before the built-in layouts. Fields: "title",
    /// "body", "date", "author", "url", "lang", "source", "id". Keys may be dotted paths
    /// ("meta.byline") into nested objects.
    std::map<std::string, std::vector<std::string>> json_fields;
    /// Skip what an earlier run over the same, unchanged files already indexed and committed (see
    /// checkpoint_every). Off: read everything again (identities still prevent duplicates).
    bool resume = true;
    /// Articles between checkpoints: every shard commits and the index records how far into each
    /// file the run got, so that a run killed at any moment resumes from its last checkpoint.
    /// 0: commit_every times the number of shards (about when the shards would commit anyway).
    std::size_t checkpoint_every = 0;
    /// Also checkpoint when this many seconds passed since the last one (0: by count only), so
    /// that a kill loses at most this much work.
    double checkpoint_seconds = 60;
    /// Polled while reading (between blocks of input): once it returns true, reading stops, the
    /// current file stays resumable and index_source() returns; summary().interrupted is set.
    /// For SIGINT/SIGTERM handlers, which set a flag this reads.
    std::function<bool()> stop_requested;
    /// Seconds reading may stay inside one call of the archive library without asking it for
    /// input before a watchdog declares it stuck (a loop inside libarchive on a hostile file;
    /// 0: never). The watchdog then commits everything read before, records the stuck entry
    /// (or, stuck between headers, its archive) as passed over for later runs, stops handing on
    /// articles and calls on_stall.
    double stall_seconds = 300;
    /// Called from the watchdog thread with a one-line message after a stall was recorded. The
    /// stuck thread cannot be freed: end or restart the process (the command line restarts
    /// itself, and the new run resumes after the stuck entry). Without it, the run waits.
    std::function<void(const std::string& message)> on_stall;
    /// Called in the indexing thread after every article (keep it cheap; throttle display).
    std::function<void(const IndexProgress&)> on_progress;
};

/// A file or archive member that was not indexed, and why.
struct Skipped {
    std::string where;   ///< path, with "!" between an archive and its member
    std::string reason;  ///< short category ("corrupt archive", "unsupported format", ...)
    std::string detail;  ///< what exactly went wrong, for the log
};

struct IndexSummary {
    std::size_t sources = 0;            ///< files and archive members read
    std::uint64_t bytes = 0;            ///< uncompressed bytes read
    std::size_t documents_added = 0;    ///< articles new to the index
    std::size_t documents_updated = 0;  ///< articles that replaced an earlier copy of themselves
    std::size_t files_resumed = 0;      ///< files an earlier run finished, not read again
    std::size_t members_resumed = 0;    ///< members and JSON lines of partly indexed files passed over
    /// Files reading failed in part way (damaged, unreadable, timed out): what could be read was
    /// indexed, and the next run reads them again from before the failure.
    std::vector<std::string> files_to_retry;
    bool interrupted = false;           ///< reading stopped at IndexOptions::stop_requested
    bool stalled = false;               ///< reading got stuck (IndexOptions::stall_seconds)
    std::vector<Skipped> skipped;

    std::size_t documents_indexed() const { return documents_added + documents_updated; }
    std::map<std::string, std::size_t> skipped_by_reason() const;
};

/// The index cannot be opened, locked or written (the message says which, and for a full or
/// read-only disk says so). What was committed before stays in the index.
class IndexError : public Error {
public:
    using Error::Error;
};

/// Xapian 1.4 can end the process from inside a commit when a write fails: on a full disk an
/// exception sometimes leaves a function of Xapian's that is declared not to throw, so
/// std::terminate runs and no catch block sees it. The index is still as its last commit left it
/// (Xapian commits are atomic). For a terminate handler: the message an IndexError would carry if
/// @p error is a Xapian error (naming a full or read-only disk as such), or an empty string.
/// With no exception (@p error null: Xapian sometimes calls std::terminate with none in flight),
/// called on the thread that was ending: the full-disk message when that thread was inside a write
/// of a shard whose file system has no room left, else an empty string.
std::string describe_uncaught_index_error(std::exception_ptr error);

/// Reads sources into an index: one Xapian database, or several shards written in parallel (see
/// newsdex/shards.h). Every article is stored under a unique id term, in the shard its id hashes
/// to, so indexing the same article again replaces it instead of adding a copy.
///
/// One Indexer writes an index at a time: the constructor takes an exclusive lock on the
/// directory (released by the destructor, or by the kernel if the process dies). A new index
/// into which nothing was indexed is removed again by the destructor, so a failed first run
/// leaves no empty shards behind.
///
/// Threads: an Indexer is not thread-safe: call it from one thread at a time (it writes the shards
/// in threads of its own). on_progress and stop_requested run in the thread that called
/// index_source() or add_article(); on_stall in a watchdog thread. The lock holds across threads
/// and processes alike: a second Indexer on the same index throws IndexError while the first lives.
///
/// Commits: what was added becomes durable and visible to Searchers at commit(), at the
/// checkpoints index_source() makes by itself (IndexOptions::checkpoint_every), and when the
/// Indexer is destroyed, whose commit cannot report failure: call commit() to know. A Searcher
/// opened before sees it after Searcher::reopen().
class Indexer {
public:
    /// Opens (or creates) the index at @p db_path for writing. Throws IndexError when the path is
    /// a file or a directory holding other things, the index is locked by another writer, or it
    /// cannot be created or read.
    explicit Indexer(const std::string& db_path, IndexOptions options = {});
    ~Indexer();
    Indexer(const Indexer&) = delete;
    Indexer& operator=(const Indexer&) = delete;

    /// Indexes a file, a directory (recursively) or an archive, or standard input for "-".
    /// Problems with single members are recorded in summary().skipped and the run goes on.
    void index_source(const std::string& path);

    /// Adds one article given by the caller (its id, language and origin are filled if empty).
    void add_article(Article article);

    /// Makes everything indexed so far durable and visible to readers.
    void commit();

    /// What was read, indexed and skipped so far (waits for the shard writers to catch up).
    const IndexSummary& summary() const;

    /// Shards the index has (1 for a plain Xapian database).
    std::size_t shard_count() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
