// Many SIGKILLs at random moments into runs of `newsdex index` on one index: a JSON Lines file
// (line positions) and a .tar.gz of small JSON and HTML files with a JSON Lines member and a
// nested zip (entry positions at two levels, and lines inside an entry). After the kills and one
// run left to finish, the index must hold exactly the articles of an uninterrupted run into a
// fresh index, each once, and every shard must pass xapian-check; after every kill the committed
// documents may only have grown and every shard must pass xapian-check as well.
//
// The seed is printed; NEWSDEX_KILL_SEED=N and NEWSDEX_KILL_ITERATIONS=N repeat or lengthen a run
// (tests/kill_soak.sh is the long version, outside ctest).
#include "archive_fixture.h"
#include "kill_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

using namespace newsdex;

namespace {

constexpr int kLines = 3000;        // articles.jsonl
constexpr int kJsonMembers = 300;   // bundle.tar.gz!json/story-N.json
constexpr int kHtmlMembers = 300;   // bundle.tar.gz!html/page-N.html, half without a URL
constexpr int kFeedMembers = 12;    // bundle.tar.gz!feed/lines-N.jsonl, about 25 lines each
constexpr int kZipMembers = 20;     // bundle.tar.gz!nested/inner.zip!zip/N.json
// A member of an archive is read whole up to --max-member-size (larger ones are skipped); JSON
// Lines members are cut into chunks of half that, so each feed member is two chunks.
constexpr std::size_t kMaxMember = 8192;

const char* const kWords[] = {"harbour", "council", "budget", "river", "bridge", "school", "garden", "market",
                              "railway", "festival", "weather", "storm", "library", "museum", "election",
                              "hospital", "farmers", "harvest", "drone", "startup", "fishing", "ferry",
                              "village", "mayor", "concert", "theatre", "energy", "solar", "wind", "forest",
                              "tourism", "airport", "teachers", "students", "police", "court", "housing",
                              "water", "roads", "museum"};

std::string words(std::mt19937& rng, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        if (i) out += ' ';
        out += kWords[rng() % std::size(kWords)];
    }
    return out;
}

std::string json_article(std::mt19937& rng, const std::string& id, const std::string& title_prefix) {
    nlohmann::json j{{"id", id},
                     {"title", title_prefix + " " + words(rng, 4)},
                     {"date", "2024-0" + std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10)},
                     {"body", "The " + words(rng, 12 + static_cast<int>(rng() % 30)) + "."}};
    return j.dump();
}

struct Inputs {
    std::string jsonl, archive;
    int articles = 0;
};

// The same bytes every time (a fixed seed of its own), so that runs of the test compare alike.
Inputs write_inputs(const test::TempDir& dir) {
    std::mt19937 rng(7);
    Inputs in{dir / "articles.jsonl", dir / "bundle.tar.gz", kLines + kJsonMembers + kHtmlMembers + kZipMembers};
    {
        std::ofstream out(in.jsonl);
        for (int i = 0; i < kLines; ++i) out << json_article(rng, "line-" + std::to_string(i), "Line " + std::to_string(i)) << '\n';
    }
    std::vector<testing::FixtureFile> zip;
    for (int i = 0; i < kZipMembers; ++i)
        zip.push_back({"zip/" + std::to_string(i) + ".json", json_article(rng, "zip-" + std::to_string(i), "Zipped")});
    const std::string zip_path = dir / "inner.zip";
    testing::write_archive(zip_path, {"zip", "zip"}, zip);
    std::string zip_bytes;
    {
        std::ifstream z(zip_path, std::ios::binary);
        std::stringstream ss;
        ss << z.rdbuf();
        zip_bytes = ss.str();
    }
    std::vector<testing::FixtureFile> members;
    for (int i = 0; i < kJsonMembers; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "json/story-%03d.json", i);
        members.push_back({name, json_article(rng, "member-" + std::to_string(i), "Story")});
        if (i == kJsonMembers / 2) members.push_back({"nested/inner.zip", zip_bytes});
    }
    for (int m = 0; m < kFeedMembers; ++m) {
        std::string lines;
        for (int i = 0;; ++i) {
            const std::string line = json_article(rng, "feed-" + std::to_string(m) + "-" + std::to_string(i), "Feed") + "\n";
            if (lines.size() + line.size() > kMaxMember - 512) break;
            lines += line;
            ++in.articles;
        }
        char name[64];
        std::snprintf(name, sizeof name, "feed/lines-%02d.jsonl", m);
        members.push_back({name, lines});
    }
    for (int i = 0; i < kHtmlMembers; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "html/page-%03d.html", i);
        const std::string url = i % 2 ? "" : "https://gazette.example/2024/page-" + std::to_string(i) + "/";
        members.push_back(
            {name, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page " + std::to_string(i) + " " +
                       words(rng, 3) + "</title>" + (url.empty() ? "" : "<meta property=\"og:url\" content=\"" + url + "\">") +
                       "</head><body><article><h1>Page " + std::to_string(i) + "</h1><p>The " + words(rng, 25) +
                       ".</p><p>A " + words(rng, 15) + ".</p></article></body></html>\n"});
    }
    testing::write_archive(in.archive, {"tar.gz", "ustar", testing::Filter::gzip}, members);
    return in;
}

std::vector<std::string> index_args(const std::string& db, const Inputs& in) {
    // Chunks of 4 KB of JSON Lines (about 20 articles), a checkpoint every 37 articles: most kills
    // fall between checkpoints, some during one.
    return {"index", "--db", db, "--shards", "2", "--max-member-size", std::to_string(kMaxMember), "--commit-every", "13",
            "--checkpoint-every", "37", "--progress", "never", in.jsonl, in.archive};
}

std::uint64_t setting(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::stoull(v) : fallback;
}

std::string file_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every database of the index passes xapian-check; the failures' output otherwise.
std::string check_shards(const std::string& db) {
    std::string failures;
    for (const auto& path : test::index_databases(db)) {
        const auto r = test::run_shell("xapian-check " + test::shell_quote(path));
        if (r.exit_code != 0) failures += path + " (exit " + std::to_string(r.exit_code) + "):\n" + r.output + "\n";
    }
    return failures;
}

}  // namespace

TEST_CASE("Random SIGKILLs lose, duplicate and corrupt nothing, and a last run completes the index",
          "[resume][kill][random-kill]") {
    REQUIRE(test::have_program("xapian-check"));
    const std::uint64_t seed = setting("NEWSDEX_KILL_SEED", 20261202);
    const auto kills = static_cast<int>(setting("NEWSDEX_KILL_ITERATIONS", 30));
    std::cout << "random kill test: seed " << seed << ", " << kills
              << " kills (NEWSDEX_KILL_SEED, NEWSDEX_KILL_ITERATIONS to change)" << std::endl;
    test::TempDir dir("random-kill");
    const Inputs in = write_inputs(dir);
    const std::string log = dir / "stderr.log";

    // The uninterrupted run into a fresh index, the reference; then a run with nothing left to do,
    // the time any run takes to start and stop.
    const std::string fresh = dir / "fresh";
    const auto reference = test::run_and_kill(index_args(fresh, in), std::nullopt, log);
    INFO(file_text(log));
    REQUIRE(reference.exit_code == 0);
    const auto noop = test::run_and_kill(index_args(fresh, in), std::nullopt, log);
    REQUIRE(noop.exit_code == 0);
    const auto expected = test::id_term_counts(fresh);
    REQUIRE(expected.size() == static_cast<std::size_t>(in.articles));  // every input article indexed
    REQUIRE(Xapian::Database(fresh).get_doccount() == static_cast<Xapian::doccount>(in.articles));
    std::cout << "uninterrupted run: " << in.articles << " articles in " << reference.seconds << " s; run with nothing to do: "
              << noop.seconds << " s" << std::endl;

    std::mt19937_64 rng(seed);
    const std::string db = dir / "killed";
    Xapian::doccount committed = 0;
    int killed = 0, finished = 0, stuck = 0;
    for (int i = 1; i <= kills; ++i) {
        // From a few ms to the length this run would have: startup plus the share of the work
        // left, doubled after every kill that let nothing new be committed (a resumed run first
        // passes over what is done), at most the whole run; a third of the delays spread evenly,
        // two thirds evenly in log scale (more kills early on: while the index is created,
        // opened, locked, or a file is fingerprinted or passed over).
        const double left = 1.0 - static_cast<double>(committed) / in.articles;
        const double length =
            std::min((noop.seconds + left * reference.seconds) * std::pow(2.0, stuck), noop.seconds + reference.seconds);
        const double low = 0.002;
        const double u = std::uniform_real_distribution<double>(0, 1)(rng);
        const double delay = rng() % 3 ? low * std::pow(std::max(length, low) / low, u) : low + u * std::max(length * 1.1 - low, 0.0);
        const auto run = test::run_and_kill(index_args(db, in), std::chrono::microseconds(static_cast<long>(delay * 1e6)), log);
        INFO("kill " << i << " after " << delay << " s (seed " << seed << ")");
        CHECK((run.killed || run.exit_code == 0));
        killed += run.killed;
        finished += !run.killed;

        Xapian::doccount now = committed;
        std::string problems;
        if (shards::is_sharded(db) || std::filesystem::exists(std::filesystem::path(db) / "iamglass")) {
            // A stub is written only once every shard is a committed database: from then on the
            // index must open, keep what it held, and check clean. (A database in the directory
            // itself: see the next test.)
            try {
                now = Xapian::Database(db).get_doccount();
            } catch (const Xapian::Error& e) {
                problems += "the index does not open: " + e.get_description() + "\n";
            }
            problems += check_shards(db);
        }
        std::cout << "kill " << i << ": after " << static_cast<long>(delay * 1000) << " ms ("
                  << (run.killed ? "killed" : "finished first, exit " + std::to_string(run.exit_code)) << "), "
                  << now << " documents committed" << std::endl;
        INFO(problems);
        CHECK(problems.empty());
        CHECK(now >= committed);  // nothing committed is ever lost
        stuck = now > committed || !run.killed ? 0 : stuck + 1;
        committed = std::max(committed, now);
    }

    const auto last = test::run_and_kill(index_args(db, in), std::nullopt, log);
    INFO(file_text(log));
    REQUIRE(last.exit_code == 0);
    std::cout << killed << " kills survived (" << finished << " runs finished before their kill); last run "
              << last.seconds << " s" << std::endl;

    std::cout << "layout: " << (shards::is_sharded(db) ? "sharded, " : "one database, ") << test::index_databases(db).size()
              << " database(s)" << std::endl;
    const Xapian::Database index(db);
    CHECK(index.get_doccount() == static_cast<Xapian::doccount>(in.articles));
    const auto found = test::id_term_counts(db);
    std::size_t missing = 0, duplicated = 0, extra = 0;
    for (const auto& [term, count] : expected) {
        const auto it = found.find(term);
        if (it == found.end()) {
            ++missing;
            UNSCOPED_INFO("missing: " << term);
        } else if (it->second != 1) {
            ++duplicated;
            UNSCOPED_INFO(term << " is held by " << it->second << " documents");
        }
    }
    for (const auto& [term, count] : found)
        if (!expected.count(term)) {
            ++extra;
            UNSCOPED_INFO("not in the uninterrupted run: " << term);
        }
    std::cout << "final index: " << index.get_doccount() << " documents, " << found.size() << " ids; " << missing
              << " missing, " << duplicated << " duplicated, " << extra << " extra" << std::endl;
    CHECK(missing == 0);
    CHECK(duplicated == 0);
    CHECK(extra == 0);
    // The articles themselves, not only their ids, are those of the uninterrupted run.
    const auto reference_docs = test::documents_by_id(fresh);
    const auto final_docs = test::documents_by_id(db);
    std::size_t differing = 0;
    for (const auto& [term, data] : reference_docs) {
        const auto it = final_docs.find(term);
        if (it != final_docs.end() && it->second != data && ++differing <= 3) UNSCOPED_INFO(term << " differs");
    }
    CHECK(differing == 0);
    const std::string problems = check_shards(db);
    INFO(problems);
    CHECK(problems.empty());
}

// The moment of creation, found by watching rather than by timing: the first run is killed once
// shard-00 exists and before shard-01 does, then the same command is run to its end.
TEST_CASE("A run killed while it creates a sharded index: the next run lays out the shards asked for",
          "[resume][kill][create]") {
    namespace fs = std::filesystem;
    test::TempDir dir("kill-create");
    const std::string input = dir / "articles.jsonl";
    {
        std::mt19937 rng(11);
        std::ofstream out(input);
        for (int i = 0; i < 500; ++i) out << json_article(rng, "create-" + std::to_string(i), "Created") << '\n';
    }
    const std::string db = dir / "db";
    const std::vector<std::string> args{"index", "--db", db, "--shards", "2", "--progress", "never", input};
    const std::string log = dir / "stderr.log";
    bool caught = false;
    for (int attempt = 0; attempt < 20 && !caught; ++attempt) {
        fs::remove_all(db);
        const pid_t pid = ::fork();
        if (pid == 0) {
            const std::string binary = test::newsdex_binary();
            std::vector<char*> argv{const_cast<char*>(binary.c_str())};
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::freopen("/dev/null", "w", stdout);
            ::execv(binary.c_str(), argv.data());
            ::_exit(127);
        }
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        int status = 0;
        bool ended = false;
        while (!fs::exists(fs::path(db) / "shard-00") && std::chrono::steady_clock::now() < give_up)
            if (::waitpid(pid, &status, WNOHANG) == pid) {
                ended = true;
                break;
            }
        if (!ended) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
        }
        caught = !ended && fs::exists(fs::path(db) / "shard-00") && !fs::exists(fs::path(db) / "shard-01");
    }
    REQUIRE(caught);  // killed with shard-00 made and shard-01 not yet

    const auto done = test::run_and_kill(args, std::nullopt, log);
    INFO(file_text(log));
    REQUIRE(done.exit_code == 0);
    std::string found;
    for (const auto& entry : fs::directory_iterator(db)) found += entry.path().filename().string() + " ";
    INFO("index directory after the second run: " << found);
    CHECK(Xapian::Database(db).get_doccount() == 500);
    // What was asked for: two shards and the stub naming them, not a database in the directory
    // itself with the first run's shard-00 left inside it.
    CHECK(shards::is_sharded(db));
    CHECK(test::index_databases(db).size() == 2);
    CHECK_FALSE(fs::exists(fs::path(db) / "iamglass"));
    CHECK(check_shards(db).empty());
}
