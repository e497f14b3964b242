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
#include <thread>

namespace newsdex {
namespace fs = std::filesystem;

namespace {

std::string content_hash_id(const Article& a) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const std::string* field : {&a.title, &a.body}) {
        for (unsigned char c : *field) {
            h ^= c;
            h *= 0x100000001b3ULL;
        }
    }
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
        std::vector<std::string> paths;
        try {
            for (const auto& loc : shards::read_stub(path)) {
                if (loc.remote)
                    throw IndexError("index " + path + " lists the remote shard " + loc.describe() +
                                     "; index into that shard on its own machine");
                paths.push_back(loc.path);
            }
        } catch (const shards::LayoutError& e) {
            throw IndexError(e.what());
        }
        return paths;
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
    reader.read(path);
}

void Indexer::add_article(Article article) {
    if (article.origin.empty()) article.origin = "api";
    impl_->add(std::move(article));
}

void Indexer::commit() { impl_->sync(true); }

const IndexSummary& Indexer::summary() const {
    impl_->sync(false);
    return impl_->summary;
}

std::size_t Indexer::shard_count() const { return impl_->writers.size(); }

}  // namespace newsdex
