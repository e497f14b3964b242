// Confidence intervals by the bootstrap over queries: a difference of +0.01 MRR on a few hundred
// queries is often noise, and the table must say so.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace newsdex::eval {

struct Interval {
    double low = 0, high = 0;
};

inline constexpr std::size_t kBootstrapSamples = 2000;

/// 95% percentile interval of the mean of @p scores (qid → score), from kBootstrapSamples
/// resamples of the queries with replacement; deterministic for a given @p seed.
Interval bootstrap_mean(const std::map<std::string, double>& scores, std::uint64_t seed = 1);

/// 95% interval of mean(a) − mean(b) over the queries both hold, resampled in pairs (the same
/// queries for both), so that query difficulty, shared by both, cancels out.
Interval bootstrap_difference(const std::map<std::string, double>& a, const std::map<std::string, double>& b,
                              std::uint64_t seed = 1);

}  // namespace newsdex::eval
