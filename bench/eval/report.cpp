#include "report.h"

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
    std::map<std::pair<std::string, std::string>, double> baseline_mrr;
    for (const Summary& r : rows)
        if (r.variant == baseline) baseline_mrr[{r.set, r.lang}] = r.mrr;

    std::string out = "| set | variant | lang | queries | nDCG@10 | MRR@10 | Recall@100 | ΔMRR@10 | ms/query |\n"
                      "|---|---|---|---:|---:|---:|---:|---:|---:|\n";
    for (const Summary& r : rows) {
        std::string delta;
        if (const auto it = baseline_mrr.find({r.set, r.lang}); it != baseline_mrr.end() && r.variant != baseline)
            delta = fixed(r.mrr - it->second, "%+.3f");
        std::string queries = std::to_string(r.queries);
        if (r.failed) queries += " (" + std::to_string(r.failed) + " unparsable)";
        out += "| " + r.set + " | " + r.variant + " | " + r.lang + " | " + queries + " | " + fixed(r.ndcg) + " | " +
               fixed(r.mrr) + " | " + fixed(r.recall) + " | " + delta + " | " + fixed(r.milliseconds, "%.1f") + " |\n";
    }
    return out;
}

}  // namespace newsdex::eval
