#include "newsdex/indexer.h"

#include "document_builder.h"
#include "extractor.h"
#include "file_checkpoint.h"
#include "file_fingerprint.h"
#include "index_lock.h"
#include "newsdex/schema.h"
#include "newsdex/shards.h"
#include "shard_writer.h"
#include "source_reader.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <sstream>
#include <thread>

namespace newsdex {
namespace fs = std::filesystem;

namespace {

std::string content_hash_id(const Article& a) {
    const std::uint64_t h = schema::stable_hash(a.body, schema::stable_hash(a.title));
    char buf[32];
    std::snprintf(buf, sizeof buf, "sha:%016llx", static_cast<unsigned long long>(h));
    return buf;
}

// The part of a member path that does not depend on where the source was given from, so that
// "newsdex index ./dump" and "newsdex index /abs/dump" agree on identities.
std::string stable_origin(const std::string& origin, const std::string& source) {
    if (source == "-") return origin;
    std::string parent = fs::path(source).lexically_normal().parent_path().string();
    if (fs::path(source).lexically_normal().filename().empty())  // "dir/" normalizes to "dir/"
        parent = fs::path(source).lexically_normal().parent_path().parent_path().string();
    if (parent.empty() || parent == ".") return origin;
    const std::string normal = fs::path(origin.substr(0, origin.find('!'))).lexically_normal().string() +
                               (origin.find('!') == std::string::npos ? "" : origin.substr(origin.find('!')));
    if (normal.rfind(parent + "/", 0) == 0) return normal.substr(parent.size() + 1);
    return normal;
}

// How many shards a new index is being created with, written before the first shard exists and
// removed once the stub lists them all: a run killed in between (creating and committing each
// shard takes milliseconds) leaves shards without a stub, and the next run must lay out the same
// number, not count the directories that happen to exist.
constexpr const char* kPlannedShardsFile = ".newsdex-shards";

// What is at the index path before this run: nothing yet, an index (plain database, stub with
// shards), shards a killed creation left without their stub, or something else, refused rather
// than written into.
enum class Found { nothing, index, orphan_shards };

bool is_shard_dir_name(const std::string& name) {
    return name.size() == 8 && name.rfind("shard-", 0) == 0 && std::isdigit(static_cast<unsigned char>(name[6])) &&
           std::isdigit(static_cast<unsigned char>(name[7]));
}

Found inspect_index_path(const std::string& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (!fs::exists(status)) return Found::nothing;
    if (!fs::is_directory(status)) throw IndexError(path + " is a file, not an index directory");
    if (shards::is_sharded(path) || fs::exists(fs::path(path) / "iamglass", ec)) return Found::index;
    bool shards_found = false;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (is_shard_dir_name(name) && it->is_directory(ec)) {
            shards_found = true;
            continue;
        }
        if (name == IndexLock::kFileName || name == std::string(shards::kStubFile) + ".tmp" ||
            name.rfind(kPlannedShardsFile, 0) == 0) {
            shards_found = shards_found || name == kPlannedShardsFile;
            continue;
        }
        throw IndexError(path + " is not empty and holds no newsdex index (it has " + name +
                         "); index into a new or empty directory");
    }
    if (ec) throw IndexError("cannot read " + path + ": " + ec.message());
    return shards_found ? Found::orphan_shards : Found::nothing;
}

std::size_t planned_shards(const std::string& path) {
    std::ifstream in(fs::path(path) / kPlannedShardsFile);
    std::size_t count = 0;
    return in >> count ? count : 0;
}

void plan_shards(const std::string& path, std::size_t count) {
    const fs::path file = fs::path(path) / kPlannedShardsFile;
    const fs::path tmp = fs::path(path) / (std::string(kPlannedShardsFile) + ".tmp");
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << count << "\n";
        out.flush();
        if (!out) throw IndexError("cannot write " + tmp.string());
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec) throw IndexError("cannot write " + file.string() + ": " + ec.message());
}

// A directory that already holds a plain Xapian database stays one shard; a new index gets
// options.shards shards (one per core by default) listed in a stub file.
std::vector<std::string> shard_paths(const std::string& path, std::size_t wanted) {
    std::error_code ec;
    if (shards::is_sharded(path)) {
        try {
            return shards::local_paths(path);
        } catch (const shards::LayoutError& e) {
            throw IndexError(e.what());
        }
    }
    if (fs::exists(fs::path(path) / "iamglass", ec)) return {path};
    // A creation that was killed before the stub is finished with the count it planned.
    std::size_t count = planned_shards(path);
    if (count == 0) {
        // Shards left by an older newsdex, which wrote no plan, are taken over as they are.
        std::size_t existing = 0;
        while (fs::is_directory(fs::path(path) / shards::shard_dir_name(existing), ec)) ++existing;
        count = existing ? existing : wanted;
        if (count == 0) count = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
        if (count > 1 && !existing) plan_shards(path, count);
    }
    if (count == 1) return {path};
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < count; ++i) paths.push_back((fs::path(path) / shards::shard_dir_name(i)).string());
    return paths;
}

std::string canonical_or_given(const std::string& path) {
    std::error_code ec;
    std::string canonical = fs::weakly_canonical(path, ec).string();
    return ec ? path : canonical;
}

}  // namespace

std::map<std::string, std::size_t> IndexSummary::skipped_by_reason() const {
    std::map<std::string, std::size_t> counts;
    for (const auto& s : skipped) ++counts[s.reason];
    return counts;
}

struct Indexer::Impl {
    std::string path;
    IndexOptions options;
    // Declared before the writers, so that it is released after they have stopped and committed.
    std::unique_ptr<IndexLock> lock;
    bool created_dir = false;    ///< this run made the index directory
    bool created_index = false;  ///< and laid out a new index in it
    std::vector<std::unique_ptr<ShardWriter>> writers;
    IndexSummary summary;
    IndexProgress progress;
    std::string last_member;  ///< path of the last member read, for IndexSummary::sources

    // Resuming: what earlier runs recorded, and what this run has yet to record.
    std::map<std::string, FileCheckpoint> checkpoints;  ///< by checkpoint key
    std::vector<std::pair<std::string, std::string>> unrecorded;  ///< files finished since the last checkpoint
    std::string file_key, file_path;  ///< the file being read, if any
    FileCheckpoint file;              ///< its record as this run would write it now
    bool file_failed = false;         ///< a read failure froze file.position
    std::size_t since_checkpoint = 0;  ///< articles
    std::chrono::steady_clock::time_point last_checkpoint = std::chrono::steady_clock::now();
    const std::uint64_t limits = limits_hash(options);
    const std::uint64_t extraction = extraction_hash(options);

    // The stall watchdog (IndexOptions::stall_seconds). Once it has acted, the reading thread's
    // later callbacks change nothing: the record it wrote must stay the last word.
    std::atomic<SourceReader*> reading{nullptr};
    std::atomic<bool> abandoned{false};
    std::mutex watchdog_mutex;
    std::condition_variable watchdog_wake;
    bool watchdog_stop = false;
    std::thread watchdog;

    Impl(const std::string& db_path, IndexOptions opts) : path(db_path), options(std::move(opts)) {
        const Found found = inspect_index_path(path);
        std::error_code ec;
        if (found == Found::nothing && !fs::exists(path, ec)) {
            fs::create_directories(path, ec);
            if (ec) throw IndexError("cannot create the index directory " + path + ": " + ec.message());
            created_dir = true;
        }
        try {
            lock = std::make_unique<IndexLock>(path);
            // Looked at again under the lock: another writer may have laid out the index meanwhile.
            // Shards without a stub hold no articles (the stub is written before the first one).
            created_index = inspect_index_path(path) != Found::index;
            const auto paths = shard_paths(path, options.shards);
            const auto lemmas = std::make_shared<SharedLemmaCache>();
            IndexOptions writer_options = options;
            writer_options.shards = paths.size();  // the memory budget is shared by the shards there are
            for (const auto& p : paths) writers.push_back(std::make_unique<ShardWriter>(p, writer_options, lemmas));
            if (paths.size() > 1 && !shards::is_sharded(path)) {
                // Written once every shard exists and is committed, so a reader never meets a stub
                // naming a directory that is not yet a database.
                try {
                    shards::write_stub(path, paths.size());
                } catch (const shards::LayoutError& e) {
                    throw IndexError(e.what());
                }
                fs::remove(fs::path(path) / kPlannedShardsFile, ec);
            }
            if (options.resume) load_checkpoints(paths.front());
            if (options.stall_seconds > 0) watchdog = std::thread([this] { watch(); });
        } catch (...) {
            writers.clear();
            remove_if_new_and_empty();
            throw;
        }
    }

    ~Impl() {
        if (watchdog.joinable()) {
            {
                std::lock_guard guard(watchdog_mutex);
                watchdog_stop = true;
            }
            watchdog_wake.notify_all();
            watchdog.join();
        }
        try {
            sync(true);
        } catch (...) {
            // Reported to callers of commit(); a destructor cannot.
        }
        writers.clear();
        remove_if_new_and_empty();
    }

    // A first run that indexed nothing (a wrong path, a failure) leaves no empty index behind.
    void remove_if_new_and_empty() noexcept {
        if (!created_index || !writers.empty()) return;
        try {
            if (fs::exists(path) && Xapian::Database(path).get_doccount() != 0) return;
        } catch (const Xapian::Error&) {
            // Never became a database: nothing in it to keep.
        }
        std::error_code ec;
        if (created_dir) {
            fs::remove_all(path, ec);
            return;
        }
        // The directory was there, empty (inspect_index_path checked): everything in it is ours.
        for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }

    void load_checkpoints(const std::string& first_shard) {
        try {
            const Xapian::Database db(first_shard);
            const std::string prefix(kCheckpointPrefix);
            for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it)
                if (auto c = FileCheckpoint::decode(db.get_metadata(*it))) checkpoints.emplace(*it, *c);
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot read the index " + first_shard + ": " + e.get_msg());
        }
    }

    // A file is about to be read: whether an earlier run finished it, or where it got to.
    SourceReader::FilePlan start_file(const std::string& file_name) {
        file_path = canonical_or_given(file_name);
        file_key = checkpoint_key(file_path);
        file = {};
        file.limits = limits;
        file.extraction = extraction;
        file_failed = false;
        // Without resuming no record is written, so the file's content need not be sampled.
        if (!options.resume) return {};
        file.fingerprint = file_fingerprint(file_name);
        if (file.fingerprint.empty()) return {};
        const auto earlier = checkpoints.find(file_key);
        const ResumePlan plan =
            plan_resume(earlier == checkpoints.end() ? std::nullopt : std::optional<FileCheckpoint>(earlier->second),
                        file.fingerprint, limits, extraction);
        if (plan.skip) {
            ++summary.files_resumed;
            file_key.clear();
            return {false, std::nullopt};
        }
        file.position = plan.resume_after;
        return {true, plan.resume_after};
    }

    void watch() {
        const auto limit = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(options.stall_seconds));
        std::unique_lock guard(watchdog_mutex);
        while (!watchdog_stop) {
            watchdog_wake.wait_for(guard, std::chrono::milliseconds(200));
            SourceReader* reader = reading.load();
            if (!reader || abandoned.load()) continue;
            // Under the lock: index_source() clears `reading` under it too, so the reader outlives this.
            if (const auto stall = reader->stalled(limit)) give_up_on(*reader, *stall);
        }
    }

    // The reading thread is stuck inside libarchive and is not touching this state (it is only
    // changed outside libarchive calls); once abandoned is set it never will again.
    void give_up_on(SourceReader& reader, const SourceReader::Stall& stall) {
        abandoned.store(true);
        reader.abandon();
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.0f", stall.seconds);
        const std::string message = "reading " + stall.where + " got stuck inside the archive library (no input asked for in " +
                                    seconds + " s); what was read before is committed, and later runs pass over it (" +
                                    (stall.skip_through.entries.front() == ReadPosition::kWholeEntry ? std::string("the rest of the file")
                                                                                                      : "entry " + stall.skip_through.encode()) +
                                    ")";
        summary.skipped.push_back({stall.where, "stuck", message});
        summary.stalled = true;
        try {
            if (!file_key.empty()) {
                FileCheckpoint record = file;
                record.complete = false;
                record.position = stall.skip_through;
                unrecorded.emplace_back(file_key, record.encode(file_path));
                file_key.clear();
            }
            commit_and_record();
        } catch (const std::exception&) {
            // Nothing more can be kept; the message still goes out.
        }
        if (options.on_stall) options.on_stall(message);
    }

    void member_read(const ReadPosition& position) {
        if (!abandoned.load() && !file_key.empty() && !file_failed) file.position = position;
    }

    void skipped(Skipped&& s) {
        if (abandoned.load()) return;
        if (!file_key.empty()) {
            if (is_read_failure(s.reason)) file_failed = true;
            if (is_limit(s.reason)) file.limited = true;
        }
        summary.skipped.push_back(std::move(s));
    }

    void end_file() {
        if (file_key.empty() || abandoned.load()) return;
        file.complete = !file_failed;
        if (file_failed) summary.files_to_retry.push_back(file_path);
        unrecorded.emplace_back(file_key, file.encode(file_path));
        file_key.clear();
    }

    // Reading stopped inside a file: what was read of it is recorded at the next checkpoint.
    void leave_file() {
        if (file_key.empty() || abandoned.load()) return;
        file.complete = false;
        unrecorded.emplace_back(file_key, file.encode(file_path));
        file_key.clear();
    }

    // Called between members: every shard commits, then the first records how far this run got.
    // A kill before the record costs re-reading since the previous checkpoint, never a document.
    void checkpoint() {
        if (abandoned.load()) return;
        commit_and_record();
    }

    void commit_and_record() {
        sync(true);
        auto entries = std::move(unrecorded);
        unrecorded.clear();
        if (!file_key.empty()) {
            FileCheckpoint partial = file;
            partial.complete = false;
            entries.emplace_back(file_key, partial.encode(file_path));
        }
        if (!entries.empty() && options.resume) {
            writers.front()->set_metadata(std::move(entries));
            writers.front()->sync(true);
        }
        since_checkpoint = 0;
        last_checkpoint = std::chrono::steady_clock::now();
    }

    bool checkpoint_due() const {
        const std::size_t every = options.checkpoint_every ? options.checkpoint_every : options.commit_every * writers.size();
        if (since_checkpoint >= std::max<std::size_t>(every, 1)) return true;
        return since_checkpoint > 0 && options.checkpoint_seconds > 0 &&
               std::chrono::steady_clock::now() - last_checkpoint >= std::chrono::duration<double>(options.checkpoint_seconds);
    }

    void add(Article&& article) {
        if (article.body.size() > options.max_text_bytes) {
            std::size_t cut = options.max_text_bytes;
            while (cut > 0 && (static_cast<unsigned char>(article.body[cut]) & 0xC0) == 0x80) --cut;
            article.body.resize(cut);
        }
        if (article.title.empty() && article.body.empty()) {
            summary.skipped.push_back({article.origin, "empty text", "no title and no text"});
            return;
        }
        if (article.id.empty()) article.id = !article.url.empty() ? article.url : content_hash_id(article);
        ShardWriter& writer = *writers[shards::shard_of(schema::id_term(article.id), writers.size())];
        writer.push(std::move(article));
        // Committed without a checkpoint record: that waits for the end of the member.
        if (writer.commit_due()) sync(true);
        ++progress.articles;
        ++since_checkpoint;
        if (options.on_progress) options.on_progress(progress);
    }

    // Every shard is asked before any is waited for, so that the shards commit at once: one after
    // another, each shard sat idle (its queue drained, the reader blocked) while the others
    // committed, a core's worth of time at every checkpoint and at the end of a run.
    void sync(bool commit) {
        std::vector<std::future<void>> started;
        started.reserve(writers.size());
        for (auto& w : writers) started.push_back(w->start_sync(commit));
        std::exception_ptr first_error;
        summary.documents_added = summary.documents_updated = 0;
        for (std::size_t i = 0; i < writers.size(); ++i) {
            try {
                writers[i]->finish_sync(started[i]);
            } catch (...) {
                if (!first_error) first_error = std::current_exception();
            }
            summary.documents_added += writers[i]->added();
            summary.documents_updated += writers[i]->updated();
        }
        if (first_error) std::rethrow_exception(first_error);
    }
};

Indexer::Indexer(const std::string& db_path, IndexOptions options)
    : impl_(std::make_unique<Impl>(db_path, options)) {}

// The shard writers commit what they hold when they stop; a destructor must not throw, so
// callers who need to know that it worked call commit() themselves.
Indexer::~Indexer() = default;

void Indexer::index_source(const std::string& path) {
    Impl& in = *impl_;
    if (in.abandoned.load()) return;  // a stall ended this Indexer's reading (see IndexOptions::on_stall)
    auto on_member = [&](Member&& member) {
        if (in.abandoned.load()) return;
        // A JSON Lines member comes in chunks of lines: count it once.
        if (member.first_line == 1 || member.path != in.last_member) ++in.summary.sources;
        in.last_member = member.path;
        in.summary.bytes += member.data.size();
        const ReadPosition position = member.position;
        Extraction ex = extract_articles(member, in.options.json_fields);
        for (auto& problem : ex.problems) in.summary.skipped.push_back(std::move(problem));
        for (std::size_t i = 0; i < ex.articles.size(); ++i) {
            Article& article = ex.articles[i];
            // Progress through the member's bytes as its articles go (a chunk of JSON Lines is MBs).
            in.progress.source_bytes_read =
                member.progress_from + (member.progress_to - member.progress_from) * (i + 1) / ex.articles.size();
            article.published = to_iso_date(article.published);
            // Identity: the canonical URL, else the dump's own id, else where it was found.
            if (!article.url.empty())
                article.id = article.url;
            else if (article.id.empty())
                article.id = stable_origin(article.origin, path);
            if (article.source.empty()) article.source = fs::path(path).filename().string();
            in.add(std::move(article));
        }
        in.member_read(position);
        if (in.checkpoint_due()) in.checkpoint();
    };
    auto on_skip = [&](Skipped&& s) { in.skipped(std::move(s)); };
    SourceReader reader(in.options, on_member, on_skip);
    in.progress.source = path;
    in.progress.source_bytes_read = in.progress.source_bytes_total = 0;
    reader.set_progress([&](std::uint64_t done, std::uint64_t total) {
        in.progress.source_bytes_read = done;
        in.progress.source_bytes_total = total;
        if (in.options.on_progress) in.options.on_progress(in.progress);
    });
    reader.set_file_hooks([&](const std::string& file) { return in.start_file(file); },
                          [&](const std::string&) { in.end_file(); });
    in.reading.store(&reader);
    {
        // Cleared however read() ends: an IndexError (a full disk) unwinds through it, and the
        // watchdog must not look at the reader once it is gone.
        struct StopWatching {
            Impl& in;
            ~StopWatching() {
                std::lock_guard lock(in.watchdog_mutex);
                in.reading.store(nullptr);
            }
        } stop_watching{in};
        reader.read(path);
    }
    if (in.abandoned.load()) return;
    in.summary.members_resumed += reader.passed_over();
    if (reader.interrupted()) in.summary.interrupted = true;
    in.leave_file();
}

void Indexer::add_article(Article article) {
    if (article.origin.empty()) article.origin = "api";
    impl_->add(std::move(article));
}

void Indexer::commit() { impl_->checkpoint(); }

const IndexSummary& Indexer::summary() const {
    impl_->sync(false);
    return impl_->summary;
}

std::size_t Indexer::shard_count() const { return impl_->writers.size(); }

}  // namespace newsdex
