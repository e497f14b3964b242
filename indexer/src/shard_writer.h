// One shard of the index and the thread that writes it: analysis (tokens, lemmas) and Xapian
// writing run there, so an index of N shards uses N cores while the caller reads and extracts.
#pragma once

#include "newsdex/article.h"
#include "newsdex/indexer.h"
#include "newsdex/lemmatizer.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace newsdex {

class ShardWriter {
public:
    /// Opens (or creates) the Xapian database at @p path in the caller's thread, so that a locked
    /// or unreadable shard fails at once with IndexError, then starts the writing thread.
    /// @p lemmas: shared by the shards of one run, so each word form is lemmatized once.
    ShardWriter(std::string path, const IndexOptions& options, std::shared_ptr<SharedLemmaCache> lemmas = nullptr);
    /// Writes what is queued, commits and stops the thread; errors are swallowed (see sync()).
    ~ShardWriter();
    ShardWriter(const ShardWriter&) = delete;
    ShardWriter& operator=(const ShardWriter&) = delete;

    /// Queues an article whose id is set; blocks while the queue is full. Throws the error that
    /// stopped the writing thread, if one did.
    void push(Article&& article);

    /// Queues user metadata to set in this shard (written in order with the articles, made durable
    /// by the next commit).
    void set_metadata(std::vector<std::pair<std::string, std::string>> entries);

    /// Waits until everything queued so far is written (and committed when @p commit), then
    /// throws the writing thread's error if it had one.
    void sync(bool commit);
    /// sync() in two halves, so that a caller can ask every shard to commit before waiting for
    /// any: the shards then commit at once instead of one after another.
    std::future<void> start_sync(bool commit);
    void finish_sync(std::future<void>& started);

    /// True when the articles pushed since the last commit reach this shard's commit size or text
    /// budget. The caller then commits every shard at once (see Indexer): a shard left to commit
    /// on its own stalls the others, whose reader waits for room in its full queue.
    /// Called from the pushing thread only, like push() and start_sync().
    bool commit_due() const { return pushed_ >= options_.commit_every || pushed_text_ >= text_budget_; }

    std::size_t added() const { return added_; }      ///< valid after sync()
    std::size_t updated() const { return updated_; }  ///< valid after sync()
    const std::string& path() const { return path_; }

private:
    enum class TaskKind { article, metadata, flush, commit, stop };
    struct Task {
        TaskKind kind;
        Article article;
        std::shared_ptr<std::promise<void>> done;
        std::vector<std::pair<std::string, std::string>> metadata;
    };

    void enqueue(Task&& task);
    void run();
    void write(Article& article);
    void write_metadata(const std::vector<std::pair<std::string, std::string>>& entries);
    void commit_now();

    struct Writer;  // the Xapian side, touched only by the writing thread once it runs
    std::string path_;
    IndexOptions options_;
    std::uint64_t text_budget_;  ///< bytes of article text between commits (IndexOptions::memory_bytes)
    std::unique_ptr<Writer> writer_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Task> queue_;
    std::exception_ptr error_;
    // What push() queued since the last start_sync(true); touched by the pushing thread only.
    std::size_t pushed_ = 0;
    std::uint64_t pushed_text_ = 0;
    std::size_t added_ = 0;
    std::size_t updated_ = 0;
    std::thread thread_;
};

}  // namespace newsdex
