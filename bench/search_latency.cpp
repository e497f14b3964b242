// Whole-process latency of `newsdex search`: start, open the index, analyse the query, search,
// make snippets, print, exit; what a terminal user feels. Target: p50 under 20 ms.
//
//   search_latency NEWSDEX DB [RUNS]
//
// Prints wall time and CPU time (user + system, from wait4) per query and overall. On a shared
// machine the wall time includes waiting for a core; the CPU time does not.
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Sample {
    double wall_ms, cpu_ms;
};

Sample run_once(const std::string& newsdex, const std::string& db, const std::string& query) {
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, STDOUT_FILENO);
        execl(newsdex.c_str(), newsdex.c_str(), "search", "--db", db.c_str(), "--json", query.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    const double wall = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
        std::fprintf(stderr, "search_latency: %s failed on «%s» (status %d)\n", newsdex.c_str(), query.c_str(), status);
        std::exit(1);
    }
    auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) * 1e-3; };
    return {wall, ms(usage.ru_utime) + ms(usage.ru_stime)};
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void report(const char* label, const std::vector<Sample>& samples) {
    std::vector<double> wall, cpu;
    for (const auto& s : samples) {
        wall.push_back(s.wall_ms);
        cpu.push_back(s.cpu_ms);
    }
    std::printf("%-30s wall p50 %5.1f ms p95 %5.1f ms | cpu p50 %5.1f ms p95 %5.1f ms\n", label, percentile(wall, 0.5),
                percentile(wall, 0.95), percentile(cpu, 0.5), percentile(cpu, 0.95));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: search_latency NEWSDEX DB [RUNS]\n");
        return 2;
    }
    const std::string newsdex = argv[1], db = argv[2];
    const int runs = argc > 3 ? std::atoi(argv[3]) : 31;
    const char* queries[] = {"Києві", "переговори", "Київ", "м’ясо", "зерно експорт", "\"Верховна Рада\"",
                             "Зеленський NEAR/5 заява", "переговорами", "Москве", "переговоры", "negotiations", "oil prices"};
    std::vector<Sample> all;
    for (const char* q : queries) {
        std::vector<Sample> samples;
        run_once(newsdex, db, q);  // warm the page cache
        for (int i = 0; i < runs; ++i) samples.push_back(run_once(newsdex, db, q));
        report(q, samples);
        all.insert(all.end(), samples.begin(), samples.end());
    }
    report("all queries", all);
    return 0;
}
