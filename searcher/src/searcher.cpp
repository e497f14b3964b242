#include "newsdex/searcher.h"

#include "newsdex/analyzer.h"
#include "newsdex/schema.h"
#include "filters.h"
#include "query_builder.h"
#include "query_parser.h"
#include "shard_set.h"
#include "snippet.h"
#include "stored_lemmas.h"

#include <xapian.h>

#include <filesystem>

namespace newsdex {
namespace fs = std::filesystem;

namespace {

void set_weighting(Xapian::Enquire& enquire, const SearchOptions& options) {
    using W = SearchOptions::Weighting;
    switch (options.weighting) {
    case W::bm25: enquire.set_weighting_scheme(Xapian::BM25Weight(options.bm25_k1, 0, 1, options.bm25_b, 0.5)); break;
    case W::bm25plus: enquire.set_weighting_scheme(Xapian::BM25PlusWeight(options.bm25_k1, 0, 1, options.bm25_b, 0.5, 1.0)); break;
    case W::dph: enquire.set_weighting_scheme(Xapian::DPHWeight()); break;
    case W::pl2: enquire.set_weighting_scheme(Xapian::PL2Weight()); break;
    case W::inl2: enquire.set_weighting_scheme(Xapian::InL2Weight()); break;
    case W::lm: enquire.set_weighting_scheme(Xapian::LMWeight(0, Xapian::Weight::DIRICHLET_SMOOTHING, 2000, 0)); break;
    }
}

// Only word and lemma terms may join a query: not ids, dates, sources or other prefixed terms.
class WordTermsOnly : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        if (term.empty()) return false;
        const unsigned char c = static_cast<unsigned char>(term[0]);
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
        return term.size() > 1 && term[0] == 'Z' && term[1] != 'S';
    }
};

// The first hits' best terms, added to the query: for queries whose words the wanted articles
// share with their neighbours in other words.
Xapian::MSet with_feedback(Xapian::Enquire& enquire, const Xapian::MSet& first, const SearchOptions& options) {
    Xapian::RSet relevant;
    std::size_t taken = 0;
    for (auto it = first.begin(); it != first.end() && taken < options.feedback_documents; ++it, ++taken) relevant.add_document(*it);
    const WordTermsOnly words_only;
    const Xapian::ESet terms = enquire.get_eset(static_cast<Xapian::termcount>(options.feedback_terms), relevant, &words_only);
    if (terms.empty()) return first;
    const Xapian::Query expansion(Xapian::Query::OP_OR, terms.begin(), terms.end());
    // AND_MAYBE: the new terms reorder what the query matched (and its filters let through), and
    // bring in nothing else.
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, enquire.get_query(),
                                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expansion, options.feedback_weight)));
    return enquire.get_mset(static_cast<Xapian::doccount>(options.offset), static_cast<Xapian::doccount>(options.limit));
}

}  // namespace

struct Searcher::Impl {
    std::string path;
    Xapian::Database db;
    Analyzer analyzer;
    std::unique_ptr<StoredLemmas> lemmas;  // reads db, so made once db is open
    bool remote = false;                    // a shard is served by xapian-tcpsrv

    explicit Impl(const std::string& db_path) : path(db_path) {
        OpenShards shards = open_shards(db_path);
        for (const auto& shard : shards.databases) db.add_database(shard);
        remote = shards.remote;
        lemmas = std::make_unique<StoredLemmas>(db, std::move(shards.databases));
    }
};

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {}
Searcher::~Searcher() = default;

SearchResults Searcher::search(const std::string& query_text, const SearchOptions& options) {
    const QueryNode tree = parse_query(query_text, options.literal);
    QueryBuilder builder(impl_->analyzer, *impl_->lemmas);
    builder.set_serialisable(impl_->remote);
    SearchResults results;
    try {
        Xapian::Enquire enquire(impl_->db);
        set_weighting(enquire, options);
        if (options.collapse_duplicates) enquire.set_collapse_key(schema::kContentSlot);
        // Undated articles go last in either direction.
        Xapian::MultiValueKeyMaker by_date;
        if (options.sort == SortOrder::date_newest) {
            by_date.add_value(schema::kDateSlot, true);
            enquire.set_sort_by_key_then_relevance(&by_date, false);
        } else if (options.sort == SortOrder::date_oldest) {
            by_date.add_value(schema::kDateSlot, false, "~");
            enquire.set_sort_by_key_then_relevance(&by_date, false);
        }
        const Xapian::Query filter = filter_query(options);
        auto run = [&](const SearchOptions& run_options) {
            Xapian::Query query = builder.build(tree, impl_->db, run_options);
            if (query.empty()) return Xapian::MSet();
            if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
            enquire.set_query(query);
            return enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                                    static_cast<Xapian::doccount>(options.limit));
        };
        Xapian::MSet mset = run(options);
        if (options.feedback_terms > 0 && options.sort == SortOrder::relevance && !mset.empty())
            mset = with_feedback(enquire, mset, options);
        // A query with one word the collection lacks (a typo, a name spelled otherwise) should
        // still find the documents that hold the rest, ranked by how many of them they hold.
        if (mset.get_matches_upper_bound() == 0 && options.or_fallback && builder.plain_words() > 1 &&
            builder.word_match() != WordMatch::any) {
            SearchOptions any_word = options;
            any_word.short_query_match = any_word.long_query_match = WordMatch::any;
            mset = run(any_word);
        }
        results.word_match = builder.word_match();
        results.word_match_note = builder.word_match_note();
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
            hit.copies = 1 + it.get_collapse_count();
            if (options.snippets) {
                Snippet s = make_snippet(a.body, builder.highlights(), impl_->analyzer, options.snippet_chars);
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

namespace newsdex {

std::optional<Article> Searcher::find(const std::string& id) const {
    try {
        const std::string term = schema::id_term(id);
        auto it = impl_->db.postlist_begin(term);
        if (it == impl_->db.postlist_end(term)) return std::nullopt;
        return schema::decode_article(impl_->db.get_document(*it).get_data());
    } catch (const Xapian::Error& e) {
        throw SearchError("cannot read article " + id + ": " + e.get_description());
    }
}

}  // namespace newsdex
