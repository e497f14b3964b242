// Ctrl-C, SIGTERM and two runs at once, through the command line: what was handed to the
// writers is committed, the user is told how to resume, and no run overwrites another's work.
#include "archive_fixture.h"
#include "newsdex/schema.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace newsdex;

namespace {

constexpr int kArticles = 20000;

void write_dump(const std::string& path, int count) {
    std::ofstream out(path);
    for (int i = 0; i < count; ++i)
        out << R"({"id": "s)" << i << R"(", "title": "Interrupted run )" << i << R"(", "body": "Article )" << i
            << R"( of a run stopped by a signal and started again, with some words to analyse."})" << "\n";
}

struct Child {
    pid_t pid;
    std::string err_file;
};

// Starts `newsdex ARGS...` with stdout to /dev/null and stderr to @p err_file.
Child start_newsdex(const std::vector<std::string>& args, const std::string& err_file) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::vector<char*> argv{const_cast<char*>(NEWSDEX_BINARY)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        const int null = ::open("/dev/null", O_WRONLY);
        const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        ::execv(NEWSDEX_BINARY, argv.data());
        ::_exit(127);
    }
    return {pid, err_file};
}

int wait_exit(const Child& c) {
    int status = 0;
    ::waitpid(c.pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Xapian::doccount documents(const std::string& db) {
    try {
        return Xapian::Database(db).get_doccount();
    } catch (const Xapian::Error&) {
        return 0;
    }
}

}  // namespace

TEST_CASE("SIGINT and SIGTERM commit what was read, say how to resume, and exit 130 or 143", "[interrupt]") {
    const int signal = GENERATE(SIGINT, SIGTERM);
    test::TempDir dir("interrupt");
    const std::string dump = dir / "dump.jsonl";
    const std::string db = dir / "db";
    write_dump(dump, kArticles);
    // No checkpoint by count or time before the signal: whatever is recorded was recorded because of
    // it. The shards commit every 100 articles on their own, which shows that reading is under way.
    const Child run = start_newsdex({"index", "--db", db, "--shards", "2", "--checkpoint-every", "1000000",
                                     "--checkpoint-seconds", "0", "--commit-every", "100", "--progress", "never",
                                     "--max-member-size", "65536", dump},
                                    dir / "stderr");
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (documents(db) == 0 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ::kill(run.pid, signal);
    const int code = wait_exit(run);
    const std::string err = slurp(run.err_file);
    INFO(err);
    const Xapian::doccount kept = documents(db);
    if (code == 0) {
        WARN("the run finished before the signal arrived; nothing to check");
        return;
    }
    CHECK(code == 128 + signal);
    CHECK(err.find(signal == SIGINT ? "interrupted by SIGINT" : "interrupted by SIGTERM") != std::string::npos);
    CHECK(err.find(std::to_string(kept) + " articles indexed and committed") != std::string::npos);
    CHECK(err.find("run the same command again to resume") != std::string::npos);
    CHECK(kept > 0);
    CHECK(kept < kArticles);

    // The same command again resumes: the kept articles are passed over, not indexed again.
    const auto again = test::run_newsdex("index --progress never --db " + test::shell_quote(db) +
                                         " --max-member-size 65536 " + test::shell_quote(dump));
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("indexed " + std::to_string(kArticles - kept) + " articles (" +
                         std::to_string(kArticles - kept) + " new, 0 updated)") != std::string::npos);
    CHECK(documents(db) == kArticles);
}

TEST_CASE("two runs creating the same index: one writes, the other is told it is locked", "[interrupt]") {
    test::TempDir dir("concurrent");
    const std::string a = dir / "a.jsonl", b = dir / "b.jsonl";
    {
        std::ofstream out(a);
        for (int i = 0; i < 3000; ++i) out << R"({"id": "a)" << i << R"(", "title": "First )" << i << R"(", "body": "From run A."})" << "\n";
    }
    {
        std::ofstream out(b);
        for (int i = 0; i < 3000; ++i) out << R"({"id": "b)" << i << R"(", "title": "Second )" << i << R"(", "body": "From run B."})" << "\n";
    }
    const std::string db = dir / "db";
    const Child first = start_newsdex({"index", "--db", db, "--progress", "never", a}, dir / "a.err");
    const Child second = start_newsdex({"index", "--db", db, "--progress", "never", b}, dir / "b.err");
    const int code_a = wait_exit(first), code_b = wait_exit(second);
    const std::string err_a = slurp(first.err_file), err_b = slurp(second.err_file);
    INFO("A: " << code_a << " " << err_a << "B: " << code_b << " " << err_b);
    // Each run either wrote all its articles or was refused with a clear message, never silently.
    const Xapian::Database index(db);
    const auto count = [&](const char* prefix) {
        Xapian::doccount n = 0;
        for (int i = 0; i < 3000; i += 1) n += index.get_termfreq(schema::id_term(prefix + std::to_string(i)));
        return n;
    };
    for (const auto& [code, err, prefix] : {std::tuple{code_a, err_a, "a"}, std::tuple{code_b, err_b, "b"}}) {
        if (code == 0) {
            CHECK(count(prefix) == 3000);
        } else {
            CHECK(code == 2);
            CHECK(err.find("is locked: another newsdex index") != std::string::npos);
            CHECK(count(prefix) == 0);
        }
    }
    CHECK((code_a == 0 || code_b == 0));
    CHECK(index.get_doccount() == (code_a == 0 ? 3000u : 0u) + (code_b == 0 ? 3000u : 0u));
    // No database of its own beside the stub: the directory is the stub, its shards and the lock.
    for (const auto& entry : std::filesystem::directory_iterator(db)) {
        const std::string name = entry.path().filename().string();
        CHECK((name == "XAPIANDB" || name == ".newsdex-lock" || name.rfind("shard-", 0) == 0));
    }
}

TEST_CASE("index refuses a --db that is a file or someone else's directory, and a failed first run leaves nothing",
          "[interrupt]") {
    test::TempDir dir("bad-db");
    std::ofstream(dir / "file") << "x";
    const auto file = test::run_newsdex("index --progress never --db " + test::shell_quote(dir / "file") + " " +
                                        test::shell_quote(dir / "file"));
    CHECK(file.exit_code == 2);
    CHECK(file.err.find("is a file, not an index directory") != std::string::npos);

    const auto missing = test::run_newsdex("index --progress never --db " + test::shell_quote(dir / "new") + " " +
                                           test::shell_quote(dir / "missing.jsonl"));
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("missing.jsonl: unreadable") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "new"));
}

TEST_CASE("a run stuck inside the archive library restarts itself past the stuck entry", "[interrupt]") {
    test::TempDir dir("stuck");
    // dump.tar holds a.json, inner.zip (b.json) and c.json; the fault makes the inner archive's
    // opening hang, as a hostile file can make libarchive loop without reading.
    testing::write_archive(dir / "inner.zip", {"zip", "zip"}, {{"b.json", R"({"id": "b", "title": "B", "body": "Stuck."})"}});
    testing::write_archive(dir / "dump.tar", {"tar", "ustar"},
                           {{"a.json", R"({"id": "a", "title": "A", "body": "Before."})"},
                            {"inner.zip", slurp(dir / "inner.zip")},
                            {"c.json", R"({"id": "c", "title": "C", "body": "After."})"}});
    std::ofstream(dir / "d.json") << R"({"id": "d", "title": "D", "body": "Another file."})";
    const std::string db = dir / "db";
    const auto run = test::run_newsdex("index --progress never --stall-timeout 0.5 --db " + test::shell_quote(db) + " " +
                                           test::shell_quote(dir / "dump.tar") + " " + test::shell_quote(dir / "d.json"),
                                       "NEWSDEX_FAULT_STALL=2");
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.err.find("dump.tar!inner.zip got stuck inside the archive library") != std::string::npos);
    CHECK(run.err.find("continuing in a new process") != std::string::npos);
    const Xapian::Database index(db);
    for (const char* id : {"a", "c", "d"}) CHECK(index.get_termfreq(schema::id_term(id)) == 1);
    CHECK(index.get_termfreq(schema::id_term("b")) == 0);
    CHECK(index.get_doccount() == 3);
}
