// Searcher::facets: how the matches of a query spread over dates, sources or languages.
#include "newsdex/schema.h"
#include "filters.h"
#include "query_builder.h"
#include "query_parser.h"
#include "searcher_impl.h"

#include <xapian.h>

#include <algorithm>
#include <map>

namespace newsdex {
namespace {

unsigned slot_of(FacetBy by) {
    switch (by) {
    case FacetBy::source: return schema::kSourceSlot;
    case FacetBy::lang: return schema::kLangSlot;
    case FacetBy::year:
    case FacetBy::month:
    case FacetBy::day: break;
    }
    return schema::kDateSlot;
}

// "20190630101500" → "2019", "2019-06" or "2019-06-30".
std::string date_bucket(const std::string& key, FacetBy by) {
    if (key.size() < 8) return "";
    if (by == FacetBy::year) return key.substr(0, 4);
    if (by == FacetBy::month) return key.substr(0, 4) + "-" + key.substr(4, 2);
    return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
}

// Source names differing only in case or spacing are one source (as the source filter takes
// them); shown as the spelling most of its articles have.
std::vector<FacetBucket> source_buckets(const Xapian::ValueCountMatchSpy& spy) {
    std::map<std::string, std::map<std::string, std::size_t>> spellings;  // key → spelling → count
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
        spellings[schema::source_key(*it)][*it] += it.get_termfreq();
    std::vector<FacetBucket> buckets;
    for (const auto& [key, names] : spellings) {
        FacetBucket bucket;
        std::size_t best = 0;
        for (const auto& [name, count] : names) {
            bucket.count += count;
            if (count > best) best = count, bucket.value = name;
        }
        buckets.push_back(std::move(bucket));
    }
    return buckets;
}

}  // namespace

FacetCounts Searcher::facets(const std::string& query_text, FacetBy by, const SearchOptions& options) {
    const QueryNode tree = parse_query(query_text, options.literal);
    check_languages(tree);
    QueryBuilder builder(impl_->analyzer, *impl_->lemmas);
    builder.set_serialisable(impl_->remote);
    const Xapian::Database& db = impl_->db;
    const unsigned slot = slot_of(by);
    FacetCounts counts;
    try {
        const std::string sources(schema::kSourcePrefix);
        if (by == FacetBy::source && db.get_value_freq(slot) == 0 && db.allterms_begin(sources) != db.allterms_end(sources))
            throw NeedsReindexError("this index was written before newsdex stored source values, so it cannot count "
                                    "by source");
        const Xapian::Query filter = filter_query(options, db);
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting: no weights needed
        // Xapian shows a match spy every document it looks at; looking at all of them (as many as
        // the index holds) makes the counts and the total exact.
        const Xapian::doccount all = std::max<Xapian::doccount>(db.get_doccount(), 1);
        auto count = [&](const SearchOptions& run_options, Xapian::ValueCountMatchSpy& spy) {
            Xapian::Query query = builder.build(tree, db, run_options);
            if (query.empty()) return Xapian::MSet();
            if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
            enquire.clear_matchspies();
            enquire.add_matchspy(&spy);
            enquire.set_query(query);
            return enquire.get_mset(0, 1, all);
        };
        auto spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        Xapian::MSet mset = count(options, *spy);
        // The OR fallback as search() has it, so the counts are those of the hits it lists.
        if (mset.get_matches_upper_bound() == 0 && options.or_fallback && builder.plain_words() > 1 &&
            builder.word_match() != WordMatch::any) {
            SearchOptions any_word = options;
            any_word.short_query_match = any_word.long_query_match = WordMatch::any;
            spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
            mset = count(any_word, *spy);
            counts.fell_back = true;
        }
        enquire.clear_matchspies();
        counts.total = mset.get_matches_estimated();
        if (by == FacetBy::source) {
            counts.buckets = source_buckets(*spy);
        } else if (by == FacetBy::lang) {
            for (auto it = spy->values_begin(); it != spy->values_end(); ++it) counts.buckets.push_back({*it, it.get_termfreq()});
        } else {
            std::map<std::string, std::size_t> by_date;  // in date order
            for (auto it = spy->values_begin(); it != spy->values_end(); ++it)
                if (std::string bucket = date_bucket(*it, by); !bucket.empty()) by_date[bucket] += it.get_termfreq();
            for (auto& [value, n] : by_date) counts.buckets.push_back({value, n});
        }
        if (by == FacetBy::source || by == FacetBy::lang)
            std::stable_sort(counts.buckets.begin(), counts.buckets.end(), [](const FacetBucket& a, const FacetBucket& b) {
                return a.count != b.count ? a.count > b.count : a.value < b.value;
            });
        std::size_t counted = 0;
        for (const FacetBucket& b : counts.buckets) counted += b.count;
        if (counted < counts.total) counts.buckets.push_back({"", counts.total - counted});
    } catch (const Xapian::DatabaseModifiedError& e) {
        return impl_->on_latest_commit(e, [&] { return facets(query_text, by, options); });
    } catch (const Xapian::Error& e) {
        throw SearchError("facets failed: " + e.get_description());
    }
    return counts;
}

}  // namespace newsdex
