#include "shard_writer.h"

#include "document_builder.h"
#include "lemma_table_writer.h"
#include "newsdex/schema.h"

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <sys/statvfs.h>
#include <unordered_map>

namespace newsdex {
namespace fs = std::filesystem;
namespace {

// Articles waiting per shard: enough to keep the writer busy while the reader extracts the next
// member, few enough that queued bodies (up to max_text_bytes each) stay small.
constexpr std::size_t kQueueCapacity = 32;

// A failed write's cause, and that what was committed before is safe.
std::string with_committed_kept(const std::string& what) {
    return what + "; what was committed before is kept (indexing the same sources again resumes)";
}

// Xapian words a failed write after its own fashion ("Error writing block 42 (No space left on
// device)"); the user needs to know first that the disk is full or read-only, and that what was
// committed before is safe.
std::string write_problem(const Xapian::Error& e) {
    const std::string text = e.get_msg() + " " + (e.get_error_string() ? e.get_error_string() : "");
    const auto has = [&](const char* s) { return text.find(s) != std::string::npos; };
    std::string what;
    if (has("No space left")) what = "no space left on the device";
    else if (has("Disk quota exceeded")) what = "disk quota exceeded";
    else if (has("Read-only file system")) what = "the file system is read-only";
    else if (has("Permission denied")) what = "permission denied";
    else return e.get_msg() + (e.get_error_string() ? std::string(" (") + e.get_error_string() + ")" : "");
    return with_committed_kept(what);
}

// The shard this thread is writing to inside Xapian, if any: when Xapian ends the process from
// inside a write without an exception to show for it (describe_uncaught_index_error), what the
// file system under that shard says is all there is to go on.
thread_local const std::string* shard_being_written = nullptr;

class WritingShard {
public:
    explicit WritingShard(const std::string& path) : previous_(shard_being_written) { shard_being_written = &path; }
    ~WritingShard() { shard_being_written = previous_; }
    WritingShard(const WritingShard&) = delete;
    WritingShard& operator=(const WritingShard&) = delete;

private:
    const std::string* previous_;
};

// Free space under which a write that ended the process counts as one that ran out of room: a
// few glass blocks (8 KB each by default), not a threshold a working index comes near while
// there is room for its next commit.
constexpr std::uint64_t kNoRoomBytes = 256 * 1024;

// A shard whose creation was killed before Xapian wrote its version file ("iamglass") holds table
// files of a database that never committed anything, which Xapian refuses to open. They are
// removed so that the shard is created again; nothing else in the directory is touched.
void clear_uncreated_database(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec) || fs::exists(fs::path(dir) / "iamglass", ec)) return;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const auto ends_with = [&](const char* suffix) {
            const std::string s(suffix);
            return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
        };
        if (name == "flintlock" || name == "iamglass.tmp" || ends_with(".glass") || ends_with(".tmp") ||
            ends_with(".baseA") || ends_with(".baseB")) {
            std::error_code ignored;
            fs::remove(it->path(), ignored);
        }
    }
}

// Shards share the budget evenly (ids hash evenly over them); a floor keeps tiny budgets from
// committing after every article.
std::uint64_t text_budget(const IndexOptions& options) {
    constexpr std::uint64_t kFloor = 1u << 20;
    const std::uint64_t shards = std::max<std::uint64_t>(options.shards, 1);
    const std::uint64_t spare =
        options.memory_bytes > IndexOptions::kMemoryReserve ? options.memory_bytes - IndexOptions::kMemoryReserve : 0;
    return std::max(kFloor, spare / shards / IndexOptions::kMemoryPerTextByte);
}

}  // namespace

struct ShardWriter::Writer {
    Xapian::WritableDatabase db;
    DocumentBuilder builder;
    std::size_t uncommitted = 0;
    // Spelling words of the articles since the last commit, with how many articles had each:
    // Xapian's add_spelling() costs a sorted-map update per call, and news repeats its words.
    std::unordered_map<std::string, Xapian::termcount> spelling;
    schema::LemmaKeys lemma_keys = schema::LemmaKeys::compact;

    Writer(bool lemma_positions, experimental::TermWeights weights) : builder(lemma_positions, weights) {}
};

ShardWriter::ShardWriter(std::string path, const IndexOptions& options, std::shared_ptr<SharedLemmaCache> lemmas)
    : path_(std::move(path)),
      options_(options),
      text_budget_(text_budget(options)),
      writer_(std::make_unique<Writer>(options.lemma_positions, experimental::or_default(options.weights))) {
    auto& db = writer_->db;
    try {
        std::error_code ec;
        fs::create_directories(path_, ec);
        clear_uncreated_database(path_);
        db = Xapian::WritableDatabase(path_, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError("index " + path_ + " is locked: another newsdex indexer is writing to it");
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot open index " + path_ + " for writing: " + write_problem(e));
    }
    const std::string version = db.get_metadata(std::string(schema::kSchemaVersionKey));
    const bool own_form_lemma_terms = experimental::or_default(options.weights).own_form_lemma_terms;
    if (version.empty() && db.get_doccount() == 0) {
        // Committed at once, so that readers of a new index see it as a valid, empty one.
        try {
            db.set_metadata(std::string(schema::kSchemaVersionKey), std::string(schema::kSchemaVersion));
            if (!own_form_lemma_terms) db.set_metadata(std::string(schema::kLemmaTermsKey), std::string(schema::kLemmaTermsDiffering));
            db.set_metadata(std::string(schema::kLemmaTableKey), std::string(schema::kLemmaTableShort));
            db.commit();
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot create index " + path_ + ": " + write_problem(e));
        }
    } else if (version != schema::kSchemaVersion) {
        throw IndexError("index " + path_ + " was written by another newsdex schema (" +
                         (version.empty() ? "none" : version) + "); index into a new directory");
    }
    // A shard keeps the lemma-term layout it was created with: its articles and the queries on
    // it must agree, whatever this run's options.
    writer_->builder.set_own_form_lemma_terms(db.get_metadata(std::string(schema::kLemmaTermsKey)) != schema::kLemmaTermsDiffering);
    // Likewise the keys of its lemma table.
    writer_->lemma_keys = schema::lemma_keys_from(db.get_metadata(std::string(schema::kLemmaTableKey)));
    if (lemmas) writer_->builder.lemmatizer().set_shared_cache(std::move(lemmas));
    // Forms an earlier run lemmatized keep their lemmas (and skip Hunspell).
    writer_->builder.lemmatizer().set_stored_lookup([w = writer_.get()](Language lang, std::string_view form) {
        return form.size() > schema::kMaxWordBytes ? Lemmas{}
                                                   : schema::lemma_row_items(form, w->db.get_metadata(schema::lemma_key(lang, form, w->lemma_keys)), w->lemma_keys);
    });
    thread_ = std::thread([this] { run(); });
}

ShardWriter::~ShardWriter() {
    enqueue({TaskKind::stop, {}, {}, {}});
    thread_.join();
}

void ShardWriter::push(Article&& article) {
    {
        std::lock_guard lock(mutex_);
        if (error_) std::rethrow_exception(error_);
    }
    ++pushed_;
    pushed_text_ += article.title.size() + article.body.size();
    enqueue({TaskKind::article, std::move(article), {}, {}});
}

void ShardWriter::set_metadata(std::vector<std::pair<std::string, std::string>> entries) {
    Task task{TaskKind::metadata, {}, {}, std::move(entries)};
    enqueue(std::move(task));
}

void ShardWriter::sync(bool commit) {
    std::future<void> started = start_sync(commit);
    finish_sync(started);
}

std::future<void> ShardWriter::start_sync(bool commit) {
    if (commit) pushed_ = pushed_text_ = 0;
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> finished = done->get_future();
    enqueue({commit ? TaskKind::commit : TaskKind::flush, {}, std::move(done), {}});
    return finished;
}

void ShardWriter::finish_sync(std::future<void>& started) {
    started.get();
    std::lock_guard lock(mutex_);
    if (error_) std::rethrow_exception(error_);
}

void ShardWriter::enqueue(Task&& task) {
    std::unique_lock lock(mutex_);
    // Control tasks never wait for room: the destructor must always get its stop through.
    if (task.kind == TaskKind::article) changed_.wait(lock, [&] { return queue_.size() < kQueueCapacity; });
    queue_.push_back(std::move(task));
    changed_.notify_all();
}

void ShardWriter::run() {
    for (;;) {
        Task task;
        bool failed;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !queue_.empty(); });
            task = std::move(queue_.front());
            queue_.pop_front();
            failed = static_cast<bool>(error_);
            changed_.notify_all();
        }
        try {
            // After an error the queue is drained without writing: the caller learns of the error
            // at its next push or sync, and what was committed before stays as it was.
            if (!failed) {
                if (task.kind == TaskKind::article) write(task.article);
                else if (task.kind == TaskKind::metadata) write_metadata(task.metadata);
                else if (task.kind != TaskKind::flush && writer_->uncommitted) commit_now();
            }
        } catch (...) {
            std::lock_guard lock(mutex_);
            error_ = std::current_exception();
        }
        if (task.done) task.done->set_value();
        if (task.kind == TaskKind::stop) return;
    }
}

void ShardWriter::write(Article& article) {
    Xapian::Document doc = writer_->builder.build(article);
    const std::string id_term = schema::id_term(article.id);
    const WritingShard writing(path_);
    try {
        const bool existed = writer_->db.term_exists(id_term);
        writer_->db.replace_document(id_term, doc);
        ++(existed ? updated_ : added_);
        // Counted once per article: an article indexed again does not make its words commoner.
        if (!existed && options_.spelling)
            for (const std::string& word : writer_->builder.spelling_words()) ++writer_->spelling[word];
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot write to the index " + path_ + ": " + write_problem(e));
    }
    // When to commit is decided by the indexer (commit_due()), for every shard at once.
    ++writer_->uncommitted;
}

void ShardWriter::write_metadata(const std::vector<std::pair<std::string, std::string>>& entries) {
    try {
        for (const auto& [key, value] : entries) writer_->db.set_metadata(key, value);
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot write to the index " + path_ + ": " + write_problem(e));
    }
    ++writer_->uncommitted;  // so that the next commit request commits it
}

void ShardWriter::commit_now() {
    const WritingShard writing(path_);
    try {
        write_lemma_table(writer_->db, writer_->lemma_keys, writer_->builder.lemmatizer().take_new_entries());
        write_suffix_rules(writer_->db, writer_->builder.lemmatizer());
        for (const auto& [word, count] : writer_->spelling) writer_->db.add_spelling(word, count);
        writer_->spelling.clear();
        writer_->db.commit();
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot commit the index " + path_ + ": " + write_problem(e));
    }
    writer_->uncommitted = 0;
}

std::string describe_uncaught_index_error(std::exception_ptr error) {
    if (!error) {
        // Xapian 1.4 may also call std::terminate inside a commit with no exception in sight (a
        // write error in a part that must not throw). If this thread was inside a write and the
        // file system under the shard has no room left, that is what happened.
        if (!shard_being_written) return {};
        struct statvfs fs {};
        if (statvfs(shard_being_written->c_str(), &fs) != 0) return {};
        if (static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize >= kNoRoomBytes) return {};
        return "cannot commit the index " + *shard_being_written + ": " + with_committed_kept("no space left on the device");
    }
    try {
        std::rethrow_exception(error);
    } catch (const Xapian::Error& e) {
        return "cannot write to the index: " + write_problem(e);
    } catch (...) {
    }
    return {};
}

}  // namespace newsdex
