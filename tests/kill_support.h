// Helpers of the kill and disk tests: running newsdex as a child that can be killed, running shell
// commands, and reading what an index holds shard by shard (id terms, xapian-check).
#pragma once

#include "newsdex/schema.h"
#include "newsdex/shards.h"
#include "test_support.h"

#include <xapian.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace newsdex::test {

/// The newsdex binary under test: NEWSDEX_KILL_BINARY when set (to try another build), else the
/// one built with the tests.
inline std::string newsdex_binary() {
    const char* other = std::getenv("NEWSDEX_KILL_BINARY");
    return other && *other ? other : NEWSDEX_BINARY;
}

struct ChildRun {
    bool killed = false;   ///< SIGKILL was sent before the child ended by itself
    int exit_code = -1;    ///< when it ended by itself
    int signal = 0;        ///< the signal it died of, if any
    double seconds = 0;    ///< from fork to reaped
};

/// Runs newsdex with @p args (not quoted: passed to execv as they are), standard output to
/// /dev/null and standard error appended to @p err_file. Sends SIGKILL after @p kill_after unless
/// it ended by itself before; without @p kill_after it is killed only after @p give_up.
inline ChildRun run_and_kill(const std::vector<std::string>& args, std::optional<std::chrono::microseconds> kill_after,
                             const std::string& err_file,
                             std::chrono::seconds give_up = std::chrono::seconds(300)) {
    const std::string binary = newsdex_binary();
    const auto started = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        std::vector<char*> argv{const_cast<char*>(binary.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        const int null = ::open("/dev/null", O_WRONLY);
        const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (null >= 0) ::dup2(null, STDOUT_FILENO);
        if (err >= 0) ::dup2(err, STDERR_FILENO);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    const auto deadline = started + (kill_after ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(*kill_after)
                                                : std::chrono::duration_cast<std::chrono::steady_clock::duration>(give_up));
    ChildRun run;
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            // It may have ended by itself between the last look and the signal.
            run.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
            break;
        }
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::microseconds(500)));
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
    return run;
}

struct ShellResult {
    int exit_code = -1;
    std::string output;  ///< standard output and standard error together
};

/// Runs @p command with /bin/sh, standard error merged into standard output.
inline ShellResult run_shell(const std::string& command) {
    ShellResult result;
    FILE* pipe = ::popen(("(" + command + ") 2>&1").c_str(), "r");
    if (!pipe) throw std::runtime_error("popen failed");
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

inline bool have_program(const std::string& name) {
    return run_shell("command -v " + shell_quote(name)).exit_code == 0;
}

/// The directories of the databases of the index at @p db: its shards, or itself when it is a
/// single database.
inline std::vector<std::string> index_databases(const std::string& db) { return shards::local_paths(db); }

/// How many documents hold each id term (Q prefix), summed over every database of the index: a
/// correct index has 1 for every article.
inline std::map<std::string, Xapian::doccount> id_term_counts(const std::string& db) {
    std::map<std::string, Xapian::doccount> counts;
    const std::string prefix = schema::id_term("");
    for (const auto& path : index_databases(db)) {
        const Xapian::Database shard(path);
        for (auto it = shard.allterms_begin(prefix); it != shard.allterms_end(prefix); ++it)
            counts[*it] += it.get_termfreq();
    }
    return counts;
}

/// The stored data of the document holding each id term (the first one, when there are more).
inline std::map<std::string, std::string> documents_by_id(const std::string& db) {
    std::map<std::string, std::string> docs;
    const std::string prefix = schema::id_term("");
    for (const auto& path : index_databases(db)) {
        const Xapian::Database shard(path);
        for (auto it = shard.allterms_begin(prefix); it != shard.allterms_end(prefix); ++it) {
            const auto post = shard.postlist_begin(*it);
            if (post != shard.postlist_end(*it)) docs.emplace(*it, shard.get_document(*post).get_data());
        }
    }
    return docs;
}

}  // namespace newsdex::test
