// Indexes a judged collection through the public library API and scores query variants on it.
#pragma once

#include "judged_set.h"
#include "variants.h"

#include "newsdex/article.h"
#include "newsdex/indexer.h"

#include <map>
#include <string>
#include <vector>

namespace newsdex::eval {

inline constexpr std::size_t kRankCutoff = 10;    ///< nDCG@10, MRR@10
inline constexpr std::size_t kRecallCutoff = 100; ///< Recall@100: how deep every query is run

/// Writes @p articles into a new index at @p db_path under their own ids (never their URLs), so
/// hits map back to the qrels' docids.
void index_collection(const std::vector<Article>& articles, const std::string& db_path, const IndexOptions& options = {});

/// Term weights from "title:3,lead:2,lead-words:50" over the library defaults. Throws
/// std::invalid_argument.
experimental::TermWeights parse_weights(const std::string& spec);

struct QueryScore {
    std::string qid;
    std::string lang;  ///< language of the query's relevant documents
    double ndcg = 0, reciprocal_rank = 0, recall = 0;
    double milliseconds = 0;
    bool failed = false;  ///< the query could not be parsed: scores 0
    bool judged = true;   ///< false: no relevant document is known, run for its ranking only (pooling)
    std::vector<std::string> ranking;  ///< the docids returned, best first (at most kRecallCutoff)
};

/// Mean scores of one group of queries.
struct Summary {
    std::string set, variant, lang;  ///< lang "all" for every language together
    std::size_t queries = 0, failed = 0;
    double ndcg = 0, mrr = 0, recall = 0, milliseconds = 0;
    std::map<std::string, double> reciprocal_ranks;  ///< qid → RR@10, for confidence intervals
};

/// Runs every judged query of @p set (those with at least one relevant document) with @p variant
/// against the newsdex index at @p db_path, or for a Xapian peer variant the plain Xapian
/// database at @p peer_db_path (xapian_peer.h). @p doc_lang maps docid → language.
/// The database a peer variant queries: @p peer_db_path, or a sibling of it for a variant whose
/// peer indexes a lead a second time (a different database).
std::string peer_database_path(const std::string& peer_db_path, const Variant& variant);

/// Queries without a relevant document are left out, unless @p run_unjudged: then they are run
/// too, marked unjudged, for a pool of documents to judge (summarize() skips them).
std::vector<QueryScore> score_variant(const std::string& db_path, const std::string& peer_db_path, const JudgedSet& set,
                                      const Variant& variant, const std::map<std::string, std::string>& doc_lang,
                                      bool run_unjudged = false);

/// Overall ("all") and per-language means of the judged queries, languages in alphabetical order after "all".
std::vector<Summary> summarize(const std::string& set, const std::string& variant, const std::vector<QueryScore>& scores);

}  // namespace newsdex::eval
