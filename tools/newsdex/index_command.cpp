#include "commands.h"

#include "human_units.h"
#include "newsdex/indexer.h"
#include "progress_line.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>
#include <vector>
#include <iostream>
#include <memory>
#include <limits>
#include <set>
#include <unistd.h>

namespace newsdex::cli {
namespace {

// The signal that asked the run to stop, 0 while none has. Read by IndexOptions::stop_requested
// between blocks of input; the handler only stores it.
std::atomic<int> stop_signal{0};

void request_stop(int signal) { stop_signal.store(signal); }

// SIGINT and SIGTERM stop the reading and let the run commit what it handed to the writers. The
// handler is reset by its first call (SA_RESETHAND), so a second Ctrl-C ends the process at once,
// as impatient users expect; the index then loses only what followed the last checkpoint.
// No SA_RESTART: a read() waiting on a slow pipe returns at once and sees the request.
void catch_stop_signals() {
    struct sigaction action {};
    action.sa_handler = request_stop;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

// The environment variable counting restarts after stalls, so that a file that keeps getting
// stuck cannot restart the run forever (each restart passes over at least one more entry, so
// this is only a last guard).
constexpr const char* kRestartsVariable = "NEWSDEX_STALL_RESTARTS";
constexpr int kMaxRestarts = 100;

int restarts_so_far() {
    const char* v = std::getenv(kRestartsVariable);
    return v ? std::atoi(v) : 0;
}

// Reading is stuck in a thread that cannot be freed; the Indexer has committed what was read and
// recorded the stuck entry as passed over, so the same command in a fresh process goes on after
// it. The lock file is opened O_CLOEXEC, so the new process can take it.
[[noreturn]] void restart_after_stall(const std::string& message) {
    std::cout.flush();
    std::cerr << "\nnewsdex: warning: " << message << '\n';
    const int restarts = restarts_so_far() + 1;
    if (restarts > kMaxRestarts) {
        std::cerr << "newsdex: error: stuck " << kMaxRestarts << " times in this run; giving up\n";
        std::_Exit(kExitError);
    }
    std::ifstream cmdline("/proc/self/cmdline", std::ios::binary);
    std::vector<std::string> words;
    for (std::string word; std::getline(cmdline, word, '\0');) words.push_back(word);
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    setenv(kRestartsVariable, std::to_string(restarts).c_str(), 1);
    std::cerr << "newsdex: continuing in a new process\n";
    std::cerr.flush();
    ::execv("/proc/self/exe", argv.data());
    std::cerr << "newsdex: error: cannot restart: " << std::strerror(errno) << "; run the same command again\n";
    std::_Exit(kExitError);
}

// For tests of the path above (tests/interrupt_test.cpp): NEWSDEX_FAULT_STALL=SECONDS makes every
// poll for a stop request after the first article take that long in the first process of a run,
// as if libarchive were looping without asking for input. Not a user feature.
double injected_stall_seconds() {
    const char* v = std::getenv("NEWSDEX_FAULT_STALL");
    return v && restarts_so_far() == 0 ? std::atof(v) : 0;
}

}  // namespace

Action add_index_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("index", "index files, directories or archives (- for standard input)");
    struct Args {
        std::string db;
        std::vector<std::string> sources;
        IndexOptions options;
        std::vector<std::string> json_fields;
        std::string progress = "auto";
    };
    auto args = std::make_shared<Args>();
    add_db_option(*cmd, args->db);
    cmd->add_option("sources", args->sources, "files, directories or archives to index")->required();
    cmd->add_option("--max-depth", args->options.max_depth, "how deep archives inside archives are opened")
        ->capture_default_str()->check(CLI::Range(1, 16));
    cmd->add_option("--max-member-size", args->options.max_member_bytes, "largest file or member read, in bytes")
        ->capture_default_str();
    cmd->add_option("--max-archive-size", args->options.max_archive_bytes,
                    "most bytes decompressed from one archive, nested ones included (zip-bomb guard)")
        ->capture_default_str();
    cmd->add_option("--max-text-size", args->options.max_text_bytes, "article text beyond this many bytes is cut off")
        ->capture_default_str();
    cmd->add_option("--max-ratio", args->options.max_ratio,
                    "most decompressed bytes per compressed byte of a file beyond its first 64 MiB (decompression-bomb "
                    "guard; 0: none)")
        ->capture_default_str();
    cmd->add_option("--member-timeout", args->options.max_member_seconds,
                    "seconds one archive member may take to read without progress before it is skipped (0: none)")
        ->capture_default_str()->check(CLI::NonNegativeNumber);
    cmd->add_option("--commit-every", args->options.commit_every, "documents per commit")
        ->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option("--memory", args->options.memory_bytes,
                    "memory the run may use (e.g. 512MB, 2GB): shards commit sooner when their uncommitted articles "
                    "would need more")
        ->capture_default_str()
        ->transform(CLI::AsSizeValue(false))
        ->check(CLI::Range(std::uint64_t{64} << 20, std::numeric_limits<std::uint64_t>::max()).description("at least 64MB"));
    cmd->add_option("--shards", args->options.shards,
                    "shards of a new index, each written by its own thread (default: one per core, at most 8; "
                    "an existing index keeps its own)")
        ->check(CLI::Range(1, 64));
    cmd->add_flag("--no-spelling", [args](std::int64_t) { args->options.spelling = false; },
                  "build no spelling data for \"did you mean\" (indexes faster)");
    cmd->add_flag("--no-resume", [args](std::int64_t) { args->options.resume = false; },
                  "read every file again, even those an earlier run finished");
    cmd->add_option("--checkpoint-every", args->options.checkpoint_every,
                    "articles between checkpoints, from which a killed run resumes (default: --commit-every times the shards)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--stall-timeout", args->options.stall_seconds,
                    "seconds reading may stay stuck inside the archive library before the entry is passed over "
                    "and the run goes on in a new process (0: wait forever)")
        ->capture_default_str()->check(CLI::NonNegativeNumber);
    cmd->add_option("--checkpoint-seconds", args->options.checkpoint_seconds,
                    "also checkpoint after this many seconds, so a kill loses at most this much work (0: by count only)")
        ->capture_default_str()->check(CLI::NonNegativeNumber);
    cmd->add_option("--progress", args->progress, "progress line on stderr: auto (on a terminal), always or never")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->add_option("--json-field", args->json_fields,
                    "FIELD=KEY[,KEY...]: JSON keys to read an article field from, tried before the built-in ones; "
                    "FIELD is title, body, date, author, url, lang, source or id; KEY may be a dotted path")
        ->allow_extra_args(false)
        ->check([](const std::string& spec) -> std::string {
            static const std::set<std::string> fields{"title", "body", "date", "author", "url", "lang", "source", "id"};
            const auto eq = spec.find('=');
            if (eq == std::string::npos || eq + 1 == spec.size()) return "expected FIELD=KEY, got " + spec;
            if (!fields.count(spec.substr(0, eq))) return "unknown field " + spec.substr(0, eq);
            return {};
        });

    return [args]() {
        const auto started = std::chrono::steady_clock::now();
        for (const auto& spec : args->json_fields) {
            const auto eq = spec.find('=');
            auto& keys = args->options.json_fields[spec.substr(0, eq)];
            for (std::size_t pos = eq + 1; pos <= spec.size();) {
                const auto comma = std::min(spec.find(',', pos), spec.size());
                if (comma > pos) keys.push_back(spec.substr(pos, comma - pos));
                pos = comma + 1;
            }
        }
        std::unique_ptr<ProgressLine> progress;
        if (args->progress == "always" || (args->progress == "auto" && isatty(STDERR_FILENO))) {
            progress = std::make_unique<ProgressLine>(stderr);
            args->options.on_progress = [line = progress.get()](const IndexProgress& p) { line->update(p); };
        }
        catch_stop_signals();
        args->options.stop_requested = [] { return stop_signal.load(std::memory_order_relaxed) != 0; };
        args->options.on_stall = restart_after_stall;
        if (const double stall = injected_stall_seconds(); stall > 0) {
            auto started_writing = std::make_shared<std::atomic<bool>>(false);
            auto shown = args->options.on_progress;
            args->options.on_progress = [started_writing, shown](const IndexProgress& p) {
                if (p.articles > 0) started_writing->store(true);
                if (shown) shown(p);
            };
            args->options.stop_requested = [started_writing, stall] {
                if (started_writing->load())
                    std::this_thread::sleep_for(std::chrono::duration<double>(stall));
                return stop_signal.load() != 0;
            };
        }
        try {
            Indexer indexer(args->db, args->options);
            if (args->options.shards && args->options.shards != indexer.shard_count())
                spdlog::warn("{} already has {} shard(s); --shards {} applies only to a new index", args->db,
                             indexer.shard_count(), args->options.shards);
            for (const auto& source : args->sources) {
                indexer.index_source(source);
                if (indexer.summary().interrupted) break;
            }
            indexer.commit();
            if (progress) progress->finish();
            const IndexSummary& s = indexer.summary();
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            for (const auto& file : s.files_to_retry)
                spdlog::warn("{} could not be read to its end; what came before the failure is indexed, and the next "
                             "run reads it again from there", file);
            if (s.interrupted) {
                const int signal = stop_signal.load();
                for (const auto& k : s.skipped) spdlog::warn("skipped {}: {} ({})", k.where, k.reason, k.detail);
                std::cerr << "newsdex: interrupted by " << (signal == SIGTERM ? "SIGTERM" : "SIGINT") << ": "
                          << plural(s.documents_indexed(), "article") << " indexed and committed ("
                          << s.documents_added << " new, " << s.documents_updated << " updated); "
                          << "run the same command again to resume"
                          << (std::find(args->sources.begin(), args->sources.end(), "-") != args->sources.end()
                                  ? " (standard input cannot be resumed: it is read again whole)"
                                  : "")
                          << "\n";
                return 128 + (signal ? signal : SIGINT);
            }

            if (s.files_resumed || s.members_resumed)
                std::cout << "resumed: " << plural(s.files_resumed, "file") << " already indexed "
                          << (s.files_resumed == 1 ? "was" : "were") << " not read again, " << s.members_resumed
                          << " members or lines of partly indexed files passed over (--no-resume reads all)\n";
            if (s.documents_indexed() == 0 && (s.files_resumed || s.members_resumed)) {
                // An earlier run indexed these files; what is left to say is what failed again.
                for (const auto& k : s.skipped) spdlog::warn("skipped {}: {} ({})", k.where, k.reason, k.detail);
                return kExitOk;
            }
            if (s.documents_indexed() == 0) {
                // Nothing to show for the run: one line that says why.
                if (s.skipped.size() == 1) {
                    const auto& k = s.skipped.front();
                    print_error("nothing indexed: " + k.where + ": " + k.reason + (k.detail.empty() ? "" : " (" + k.detail + ")"));
                } else {
                    for (const auto& k : s.skipped) spdlog::warn("skipped {}: {} ({})", k.where, k.reason, k.detail);
                    print_error("nothing indexed from " + std::to_string(args->sources.size()) + " source(s); " +
                                std::to_string(s.skipped.size()) + " skipped");
                }
                return kExitError;
            }
            for (const auto& k : s.skipped) spdlog::warn("skipped {}: {} ({})", k.where, k.reason, k.detail);
            std::cout << "indexed " << plural(s.documents_indexed(), "article") << " (" << s.documents_added << " new, "
                      << s.documents_updated << " updated) from " << s.sources << (s.sources == 1 ? " file or member, " : " files or members, ")
                      << human_bytes(s.bytes) << " in " << human_duration(seconds);
            if (seconds >= 1) std::cout << " (" << static_cast<std::uint64_t>(static_cast<double>(s.documents_indexed()) / seconds) << " articles/s)";
            std::cout << '\n';
            if (!s.skipped.empty()) {
                std::cout << "skipped " << s.skipped.size() << ":";
                for (const auto& [reason, count] : s.skipped_by_reason()) std::cout << ' ' << reason << " " << count << ';';
                std::cout << '\n';
            }
            return kExitOk;
        } catch (const IndexError& e) {
            if (progress) progress->finish();
            print_error(e.what());
            return kExitError;
        }
    };
}

}  // namespace newsdex::cli
