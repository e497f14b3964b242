// Query latency of the searcher, per query class, with and without snippets, in process and as
// a whole `newsdex search` process per query (start, open, answer, exit).
//
//   newsdex-query-bench --db DIR --queries FILE [--reps 3] [--newsdex PATH] [--process-queries 100]
//                       [--long-match all|any|min] [--min-share 0.5] [--count-exactly-up-to 0,10000]
//                       [--fill 1,0]
//
// The query file holds one query per line in the neutral syntax of ../shared/bench/queries
// (plain words = AND, "w1 w2" = phrase), which is also newsdex syntax. Workload per query: the top
// 10 hits (and the estimated match count), as the peers in ../shared/bench are measured.
#include "newsdex/searcher.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

std::string query_class(const std::string& q) {
    if (q.size() > 1 && q.front() == '"') return "phrase";
    const auto words = 1 + std::count(q.begin(), q.end(), ' ');
    if (words >= static_cast<long>(newsdex::SearchOptions{}.long_query_words)) return "long (pasted headline)";
    return words == 1 ? "1-word" : words == 2 ? "2-word AND" : "3-word AND";
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

double run_process(const std::string& binary, const std::string& db, const std::string& query) {
    std::vector<std::string> args{binary, "search", "--db", db, "--limit", "10", "--color", "never", query};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const auto start = Clock::now();
    pid_t pid;
    if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return -1;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    posix_spawn_file_actions_destroy(&actions);
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"newsdex query latency benchmark"};
    std::string db, queries_file, newsdex_binary, date_filter = "date:2005..2015";
    int reps = 3;
    std::size_t process_queries = 100;
    app.add_option("--db", db, "index to query")->required();
    app.add_option("--queries", queries_file, "query file, one per line")->required()->check(CLI::ExistingFile);
    app.add_option("--reps", reps, "timed passes (after one warm-up pass)");
    app.add_option("--newsdex", newsdex_binary, "newsdex binary, for the process-per-query mode");
    app.add_option("--process-queries", process_queries, "queries run as whole processes");
    app.add_option("--date-filter", date_filter, "filter appended for the date-filtered class");
    std::string long_match = "any";
    double min_share = newsdex::SearchOptions{}.minimum_should_match;
    app.add_option("--long-match", long_match, "word matching for long queries: all, any or min")
        ->check(CLI::IsMember({"all", "any", "min"}));
    app.add_option("--min-share", min_share, "share of the words a document needs under --long-match min");
    // Several values: each query runs under each in turn in the same pass, so they are compared
    // on the same cache state (0: Xapian's estimate, as before exact counts).
    std::vector<std::size_t> count_limits{newsdex::SearchOptions{}.count_exactly_up_to};
    app.add_option("--count-exactly-up-to", count_limits, "SearchOptions::count_exactly_up_to values to compare")
        ->delimiter(',');
    // SearchOptions::or_fallback, which also fills a short page with articles holding some of the
    // words: "1,0" compares the two on the same cache state, as the count limits are.
    std::vector<int> fills{newsdex::SearchOptions{}.or_fallback ? 1 : 0};
    app.add_option("--fill", fills, "SearchOptions::or_fallback values to compare (1: fill short pages, 0: do not)")
        ->delimiter(',');
    CLI11_PARSE(app, argc, argv);

    std::vector<std::string> queries;
    std::ifstream in(queries_file);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) queries.push_back(line);

    std::map<std::string, std::vector<std::string>> classes;
    for (const auto& q : queries) {
        classes[query_class(q)].push_back(q);
        if (query_class(q) == "1-word" || query_class(q) == "2-word AND") classes["date-filtered"].push_back(q + " " + date_filter);
    }

    newsdex::Searcher searcher(db);
    std::printf("index: %zu documents; %zu queries; %d timed passes after a warm-up\n\n", searcher.stats().documents,
                queries.size(), reps);
    std::printf("| class | queries | snippets | exact count up to | fill | p50 ms | p99 ms | mean ms | 0-hit | exact counts |\n"
                "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    // Every pair of a count limit and a fill setting.
    const std::size_t settings = count_limits.size() * fills.size();
    auto limit_of = [&](std::size_t s) { return count_limits[s % count_limits.size()]; };
    auto fill_of = [&](std::size_t s) { return fills[s / count_limits.size()] != 0; };
    for (const auto& [name, list] : classes) {
        for (bool snippets : {false, true}) {
            newsdex::SearchOptions options;
            options.snippets = snippets;
            options.long_query_match = long_match == "all"   ? newsdex::WordMatch::all
                                       : long_match == "min" ? newsdex::WordMatch::minimum
                                                             : newsdex::WordMatch::any;
            options.minimum_should_match = min_share;
            std::vector<std::vector<double>> ms(settings);
            std::vector<std::size_t> zero(settings), exact(settings);
            for (int pass = 0; pass <= reps; ++pass) {
                for (std::size_t qi = 0; qi < list.size(); ++qi) {
                    for (std::size_t k = 0; k < settings; ++k) {
                        const std::size_t s = (k + qi + static_cast<std::size_t>(pass)) % settings;  // rotate who goes first
                        options.count_exactly_up_to = limit_of(s);
                        options.or_fallback = fill_of(s);
                        const auto start = Clock::now();
                        newsdex::SearchResults r;
                        try {
                            r = searcher.search(list[qi], options);
                        } catch (const std::exception& e) {
                            std::fprintf(stderr, "query %s: %s\n", list[qi].c_str(), e.what());
                        }
                        const double t = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                        if (pass == 0) {
                            zero[s] += r.hits.empty();
                            exact[s] += r.count.exact;
                            continue;  // warm-up
                        }
                        ms[s].push_back(t);
                    }
                }
            }
            for (std::size_t s = 0; s < settings; ++s) {
                double mean = 0;
                for (double t : ms[s]) mean += t;
                mean /= static_cast<double>(std::max<std::size_t>(ms[s].size(), 1));
                std::printf("| %s | %zu | %s | %zu | %s | %.3f | %.3f | %.3f | %zu | %zu |\n", name.c_str(), list.size(),
                            snippets ? "yes" : "no", limit_of(s), fill_of(s) ? "yes" : "no", percentile(ms[s], 0.5),
                            percentile(ms[s], 0.99), mean, zero[s], exact[s]);
            }
        }
    }

    if (!newsdex_binary.empty()) {
        std::vector<double> ms;
        const auto& two = classes["2-word AND"];
        for (std::size_t i = 0; i < two.size() && i < process_queries; ++i) {
            run_process(newsdex_binary, db, two[i]);  // warm-up
            ms.push_back(run_process(newsdex_binary, db, two[i]));
        }
        std::printf("\nwhole `newsdex search` process (start, open, 2-word query with snippets, print, exit): "
                    "%zu queries, p50 %.2f ms, p99 %.2f ms\n",
                    ms.size(), percentile(ms, 0.5), percentile(ms, 0.99));
    }
    return 0;
}
