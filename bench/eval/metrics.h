// Ranking quality metrics as trec_eval computes them, for one query at a time.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace newsdex::eval {

/// Relevance grades of the judged documents of one query: docid → grade (0 = judged not relevant).
using Grades = std::map<std::string, int>;

/// Normalized discounted cumulative gain of the first @p k results, with linear gain (the grade)
/// and the log2(rank + 1) discount; the ideal ranking orders all judged documents by grade.
/// 0 when the query has no relevant document.
double ndcg_at(const std::vector<std::string>& ranking, const Grades& grades, std::size_t k);

/// 1 / rank of the first relevant document among the first @p k results, else 0.
double reciprocal_rank_at(const std::vector<std::string>& ranking, const Grades& grades, std::size_t k);

/// Share of the relevant documents found among the first @p k results; 0 when there are none.
double recall_at(const std::vector<std::string>& ranking, const Grades& grades, std::size_t k);

/// Relevant documents of the query (grade above 0).
std::size_t relevant_count(const Grades& grades);

}  // namespace newsdex::eval
