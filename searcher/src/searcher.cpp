#include "newsdex/searcher.h"

#include "newsdex/analyzer.h"
#include "newsdex/language.h"
#include "newsdex/schema.h"
#include "newsdex/stemmer.h"
#include "query_builder.h"
#include "query_parser.h"
#include "snippet.h"

#include <xapian.h>

#include <filesystem>

namespace newsdex {
namespace fs = std::filesystem;

struct Searcher::Impl {
    std::string path;
    Xapian::Database db;
    Analyzer analyzer;
    Stemmer stemmer;

    explicit Impl(const std::string& db_path) : path(db_path) {
        std::error_code ec;
        if (!fs::exists(db_path, ec))
            throw SearchError("no index at " + db_path + " (create one with: newsdex index --db " + db_path + " SOURCE...)");
        try {
            db = Xapian::Database(db_path);
        } catch (const Xapian::Error& e) {
            throw SearchError("cannot open index at " + db_path + ": " + e.get_msg());
        }
        const std::string version = db.get_metadata(std::string(schema::kSchemaVersionKey));
        if (version != schema::kSchemaVersion)
            throw SearchError("index at " + db_path + " has schema " + (version.empty() ? "none" : version) +
                              ", this newsdex reads schema " + std::string(schema::kSchemaVersion) + "; re-index it");
    }
};

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {}
Searcher::~Searcher() = default;

SearchResults Searcher::search(const std::string& query_text, const SearchOptions& options) {
    const QueryNode tree = parse_query(query_text);
    QueryBuilder builder(impl_->analyzer, impl_->stemmer);
    SearchResults results;
    try {
        Xapian::Enquire enquire(impl_->db);
        enquire.set_weighting_scheme(Xapian::BM25Weight(options.bm25_k1, 0, 1, options.bm25_b, 0.5));
        auto run = [&](const SearchOptions& run_options) {
            const Xapian::Query query = builder.build(tree, impl_->db, run_options);
            if (query.empty()) return Xapian::MSet();
            enquire.set_query(query);
            return enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                                    static_cast<Xapian::doccount>(options.limit), 0, nullptr, builder.decider());
        };
        Xapian::MSet mset = run(options);
        // A query with one word the collection lacks (a typo, a name spelled otherwise) should
        // still find the documents that hold the rest, ranked by how many of them they hold.
        if (mset.get_matches_upper_bound() == 0 && options.or_fallback && builder.plain_words() > 1 &&
            builder.word_match() != WordMatch::any) {
            SearchOptions any_word = options;
            any_word.short_query_match = any_word.long_query_match = WordMatch::any;
            mset = run(any_word);
        }
        results.estimated_matches = mset.get_matches_estimated();
        std::size_t rank = options.offset;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const Article a = schema::decode_article(it.get_document().get_data());
            Hit hit;
            hit.rank = ++rank;
            hit.id = a.id;
            hit.score = it.get_weight();
            hit.title = a.title;
            hit.url = a.url;
            hit.published = a.published;
            hit.lang = a.lang;
            hit.source = a.source;
            hit.author = a.author;
            hit.origin = a.origin;
            if (options.snippets) {
                Snippet s = make_snippet(a.body, language_from_code(a.lang), builder.highlights(), impl_->analyzer,
                                         impl_->stemmer, options.snippet_chars);
                hit.snippet = std::move(s.text);
                hit.highlights = std::move(s.highlights);
            }
            results.hits.push_back(std::move(hit));
        }
    } catch (const Xapian::Error& e) {
        throw SearchError("search failed: " + e.get_description());
    }
    return results;
}

IndexStats Searcher::stats() const {
    IndexStats stats;
    try {
        stats.documents = impl_->db.get_doccount();
        const std::string prefix(schema::kLangPrefix);
        for (auto it = impl_->db.allterms_begin(prefix); it != impl_->db.allterms_end(prefix); ++it)
            stats.languages[(*it).substr(prefix.size())] = it.get_termfreq();
    } catch (const Xapian::Error& e) {
        throw SearchError("cannot read index statistics: " + e.get_description());
    }
    std::error_code ec;
    for (fs::recursive_directory_iterator it(impl_->path, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec)) stats.size_bytes += it->file_size(ec);
    return stats;
}

}  // namespace newsdex
