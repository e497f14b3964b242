#include "metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

namespace newsdex::eval {
namespace {

int grade_of(const Grades& grades, const std::string& doc) {
    const auto it = grades.find(doc);
    return it == grades.end() ? 0 : std::max(it->second, 0);
}

double discount(std::size_t rank) { return 1.0 / std::log2(static_cast<double>(rank) + 1.0); }

}  // namespace

std::size_t relevant_count(const Grades& grades) {
    return static_cast<std::size_t>(
        std::count_if(grades.begin(), grades.end(), [](const auto& g) { return g.second > 0; }));
}

double ndcg_at(const std::vector<std::string>& ranking, const Grades& grades, std::size_t k) {
    std::vector<int> ideal;
    for (const auto& [doc, grade] : grades)
        if (grade > 0) ideal.push_back(grade);
    std::sort(ideal.begin(), ideal.end(), std::greater<>());
    double ideal_dcg = 0;
    for (std::size_t i = 0; i < ideal.size() && i < k; ++i) ideal_dcg += ideal[i] * discount(i + 1);
    if (ideal_dcg == 0) return 0;
    double dcg = 0;
    std::set<std::string> seen;  // a document listed twice earns its gain once
    for (std::size_t i = 0; i < ranking.size() && i < k; ++i)
        if (seen.insert(ranking[i]).second) dcg += grade_of(grades, ranking[i]) * discount(i + 1);
    return dcg / ideal_dcg;
}

double reciprocal_rank_at(const std::vector<std::string>& ranking, const Grades& grades, std::size_t k) {
    for (std::size_t i = 0; i < ranking.size() && i < k; ++i)
        if (grade_of(grades, ranking[i]) > 0) return 1.0 / static_cast<double>(i + 1);
    return 0;
}

double recall_at(const std::vector<std::string>& ranking, const Grades& grades, std::size_t k) {
    const std::size_t relevant = relevant_count(grades);
    if (relevant == 0) return 0;
    std::set<std::string> found;
    for (std::size_t i = 0; i < ranking.size() && i < k; ++i)
        if (grade_of(grades, ranking[i]) > 0) found.insert(ranking[i]);
    return static_cast<double>(found.size()) / static_cast<double>(relevant);
}

}  // namespace newsdex::eval
