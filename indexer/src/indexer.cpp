#include "newsdex/indexer.h"

#include "document_builder.h"
#include "extractor.h"
#include "newsdex/schema.h"
#include "newsdex/shards.h"
#include "shard_writer.h"
#include "source_reader.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
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

// A directory that already holds a plain Xapian database stays one shard; a new index gets
// options.shards shards (one per core by default) listed in a stub file.
std::vector<std::string> shard_paths(const std::string& path, std::size_t wanted) {
    std::error_code ec;
    fs::create_directories(path, ec);
    if (shards::is_sharded(path)) {
        try {
            return shards::local_paths(path);
        } catch (const shards::LayoutError& e) {
            throw IndexError(e.what());
        }
    }
    if (fs::exists(fs::path(path) / "iamglass", ec)) return {path};
    // Shards created by a run that was killed before it wrote the stub are taken over as they are.
    std::size_t existing = 0;
    while (fs::is_directory(fs::path(path) / shards::shard_dir_name(existing), ec)) ++existing;
    std::size_t count = existing ? existing : wanted;
    if (count == 0) count = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    if (count == 1) return {path};
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < count; ++i) paths.push_back((fs::path(path) / shards::shard_dir_name(i)).string());
    return paths;
}

// How far an earlier run got in one file: stored in the first shard's metadata under a key made
// from the file's path, valid while the file keeps its size and modification time.
struct FileCheckpoint {
    std::string fingerprint;  ///< "SIZE MTIME"
    std::size_t members = 0;  ///< members (or JSON Lines chunks) indexed and committed
    bool complete = false;
};

constexpr std::string_view kCheckpointPrefix = "newsdex.file:";

std::string checkpoint_key(const std::string& canonical_path) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(schema::stable_hash(canonical_path)));
    return std::string(kCheckpointPrefix) + buf;
}

// "SIZE MTIME MEMBERS complete|partial\nPATH"
std::string encode_checkpoint(const FileCheckpoint& c, const std::string& path) {
    return c.fingerprint + " " + std::to_string(c.members) + (c.complete ? " complete\n" : " partial\n") + path;
}

std::optional<FileCheckpoint> decode_checkpoint(const std::string& value) {
    std::istringstream in(value.substr(0, value.find('\n')));
    std::string size, mtime, state;
    FileCheckpoint c;
    if (!(in >> size >> mtime >> c.members >> state)) return std::nullopt;
    c.fingerprint = size + " " + mtime;
    c.complete = state == "complete";
    return c;
}

std::string fingerprint(const std::string& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) return {};
    const auto mtime = fs::last_write_time(path, ec);
    if (ec) return {};
    return std::to_string(size) + " " + std::to_string(mtime.time_since_epoch().count());
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
    std::vector<std::unique_ptr<ShardWriter>> writers;
    IndexSummary summary;
    IndexProgress progress;

    // Resuming: what earlier runs recorded, and what this run has yet to record.
    std::map<std::string, FileCheckpoint> checkpoints;  ///< by checkpoint key
    std::vector<std::pair<std::string, std::string>> unrecorded;  ///< finished files since the last checkpoint
    std::string file_key, file_path;  ///< the file being read, if any
    FileCheckpoint file;              ///< its progress in this run
    std::size_t file_skip = 0;        ///< its members an earlier run indexed
    std::size_t since_checkpoint = 0;  ///< articles

    Impl(const std::string& db_path, IndexOptions opts) : path(db_path), options(opts) {
        const auto paths = shard_paths(path, options.shards);
        for (const auto& p : paths) writers.push_back(std::make_unique<ShardWriter>(p, options));
        if (paths.size() > 1 && !shards::is_sharded(path)) {
            // Written once every shard exists and is committed, so a reader never meets a stub
            // naming a directory that is not yet a database.
            try {
                shards::write_stub(path, paths.size());
            } catch (const shards::LayoutError& e) {
                throw IndexError(e.what());
            }
        }
        if (options.resume) load_checkpoints(paths.front());
    }

    void load_checkpoints(const std::string& first_shard) {
        try {
            const Xapian::Database db(first_shard);
            const std::string prefix(kCheckpointPrefix);
            for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it)
                if (auto c = decode_checkpoint(db.get_metadata(*it))) checkpoints.emplace(*it, *c);
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot read the index " + first_shard + ": " + e.get_msg());
        }
    }

    // A file is about to be read: false when an earlier run finished it.
    bool start_file(const std::string& file_name) {
        std::error_code ec;
        file_path = fs::weakly_canonical(file_name, ec).string();
        if (ec) file_path = file_name;
        file_key = checkpoint_key(file_path);
        file = {fingerprint(file_name), 0, false};
        file_skip = 0;
        if (!options.resume || file.fingerprint.empty()) return true;
        const auto earlier = checkpoints.find(file_key);
        if (earlier == checkpoints.end() || earlier->second.fingerprint != file.fingerprint) return true;
        if (earlier->second.complete) {
            ++summary.files_resumed;
            file_key.clear();
            return false;
        }
        file_skip = earlier->second.members;
        return true;
    }

    void end_file() {
        if (file_key.empty()) return;
        file.complete = true;
        unrecorded.emplace_back(file_key, encode_checkpoint(file, file_path));
        file_key.clear();
    }

    // Called between members: every shard commits, then the first records how far this run got.
    // A kill before the record costs re-reading since the previous checkpoint, never a document.
    void checkpoint() {
        sync(true);
        auto entries = std::move(unrecorded);
        unrecorded.clear();
        if (!file_key.empty()) entries.emplace_back(file_key, encode_checkpoint(file, file_path));
        if (!entries.empty() && options.resume) {
            writers.front()->set_metadata(std::move(entries));
            writers.front()->sync(true);
        }
        since_checkpoint = 0;
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
        writers[shards::shard_of(schema::id_term(article.id), writers.size())]->push(std::move(article));
        ++progress.articles;
        ++since_checkpoint;
        if (options.on_progress) options.on_progress(progress);
    }

    void sync(bool commit) {
        summary.documents_added = summary.documents_updated = 0;
        for (auto& w : writers) {
            w->sync(commit);
            summary.documents_added += w->added();
            summary.documents_updated += w->updated();
        }
    }
};

Indexer::Indexer(const std::string& db_path, IndexOptions options)
    : impl_(std::make_unique<Impl>(db_path, options)) {}

// The shard writers commit what they hold when they stop; a destructor must not throw, so
// callers who need to know that it worked call commit() themselves.
Indexer::~Indexer() = default;

void Indexer::index_source(const std::string& path) {
    auto on_member = [&](Member&& member) {
        Impl& in = *impl_;
        if (!in.file_key.empty() && ++in.file.members <= in.file_skip) {
            ++in.summary.members_resumed;
            return;
        }
        ++impl_->summary.sources;
        impl_->summary.bytes += member.data.size();
        Extraction ex = extract_articles(member, impl_->options.json_fields);
        for (auto& problem : ex.problems) impl_->summary.skipped.push_back(std::move(problem));
        for (auto& article : ex.articles) {
            article.published = to_iso_date(article.published);
            // Identity: the canonical URL, else the dump's own id, else where it was found.
            if (!article.url.empty())
                article.id = article.url;
            else if (article.id.empty())
                article.id = stable_origin(article.origin, path);
            if (article.source.empty()) article.source = fs::path(path).filename().string();
            impl_->add(std::move(article));
        }
        const std::size_t every = in.options.checkpoint_every ? in.options.checkpoint_every
                                                              : in.options.commit_every * in.writers.size();
        if (in.since_checkpoint >= std::max<std::size_t>(every, 1)) in.checkpoint();
    };
    auto on_skip = [&](Skipped&& s) { impl_->summary.skipped.push_back(std::move(s)); };
    SourceReader reader(impl_->options, on_member, on_skip);
    impl_->progress.source = path;
    impl_->progress.source_bytes_read = impl_->progress.source_bytes_total = 0;
    reader.set_progress([&](std::uint64_t done, std::uint64_t total) {
        impl_->progress.source_bytes_read = done;
        impl_->progress.source_bytes_total = total;
        if (impl_->options.on_progress) impl_->options.on_progress(impl_->progress);
    });
    reader.set_file_hooks([&](const std::string& file) { return impl_->start_file(file); },
                          [&](const std::string&) { impl_->end_file(); });
    reader.read(path);
    impl_->file_key.clear();
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
