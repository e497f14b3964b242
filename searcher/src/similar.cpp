// Searcher::similar: the articles most like one article, its own story cluster first.
#include "newsdex/experimental.h"
#include "newsdex/schema.h"
#include "filters.h"
#include "searcher_impl.h"
#include "snippet.h"

#include <xapian.h>

#include <algorithm>
#include <set>

namespace newsdex {
namespace {

// Terms of the article's expand set. 40 telling words (names, places, rare nouns, with their
// lemma terms) find the same story; many more match every article on the general subject.
constexpr Xapian::termcount kSimilarTerms = 40;

struct Entry {
    const Xapian::MSet* mset;
    Xapian::doccount at;
};

}  // namespace

std::optional<SearchResults> Searcher::similar(const std::string& id, const SearchOptions& options) {
    const Xapian::Database& db = impl_->db;
    SearchResults results;
    try {
        const std::string id_term = schema::id_term(id);
        const auto post = db.postlist_begin(id_term);
        if (post == db.postlist_end(id_term)) return std::nullopt;
        const Xapian::docid self = *post;

        Xapian::Enquire enquire(db);
        const experimental::Ranking& ranking = experimental::or_default(options.ranking);
        enquire.set_weighting_scheme(Xapian::BM25Weight(ranking.bm25_k1, 0, 1, ranking.bm25_b, 0.5));
        if (options.collapse_duplicates) enquire.set_collapse_key(schema::kContentSlot);
        Xapian::RSet relevant;
        relevant.add_document(self);
        const WordTermsOnly words_only;
        const Xapian::ESet terms = enquire.get_eset(kSimilarTerms, relevant, &words_only);
        HighlightSpec spec;
        for (auto it = terms.begin(); it != terms.end(); ++it)
            if (!(*it).empty() && (*it)[0] != 'Z') spec.exact_terms.insert(*it);
        const Xapian::Query expansion(Xapian::Query::OP_OR, terms.begin(), terms.end());

        // Its own cluster: every member but itself, through the same query so the scores compare.
        ClusterFinder clusters(db);
        std::vector<Xapian::Query> member_ids;
        for (const Xapian::docid member : clusters.of(self).members)
            if (member != self)
                member_ids.emplace_back(schema::id_term(schema::decode_article(db.get_document(member).get_data()).id));
        const Xapian::Query members(Xapian::Query::OP_OR, member_ids.begin(), member_ids.end());
        Xapian::Query excluded(id_term);
        if (!member_ids.empty()) excluded = Xapian::Query(Xapian::Query::OP_OR, excluded, members);
        const Xapian::Query filter = filter_query(options, db);
        auto filtered = [&](Xapian::Query q) {
            return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
        };

        Xapian::MSet own;
        if (!member_ids.empty()) {
            enquire.set_query(filtered(Xapian::Query(Xapian::Query::OP_FILTER, expansion, members)));
            own = enquire.get_mset(0, static_cast<Xapian::doccount>(member_ids.size()));
        }
        enquire.set_query(filtered(Xapian::Query(Xapian::Query::OP_AND_NOT, expansion, excluded)));
        Xapian::MSet others;
        std::vector<Entry> page;
        for (int round = 0;; ++round) {
            const Xapian::doccount asked = cluster_fetch_size(options.offset, options.limit, round);
            others = enquire.get_mset(0, asked);
            // Own cluster first, then the rest; one entry per cluster unless every copy is wanted.
            page.clear();
            std::set<std::string> seen;
            std::size_t entries = 0;
            const std::size_t wanted = options.offset + std::min(options.limit, kMaxDocs);
            for (const Xapian::MSet* mset : {&own, &others})
                for (Xapian::doccount i = 0; i < mset->size() && entries < wanted; ++i) {
                    if (options.collapse_duplicates && !seen.insert(clusters.of(*(*mset)[i]).id).second) continue;
                    if (++entries > options.offset) page.push_back({mset, i});
                }
            if (entries >= wanted || others.size() < asked || asked == kMaxDocs) break;
        }
        results.count.matches = results.count.lower = results.count.upper = own.size();
        results.count.matches += others.get_matches_estimated();
        results.count.lower += others.get_matches_lower_bound();
        results.count.upper += others.get_matches_upper_bound();
        results.count.exact = results.count.lower == results.count.upper;
        results.estimated_matches = results.count.matches;
        results.word_match = WordMatch::any;
        std::size_t rank = options.offset;
        for (const Entry& entry : page) {
            const Xapian::MSetIterator it = (*entry.mset)[entry.at];
            const Article a = schema::decode_article(it.get_document().get_data());
            Hit hit = hit_of(it, a, clusters);
            hit.rank = ++rank;
            if (options.snippets) {
                Snippet s = make_snippet(a.body, spec, impl_->analyzer, options.snippet_chars);
                hit.snippet = std::move(s.text);
                hit.highlights = std::move(s.highlights);
                hit.title_highlights = highlight_whole(hit.title, spec, impl_->analyzer);
            }
            results.hits.push_back(std::move(hit));
        }
    } catch (const Xapian::DatabaseModifiedError& e) {
        return impl_->on_latest_commit(e, [&] { return similar(id, options); });
    } catch (const Xapian::Error& e) {
        throw SearchError("cannot find articles like " + id + ": " + e.get_description());
    }
    return results;
}

}  // namespace newsdex
