#include "report.h"

#include "bootstrap.h"

#include <cstdio>
#include <map>
#include <tuple>

namespace newsdex::eval {
namespace {

std::string fixed(double value, const char* format = "%.3f") {
    char buf[32];
    std::snprintf(buf, sizeof buf, format, value);
    return buf;
}

}  // namespace

std::string format_table(const std::vector<Summary>& rows, const std::string& baseline) {
    std::map<std::pair<std::string, std::string>, const Summary*> baseline_rows;
    for (const Summary& r : rows)
        if (r.variant == baseline) baseline_rows[{r.set, r.lang}] = &r;

    std::string out = "| set | variant | lang | queries | nDCG@10 | MRR@10 | 95% CI | Recall@100 | ΔMRR@10 vs " + baseline +
                      " | 95% CI of Δ | ms/query |\n"
                      "|---|---|---|---:|---:|---:|---|---:|---:|---|---:|\n";
    for (const Summary& r : rows) {
        std::string delta, delta_ci;
        if (const auto it = baseline_rows.find({r.set, r.lang}); it != baseline_rows.end() && r.variant != baseline) {
            delta = fixed(r.mrr - it->second->mrr, "%+.3f");
            const Interval ci = bootstrap_difference(r.reciprocal_ranks, it->second->reciprocal_ranks);
            // An interval that excludes 0 is a difference the queries support; bold makes it visible.
            const bool clear = ci.low > 0 || ci.high < 0;
            delta_ci = std::string(clear ? "**" : "") + "[" + fixed(ci.low, "%+.3f") + ", " + fixed(ci.high, "%+.3f") + "]" +
                       (clear ? "**" : "");
        }
        const Interval ci = bootstrap_mean(r.reciprocal_ranks);
        std::string queries = std::to_string(r.queries);
        if (r.failed) queries += " (" + std::to_string(r.failed) + " unparsable)";
        out += "| " + r.set + " | " + r.variant + " | " + r.lang + " | " + queries + " | " + fixed(r.ndcg) + " | " +
               fixed(r.mrr) + " | [" + fixed(ci.low) + ", " + fixed(ci.high) + "] | " + fixed(r.recall) + " | " + delta +
               " | " + delta_ci + " | " + fixed(r.milliseconds, "%.1f") + " |\n";
    }
    return out;
}

}  // namespace newsdex::eval
