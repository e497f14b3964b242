#include "newsdex/indexer.h"

#include "document_builder.h"
#include "extractor.h"
#include "lemma_table_writer.h"
#include "newsdex/schema.h"
#include "source_reader.h"

#include <xapian.h>

#include <cstdio>
#include <filesystem>

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

}  // namespace

std::map<std::string, std::size_t> IndexSummary::skipped_by_reason() const {
    std::map<std::string, std::size_t> counts;
    for (const auto& s : skipped) ++counts[s.reason];
    return counts;
}

struct Indexer::Impl {
    IndexOptions options;
    Xapian::WritableDatabase db;
    DocumentBuilder builder;
    IndexSummary summary;
    std::size_t uncommitted = 0;

    Impl(const std::string& path, IndexOptions opts) : options(opts), builder(opts.lemma_positions) {
        try {
            std::error_code ec;
            fs::create_directories(path, ec);
            db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        } catch (const Xapian::DatabaseLockError&) {
            throw IndexError("index " + path + " is locked: another newsdex index is writing to it");
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot open index " + path + " for writing: " + e.get_msg());
        }
        // Forms an earlier run lemmatized keep their lemmas (and skip Hunspell).
        builder.lemmatizer().set_stored_lookup([this](Language lang, std::string_view form) {
            return form.size() > schema::kMaxWordBytes ? Lemmas{} : schema::split_lines(db.get_metadata(schema::lemma_key(lang, form)));
        });
        const std::string version = db.get_metadata(std::string(schema::kSchemaVersionKey));
        if (version.empty() && db.get_doccount() == 0) {
            // Committed at once, so that readers of a new index see it as a valid, empty one.
            db.set_metadata(std::string(schema::kSchemaVersionKey), std::string(schema::kSchemaVersion));
            db.commit();
        } else if (version != schema::kSchemaVersion) {
            throw IndexError("index " + path + " was written by another newsdex schema (" +
                             (version.empty() ? "none" : version) + "); index into a new directory");
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
        Xapian::Document doc = builder.build(article);
        const std::string id_term = schema::id_term(article.id);
        try {
            const bool existed = db.term_exists(id_term);
            db.replace_document(id_term, doc);
            ++(existed ? summary.documents_updated : summary.documents_added);
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot write to the index: " + e.get_msg());
        }
        if (++uncommitted >= options.commit_every) commit();
    }

    void commit() {
        try {
            write_lemma_table(db, builder.lemmatizer().take_new_entries());
            db.commit();
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot commit the index: " + e.get_msg());
        }
        uncommitted = 0;
    }
};

Indexer::Indexer(const std::string& db_path, IndexOptions options)
    : impl_(std::make_unique<Impl>(db_path, options)) {}

Indexer::~Indexer() {
    try {
        if (impl_->uncommitted) impl_->commit();
    } catch (...) {
        // A destructor must not throw; callers who care call commit() themselves.
    }
}

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
    SourceReader(impl_->options, on_member, on_skip).read(path);
}

void Indexer::add_article(Article article) {
    if (article.origin.empty()) article.origin = "api";
    impl_->add(std::move(article));
}

void Indexer::commit() { impl_->commit(); }

const IndexSummary& Indexer::summary() const { return impl_->summary; }

}  // namespace newsdex
