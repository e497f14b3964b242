// Latency of the story features beside plain search, in process, on one index:
//
//   story-latency-bench --db DIR --queries FILE [--ids FILE] [--reps 3]
//
// Per query, in the same pass (so they meet the same cache state): search as shipped (story
// clusters collapsed), search listing every copy (no clustering: the peer), facets by year, month,
// source and language, and similar for the query's first hit; with --ids, also similar for each
// listed article id (ids drawn at random from the corpus by bench/run-story-latency.sh, so that
// similar is not only asked about articles that rank first). Reported as p50 / p90 / p99 / mean
// milliseconds and the ratio of each p50 to the peer's (docs/benchmarks.md, "Story clusters").
#include "newsdex/searcher.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace {

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"latency of search, facets and similar"};
    std::string db, queries_file, ids_file;
    int reps = 3;
    app.add_option("--db", db, "index to query")->required();
    app.add_option("--queries", queries_file, "query file, one per line")->required()->check(CLI::ExistingFile);
    app.add_option("--ids", ids_file, "article ids to ask similar about, one per line")->check(CLI::ExistingFile);
    app.add_option("--reps", reps, "timed passes (after one warm-up pass)");
    CLI11_PARSE(app, argc, argv);

    const auto read_lines = [](const std::string& path) {
        std::vector<std::string> lines;
        std::ifstream in(path);
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) lines.push_back(line);
        return lines;
    };
    const std::vector<std::string> queries = read_lines(queries_file);
    const std::vector<std::string> listed_ids = ids_file.empty() ? std::vector<std::string>{} : read_lines(ids_file);

    newsdex::Searcher searcher(db);
    // The article similar() starts from: each query's first hit.
    std::vector<std::string> first_hit;
    for (const auto& q : queries) {
        const auto r = searcher.search(q);
        first_hit.push_back(r.hits.empty() ? "" : r.hits.front().id);
    }
    // Ids the index does not hold answer at once: timing them would flatter similar.
    std::vector<std::string> ids;
    for (const auto& id : listed_ids)
        if (searcher.similar(id)) ids.push_back(id);
    newsdex::SearchOptions every;
    every.collapse_duplicates = false;
    struct Task {
        const char* name;
        std::function<void(std::size_t)> run;
        std::vector<double> ms;
        std::size_t turns = std::numeric_limits<std::size_t>::max();  ///< timed for the first this many queries
    };
    std::vector<Task> tasks{
        {"search, every copy listed (peer)", [&](std::size_t i) { searcher.search(queries[i], every); }, {}},
        {"search, story clusters collapsed", [&](std::size_t i) { searcher.search(queries[i]); }, {}},
        {"facets --by year", [&](std::size_t i) { searcher.facets(queries[i], newsdex::FacetBy::year); }, {}},
        {"facets --by month", [&](std::size_t i) { searcher.facets(queries[i], newsdex::FacetBy::month); }, {}},
        {"facets --by source", [&](std::size_t i) { searcher.facets(queries[i], newsdex::FacetBy::source); }, {}},
        {"facets --by lang", [&](std::size_t i) { searcher.facets(queries[i], newsdex::FacetBy::lang); }, {}},
        {"similar (first hit)", [&](std::size_t i) { if (!first_hit[i].empty()) searcher.similar(first_hit[i]); }, {}},
    };
    // Similar of the sampled ids: the i-th query's turn also asks about the i-th id, while ids last.
    if (!ids.empty())
        tasks.push_back({"similar (sampled id)", [&](std::size_t i) { if (i < ids.size()) searcher.similar(ids[i]); }, {},
                         ids.size()});
    for (int pass = 0; pass <= reps; ++pass)
        for (std::size_t i = 0; i < queries.size(); ++i)
            for (std::size_t k = 0; k < tasks.size(); ++k) {
                Task& task = tasks[(k + i + static_cast<std::size_t>(pass)) % tasks.size()];  // rotate who goes first
                const auto start = std::chrono::steady_clock::now();
                task.run(i);
                const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
                if (pass > 0 && i < task.turns) task.ms.push_back(ms);
            }
    std::printf("index: %zu documents; %zu queries; %zu ids (%zu not in the index, left out); %d timed passes after a warm-up\n\n",
                searcher.stats().documents, queries.size(), ids.size(), listed_ids.size() - ids.size(), reps);
    std::printf("| what | p50 ms | p90 ms | p99 ms | mean ms | p50 / peer p50 |\n|---|---:|---:|---:|---:|---:|\n");
    const double peer = percentile(tasks[0].ms, 0.5);
    for (const Task& t : tasks) {
        double mean = 0;
        for (double v : t.ms) mean += v;
        mean /= static_cast<double>(std::max<std::size_t>(t.ms.size(), 1));
        std::printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f |\n", t.name, percentile(t.ms, 0.5), percentile(t.ms, 0.9),
                    percentile(t.ms, 0.99), mean, percentile(t.ms, 0.5) / peer);
    }
    return 0;
}
