// A run killed with SIGKILL in the middle: the next run loses nothing and duplicates nothing, and
// resumes from the last checkpoint instead of starting over.
#include "newsdex/schema.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace newsdex;

namespace {

constexpr int kArticles = 20000;

Xapian::doccount committed_documents(const std::string& db) {
    try {
        return Xapian::Database(db).get_doccount();
    } catch (const Xapian::Error&) {
        return 0;  // not created yet, or the stub not yet written
    }
}

bool checkpoint_recorded(const std::string& db) {
    try {
        const Xapian::Database first(db + "/shard-00");
        return first.metadata_keys_begin("newsdex.file:") != first.metadata_keys_end("newsdex.file:");
    } catch (const Xapian::Error&) {
        return false;
    }
}

}  // namespace

TEST_CASE("SIGKILL during indexing loses and duplicates nothing, and the next run resumes", "[resume][kill]") {
    test::TempDir dir("kill");
    const std::string dump = dir / "dump.jsonl";
    const std::string db = dir / "db";
    {
        std::ofstream out(dump);
        for (int i = 0; i < kArticles; ++i)
            out << R"({"id": "k)" << i << R"(", "title": "Killed run )" << i << R"(", "body": "Article )" << i
                << R"( of a run that is killed part way and started again."})" << "\n";
    }
    // Chunks of 64 KB (about 500 articles), a checkpoint every 1,000 articles.
    const std::string args[] = {"index", "--db", db, "--shards", "2", "--max-member-size", "131072",
                                "--commit-every", "500", "--checkpoint-every", "1000", "--progress", "never", dump};
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::vector<char*> argv{const_cast<char*>(NEWSDEX_BINARY)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::freopen("/dev/null", "w", stdout);
        ::execv(NEWSDEX_BINARY, argv.data());
        ::_exit(127);
    }
    // Kill it as soon as a first checkpoint is committed, well before the end.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!checkpoint_recorded(db) && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const bool killed = WIFSIGNALED(status);
    const Xapian::doccount before = committed_documents(db);
    INFO("documents committed when killed: " << before);

    const auto again = test::run_newsdex("index --progress never --db " + test::shell_quote(db) + " --max-member-size 131072 " +
                                         test::shell_quote(dump));
    CHECK(again.exit_code == 0);
    if (killed && before < kArticles) {
        // It resumed: the members behind the checkpoint were passed over, not indexed again.
        CHECK(again.out.find("resumed: 0 files already indexed were not read again, ") != std::string::npos);
        CHECK(again.out.find(", 0 members or lines of partly") == std::string::npos);
    }
    const Xapian::Database index(db);
    CHECK(index.get_doccount() == kArticles);
    for (int i = 0; i < kArticles; i += 97) CHECK(index.get_termfreq(schema::id_term("k" + std::to_string(i))) == 1);
}
