#include "bootstrap.h"

#include <algorithm>
#include <random>
#include <vector>

namespace newsdex::eval {
namespace {

Interval percentile_interval(std::vector<double>& means) {
    if (means.empty()) return {};
    std::sort(means.begin(), means.end());
    auto at = [&](double q) {
        const auto i = static_cast<std::size_t>(q * static_cast<double>(means.size() - 1) + 0.5);
        return means[std::min(i, means.size() - 1)];
    };
    return {at(0.025), at(0.975)};
}

Interval bootstrap(const std::vector<double>& values, std::uint64_t seed) {
    if (values.empty()) return {};
    std::mt19937_64 rng(seed);
    std::vector<double> means;
    means.reserve(kBootstrapSamples);
    for (std::size_t s = 0; s < kBootstrapSamples; ++s) {
        double sum = 0;
        // rng() % n rather than a distribution: the same intervals from every standard library.
        for (std::size_t i = 0; i < values.size(); ++i) sum += values[rng() % values.size()];
        means.push_back(sum / static_cast<double>(values.size()));
    }
    return percentile_interval(means);
}

}  // namespace

Interval bootstrap_mean(const std::map<std::string, double>& scores, std::uint64_t seed) {
    std::vector<double> values;
    for (const auto& [qid, v] : scores) values.push_back(v);
    return bootstrap(values, seed);
}

Interval bootstrap_difference(const std::map<std::string, double>& a, const std::map<std::string, double>& b,
                              std::uint64_t seed) {
    std::vector<double> differences;
    for (const auto& [qid, v] : a)
        if (const auto other = b.find(qid); other != b.end()) differences.push_back(v - other->second);
    return bootstrap(differences, seed);
}

}  // namespace newsdex::eval
