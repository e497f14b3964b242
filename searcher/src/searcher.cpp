#include "newsdex/searcher.h"

#include "newsdex/analyzer.h"
#include "newsdex/experimental.h"
#include "newsdex/schema.h"
#include "clusters.h"
#include "filters.h"
#include "query_builder.h"
#include "query_parser.h"
#include "searcher_impl.h"
#include "snippet.h"
#include "stored_lemmas.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>

namespace newsdex {
namespace fs = std::filesystem;

namespace {

void set_weighting(Xapian::Enquire& enquire, const experimental::Ranking& options) {
    using W = experimental::Ranking::Weighting;
    switch (options.weighting) {
    case W::bm25: enquire.set_weighting_scheme(Xapian::BM25Weight(options.bm25_k1, 0, 1, options.bm25_b, 0.5)); break;
    case W::bm25plus: enquire.set_weighting_scheme(Xapian::BM25PlusWeight(options.bm25_k1, 0, 1, options.bm25_b, 0.5, 1.0)); break;
    case W::dph: enquire.set_weighting_scheme(Xapian::DPHWeight()); break;
    case W::pl2: enquire.set_weighting_scheme(Xapian::PL2Weight()); break;
    case W::inl2: enquire.set_weighting_scheme(Xapian::InL2Weight()); break;
    case W::lm: enquire.set_weighting_scheme(Xapian::LMWeight(0, Xapian::Weight::DIRICHLET_SMOOTHING, 2000, 0)); break;
    }
}

// Up to this many possible matches, an index with a remote shard fetches them all to count copies once.
constexpr std::size_t kRemoteRecount = 1000;
// A filled page's lift for the articles with every word: above what any query's words can weigh
// (a BM25 or DPH weight per word is a few tens at most), small enough that a double still tells
// their own weights apart.
constexpr double kAllWordsTier = 1e9;

// The first hits' best terms, added to the query: for queries whose words the wanted articles
// share with their neighbours in other words.
Xapian::MSet with_feedback(Xapian::Enquire& enquire, const Xapian::MSet& first, const SearchOptions& options,
                           Xapian::doccount check_at_least) {
    const experimental::Ranking& ranking = experimental::or_default(options.ranking);
    Xapian::RSet relevant;
    std::size_t taken = 0;
    for (auto it = first.begin(); it != first.end() && taken < ranking.feedback_documents; ++it, ++taken) relevant.add_document(*it);
    const WordTermsOnly words_only;
    const Xapian::ESet terms = enquire.get_eset(static_cast<Xapian::termcount>(ranking.feedback_terms), relevant, &words_only);
    if (terms.empty()) return first;
    const Xapian::Query expansion(Xapian::Query::OP_OR, terms.begin(), terms.end());
    // AND_MAYBE: the new terms reorder what the query matched (and its filters let through), and
    // bring in nothing else.
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, enquire.get_query(),
                                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expansion, ranking.feedback_weight)));
    return enquire.get_mset(static_cast<Xapian::doccount>(std::min<std::size_t>(options.offset, kMaxDocs)),
                            static_cast<Xapian::doccount>(std::min<std::size_t>(options.limit, kMaxDocs)), check_at_least);
}

// Under loose matching a hit may hold only some of the words: the same query with every word
// required, restricted to these hits, tells which hold them all.
void mark_partial_hits(const Analyzer& analyzer, StoredLemmas& lemmas, const Xapian::Database& db, bool remote,
                       const QueryNode& tree, const SearchOptions& options, const std::vector<Xapian::docid>& docids,
                       std::vector<Hit>& hits) {
    SearchOptions strict = options;
    strict.short_query_match = strict.long_query_match = WordMatch::all;
    auto plain = std::make_shared<experimental::Ranking>(experimental::or_default(options.ranking));
    plain->all_words_bonus = plain->exact_form_bonus = plain->title_bonus = plain->proximity_bonus = 0;
    plain->sequence_bonus = plain->sequence_near_bonus = 0;
    strict.ranking = std::move(plain);
    QueryBuilder builder(analyzer, lemmas);
    builder.set_serialisable(remote);
    const Xapian::Query every_word = builder.build(tree, db, strict);
    std::vector<Xapian::Query> ids;
    for (const Hit& hit : hits) ids.emplace_back(schema::id_term(hit.id));
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, every_word, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())));
    const Xapian::MSet full = enquire.get_mset(0, static_cast<Xapian::doccount>(hits.size()));
    const std::set<Xapian::docid> holding_all(full.begin(), full.end());
    for (std::size_t i = 0; i < hits.size(); ++i) hits[i].all_words = holding_all.count(docids[i]) > 0;
}

// Xapian's bounds, made exact where it saw every match. Collapsing copies, Xapian 1.4 leaves the
// upper bound at the uncollapsed one (less the copies it dropped early) even when it saw every
// match; its lower bound then counts the distinct texts it saw, which is the count. It saw every
// match when fewer than check_at_least matched: it only skips documents once it has looked at
// that many, and the uncollapsed lower bound is at least the number it looked at. Remote shards
// send only their best hits, so there the bounds stay Xapian's.
MatchCount count_of(const Xapian::MSet& mset, bool collapsed, bool remote, Xapian::doccount check_at_least) {
    MatchCount count;
    count.lower = mset.get_matches_lower_bound();
    count.upper = mset.get_matches_upper_bound();
    if (collapsed && !remote && mset.get_uncollapsed_matches_lower_bound() < check_at_least) count.upper = count.lower;
    count.exact = count.lower == count.upper;
    count.matches = count.exact ? count.lower : std::clamp<std::size_t>(mset.get_matches_estimated(), count.lower, count.upper);
    return count;
}

}  // namespace

// lang: in a query takes the codes --lang takes; another value would silently match nothing.
void check_languages(const QueryNode& node, bool in_lang_field) {
    const bool lang = in_lang_field || (node.kind == QueryNode::Kind::field && node.text == "lang");
    if (lang && (node.kind == QueryNode::Kind::word || node.kind == QueryNode::Kind::phrase) &&
        !language_filter_code(node.text))
        throw QueryError("lang:" + node.text + " is not a language newsdex tells apart (uk, ru, en, or other for the rest)",
                         node.column);
    for (const QueryNode& child : node.children) check_languages(child, lang);
}

Hit hit_of(const Xapian::MSetIterator& match, const Article& a, ClusterFinder& clusters) {
    Hit hit;
    hit.id = a.id;
    hit.score = match.get_weight();
    hit.title = a.title;
    hit.url = a.url;
    hit.published = a.published;
    hit.lang = a.lang;
    hit.source = a.source;
    hit.author = a.author;
    hit.origin = a.origin;
    hit.copies = 1 + match.get_collapse_count();
    const Cluster& cluster = clusters.of(*match);
    hit.cluster = cluster.id;
    // Without a sketch an article's cluster is its exact copies, which Xapian counted among the
    // matches.
    hit.cluster_size = std::max(cluster.members.size(), hit.copies);
    return hit;
}

ClusterPage cluster_page(const Xapian::MSet& mset, ClusterFinder& clusters, std::size_t offset, std::size_t limit) {
    ClusterPage page;
    const std::size_t wanted = offset + std::min(limit, kMaxDocs);
    std::set<std::string> seen;
    for (Xapian::doccount i = 0; i < mset.size() && seen.size() < wanted; ++i) {
        if (!seen.insert(clusters.of(*mset[i]).id).second) continue;
        if (seen.size() > offset) page.shown.push_back(i);
    }
    page.full = seen.size() >= wanted;
    return page;
}

Xapian::doccount cluster_fetch_size(std::size_t offset, std::size_t limit, int round) {
    // Twice the page and a little: most clusters among the first hits have one or two members.
    double size = (static_cast<double>(offset) + static_cast<double>(std::min(limit, kMaxDocs))) * 2 + 10;
    for (int i = 0; i < round; ++i) size *= 4;
    return static_cast<Xapian::doccount>(std::min<double>(size, static_cast<double>(kMaxDocs)));
}

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {}
Searcher::~Searcher() = default;

void Searcher::reopen() { impl_->open(); }

SearchResults Searcher::search(const std::string& query_text, const SearchOptions& options) {
    const QueryNode tree = parse_query(query_text, options.literal);
    check_languages(tree);
    QueryBuilder builder(impl_->analyzer, *impl_->lemmas);
    builder.set_serialisable(impl_->remote);
    SearchResults results;
    try {
        Xapian::Enquire enquire(impl_->db);
        set_weighting(enquire, experimental::or_default(options.ranking));
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
        const Xapian::Query filter = filter_query(options, impl_->db);
        // Xapian counts exactly when it looks at every match; asking it to look at up to
        // count_exactly_up_to of them makes the count independent of offset and limit.
        const auto check_at_least = static_cast<Xapian::doccount>(std::min(options.count_exactly_up_to, kMaxDocs));
        Xapian::doccount checked = check_at_least;
        // A long query matched loosely (any word of a pasted headline) matches most of an archive,
        // and weighing thousands of them costs four times the search (docs/query-language.md): its count
        // stays an estimate with bounds. The OR fallback's few words are counted.
        auto run_query = [&](Xapian::Query query, const SearchOptions& run_options, bool counted) {
            if (query.empty()) return Xapian::MSet();
            if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
            enquire.set_query(query);
            checked = counted || builder.word_match() == WordMatch::all ? check_at_least : 0;
            return enquire.get_mset(static_cast<Xapian::doccount>(std::min(run_options.offset, kMaxDocs)),
                                    static_cast<Xapian::doccount>(std::min(run_options.limit, kMaxDocs)), checked);
        };
        auto run = [&](const SearchOptions& run_options, bool fallback) {
            return run_query(builder.build(tree, impl_->db, run_options), run_options, fallback);
        };
        auto any_word_of = [](SearchOptions page) {
            page.short_query_match = page.long_query_match = WordMatch::any;
            return page;
        };
        // Set once fewer articles hold every word than the page shows (below): the page then goes
        // on with articles that hold some of them.
        bool fill_page = false;
        // The whole match: the options' run, pseudo-relevance feedback, the OR fallback, the
        // filled page; from @p first, @p count matches.
        auto fetch = [&](std::size_t first, std::size_t count) {
            SearchOptions page = options;
            page.offset = first;
            page.limit = count;
            results.fell_back = false;
            if (fill_page) {
                // Every article with all the words first, then those with some of them, each in
                // the order of the any-word query (for an article with every word, the weight the
                // all-words query gives it): a constant far above any word's weight lifts the
                // first, so the two never mix.
                const Xapian::Query every = builder.build(tree, impl_->db, page);
                const Xapian::Query any = builder.build(tree, impl_->db, any_word_of(page));
                const Xapian::Query tier((new Xapian::FixedWeightPostingSource(kAllWordsTier))->release());
                return run_query(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_FILTER, tier, every), any),
                                 page, true);
            }
            Xapian::MSet mset = run(page, false);
            if (experimental::or_default(options.ranking).feedback_terms > 0 && options.sort == SortOrder::relevance && !mset.empty())
                mset = with_feedback(enquire, mset, page, checked);
            // A query with one word the collection lacks (a typo, a name spelled otherwise) should
            // still find the documents that hold the rest, ranked by how many of them they hold.
            if (mset.get_matches_upper_bound() == 0 && options.or_fallback && builder.plain_words() > 1 &&
                builder.word_match() != WordMatch::any) {
                mset = run(any_word_of(page), true);
                results.fell_back = true;
            }
            return mset;
        };
        ClusterFinder clusters(impl_->db);
        Xapian::MSet mset;
        std::vector<Xapian::doccount> shown;
        auto list_page = [&] {
            shown.clear();
            // A count alone (limit 0) lists no hits, so it needs no clusters.
            if (options.collapse_duplicates && options.limit > 0 && clusters.available()) {
                // Near duplicates are grouped after Xapian has collapsed exact copies, counting pages
                // in clusters from the first match: fetch enough matches to fill the page.
                for (int round = 0;; ++round) {
                    const Xapian::doccount asked = cluster_fetch_size(options.offset, options.limit, round);
                    mset = fetch(0, asked);
                    ClusterPage page = cluster_page(mset, clusters, options.offset, options.limit);
                    shown = std::move(page.shown);
                    if (page.full || mset.size() < asked || asked == kMaxDocs) break;
                }
            } else {
                mset = fetch(options.offset, options.limit);
                for (Xapian::doccount i = 0; i < mset.size(); ++i) shown.push_back(i);
            }
        };
        list_page();
        results.word_match = builder.word_match();
        results.word_match_note = builder.word_match_note();
        results.count = count_of(mset, options.collapse_duplicates, impl_->remote, checked);
        // A remote shard sends only its best hits, so copies are told apart only among those: when
        // few match, asking for all of them makes the collapsed count exact (Xapian's bounds are
        // exact when it returns fewer hits than asked for).
        if (!results.count.exact && impl_->remote && options.collapse_duplicates && results.count.upper < kRemoteRecount &&
            results.count.upper < checked)
            results.count = count_of(enquire.get_mset(0, static_cast<Xapian::doccount>(results.count.upper + 1)),
                                     true, true, checked);
        // Fewer articles hold every word than the page shows (the last page of them, or words
        // seldom seen together): rather than a short page, the page goes on with the articles
        // that hold some of the words, after every article that holds them all. The count stays
        // the count of those, so it never depends on the page. The OR fallback is the case of none.
        if (options.or_fallback && results.word_match == WordMatch::all && !results.fell_back && results.count.exact &&
            builder.plain_words() > 1 && options.limit > 0 && shown.size() < std::min(options.limit, kMaxDocs) &&
            options.sort == SortOrder::relevance && experimental::or_default(options.ranking).feedback_terms == 0) {
            fill_page = true;
            list_page();
            results.filled = true;
        }
        results.estimated_matches = results.count.matches;
        std::size_t rank = options.offset;
        std::vector<Xapian::docid> docids;
        for (const Xapian::doccount at : shown) {
            const Xapian::MSetIterator it = mset[at];
            docids.push_back(*it);
            const Article a = schema::decode_article(it.get_document().get_data());
            Hit hit = hit_of(it, a, clusters);
            hit.rank = ++rank;
            hit.all_words = !results.fell_back;
            // On a filled page the lift tells the articles with every word; their own score is shown.
            if (fill_page) {
                hit.all_words = hit.score >= kAllWordsTier;
                if (hit.all_words) hit.score -= kAllWordsTier;
            }
            if (options.snippets) {
                Snippet s = make_snippet(a.body, builder.highlights(), impl_->analyzer, options.snippet_chars);
                hit.snippet = std::move(s.text);
                hit.highlights = std::move(s.highlights);
                hit.title_highlights = highlight_whole(hit.title, builder.highlights(), impl_->analyzer);
            }
            results.hits.push_back(std::move(hit));
        }
        if (!results.fell_back && results.word_match != WordMatch::all && builder.plain_words() > 1 && !results.hits.empty())
            mark_partial_hits(impl_->analyzer, *impl_->lemmas, impl_->db, impl_->remote, tree, options, docids, results.hits);
        if (results.filled)  // only when an article with some of the words is shown
            results.filled = std::any_of(results.hits.begin(), results.hits.end(), [](const Hit& h) { return !h.all_words; });
    } catch (const Xapian::DatabaseModifiedError& e) {
        return impl_->on_latest_commit(e, [&] { return search(query_text, options); });
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
        // One term per source name; its first article gives the name as written.
        const std::string source(schema::kSourcePrefix);
        for (auto it = impl_->db.allterms_begin(source); it != impl_->db.allterms_end(source); ++it) {
            auto post = impl_->db.postlist_begin(*it);
            if (post == impl_->db.postlist_end(*it)) continue;
            std::string name = schema::decode_article(impl_->db.get_document(*post).get_data()).source;
            if (name.empty()) name = (*it).substr(source.size());
            stats.sources[name] += it.get_termfreq();
        }
        // Day terms sort as dates; year terms count the dated articles.
        const std::string day(schema::kDayPrefix), year(schema::kYearPrefix);
        for (auto it = impl_->db.allterms_begin(day); it != impl_->db.allterms_end(day); ++it) {
            const std::string d = (*it).substr(day.size());
            if (d.size() != 8) continue;
            const std::string iso = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
            if (stats.first_published.empty()) stats.first_published = iso;
            stats.last_published = iso;
        }
        std::size_t dated = 0;
        for (auto it = impl_->db.allterms_begin(year); it != impl_->db.allterms_end(year); ++it) dated += it.get_termfreq();
        stats.undated = stats.documents > dated ? stats.documents - dated : 0;
    } catch (const Xapian::DatabaseModifiedError& e) {
        return impl_->on_latest_commit(e, [&] { return this->stats(); });  // the member, not the local
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
    } catch (const Xapian::DatabaseModifiedError& e) {
        return impl_->on_latest_commit(e, [&] { return find(id); });
    } catch (const Xapian::Error& e) {
        throw SearchError("cannot read article " + id + ": " + e.get_description());
    }
}

}  // namespace newsdex
