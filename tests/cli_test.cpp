// The command-line contract that scripts depend on: exit codes, one-line errors, JSON output.
#include "sample_index.h"
#include "test_support.h"

#include "newsdex/searcher.h"
#include "newsdex/shards.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using newsdex::test::run_newsdex;
using newsdex::test::sample_index;
using newsdex::test::shell_quote;

namespace {

std::vector<nlohmann::json> json_lines(const std::string& out) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

std::string search(const std::string& args) { return "search --db " + shell_quote(sample_index()) + " " + args; }

}  // namespace

TEST_CASE("search exits 0 with hits and 1 without", "[cli]") {
    auto hit = run_newsdex(search("hosepipe"));
    CHECK(hit.exit_code == 0);
    CHECK(hit.out.find("Hosepipe ban for Eastmere") != std::string::npos);
    auto none = run_newsdex(search("zzyzxnotaword"));
    CHECK(none.exit_code == 1);
    CHECK(none.err.empty());
}

TEST_CASE("search --json prints one object per hit with the contract's fields", "[cli]") {
    auto r = run_newsdex(search("--json --limit 5 переговори"));
    REQUIRE(r.exit_code == 0);
    const auto lines = json_lines(r.out);
    REQUIRE(lines.size() >= 2);
    REQUIRE(lines.size() <= 5);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& j = lines[i];
        for (const char* key : {"rank", "id", "score", "title", "url", "published", "lang", "source", "snippet", "highlights"})
            CHECK(j.contains(key));
        CHECK(j["rank"] == i + 1);
        CHECK(j["score"].is_number());
        CHECK(j["snippet"].is_string());
        REQUIRE(j["highlights"].is_array());
        CHECK(!j["highlights"].empty());
        for (const auto& pair : j["highlights"]) {
            REQUIRE(pair.size() == 2);
            CHECK(pair[0].get<std::size_t>() < pair[1].get<std::size_t>());
        }
        // Plain text: no terminal escapes, no markup.
        CHECK(j["snippet"].get<std::string>().find('\033') == std::string::npos);
    }
}

TEST_CASE("search --limit and --offset page through hits", "[cli]") {
    auto all = json_lines(run_newsdex(search("--json --limit 4 'переговори OR переговоры OR talks'")).out);
    auto page = json_lines(run_newsdex(search("--json --limit 2 --offset 2 'переговори OR переговоры OR talks'")).out);
    REQUIRE(all.size() == 4);
    REQUIRE(page.size() == 2);
    CHECK(page[0]["id"] == all[2]["id"]);
    CHECK(page[0]["rank"] == 3);
}

TEST_CASE("an unbalanced quote is a one-line error with its column and exit code 2", "[cli]") {
    auto r = run_newsdex(search("'переговори OR \"Трамп'"));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(count_lines(r.err) == 1);
    CHECK(r.err.find("unbalanced quote at column 15") != std::string::npos);
    // Without operators or fields the quote is punctuation in pasted text.
    CHECK(run_newsdex(search("'переговори \"Трамп'")).exit_code != 2);
}

TEST_CASE("search --literal and -F read the query as plain text", "[cli]") {
    // As syntax, "-ban" excludes the one article about the hosepipe ban.
    CHECK(run_newsdex(search("'hosepipe -ban'")).exit_code == 1);
    for (const char* flag : {"--literal", "-F"}) {
        INFO(flag);
        auto r = run_newsdex(search(std::string(flag) + " 'hosepipe -ban'"));
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("Hosepipe ban for Eastmere") != std::string::npos);
    }
}

TEST_CASE("a missing index is a one-line error with exit code 2", "[cli]") {
    newsdex::test::TempDir dir;
    for (const char* cmd : {"search --db %s anything", "stats --db %s"}) {
        std::string args = cmd;
        args.replace(args.find("%s"), 2, shell_quote(dir / "nope"));
        auto r = run_newsdex(args);
        INFO(args);
        CHECK(r.exit_code == 2);
        CHECK(count_lines(r.err) == 1);
        CHECK(r.err.find("no index at") != std::string::npos);
    }
}

TEST_CASE("readers given a --db at a file, an empty or foreign directory or nothing say what is there", "[cli]") {
    newsdex::test::TempDir dir;
    std::ofstream(dir / "file") << "not an index\n";
    std::filesystem::create_directories(dir / "empty");
    std::filesystem::create_directories(dir / "photos/2024");
    std::ofstream(dir / "photos/list.txt") << "a.jpg\n";
    struct Case {
        std::string db, says, advice;
    };
    const Case cases[] = {
        {dir / "missing", "no index at " + dir / "missing" + ": it does not exist", "create one with: newsdex index --db"},
        {dir / "file", dir / "file" + " is a file, not a newsdex index", "--db takes a directory that newsdex index wrote"},
        {dir / "empty", dir / "empty" + " is empty: no index there", "create one with: newsdex index --db"},
        {dir / "photos", dir / "photos" + " is not a newsdex index", "--db takes a directory that newsdex index wrote"},
    };
    for (const Case& c : cases) {
        for (const std::string command : {"search --db %s anything", "show --db %s some-id", "stats --db %s", "compact --db %s %o"}) {
            std::string args = command;
            args.replace(args.find("%s"), 2, shell_quote(c.db));
            if (const auto o = args.find("%o"); o != std::string::npos) args.replace(o, 2, shell_quote(dir / "compacted"));
            INFO(args);
            const auto r = run_newsdex(args);
            CHECK(r.exit_code == 2);
            CHECK(count_lines(r.err) == 1);
            CHECK(r.err.find(c.says) != std::string::npos);
            CHECK(r.err.find(c.advice) != std::string::npos);
            // Xapian's own wording names neither the path's problem nor what to do.
            CHECK(r.err.find("Bad line") == std::string::npos);
            CHECK(r.err.find("Couldn't") == std::string::npos);
            CHECK_FALSE(std::filesystem::exists(dir / "compacted"));
        }
        // The library says what and where; the command-line advice is the command line's.
        try {
            newsdex::Searcher searcher(c.db);
            FAIL("opened " << c.db);
        } catch (const newsdex::NoIndexError& e) {
            CHECK(std::string(e.what()).find(c.says) != std::string::npos);
            CHECK(std::string(e.what()).find("--db") == std::string::npos);
            CHECK(std::string(e.what()).find("create one") == std::string::npos);
        }
    }
}

TEST_CASE("a shard the stub lists but that is gone is named", "[cli]") {
    newsdex::test::TempDir dir;
    std::filesystem::copy(sample_index(), dir / "db", std::filesystem::copy_options::recursive);
    REQUIRE(newsdex::shards::is_sharded(dir / "db"));
    const auto listed = newsdex::shards::read_stub(dir / "db");
    REQUIRE(listed.size() > 1);
    std::filesystem::remove_all(listed.back().path);
    const auto r = run_newsdex("search --db " + shell_quote(dir / "db") + " anything");
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK(r.err.find("shard " + listed.back().path + " of " + dir / "db") != std::string::npos);
    CHECK(r.err.find("does not exist") != std::string::npos);
}

TEST_CASE("an unreadable source is a one-line error with exit code 2", "[cli]") {
    newsdex::test::TempDir dir;
    auto r = run_newsdex("index --db " + shell_quote(dir / "db") + " " + shell_quote(dir / "missing.json"));
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK(r.err.find("missing.json") != std::string::npos);
}

TEST_CASE("index exits 0 when some sources are skipped and the rest is indexed", "[cli]") {
    newsdex::test::TempDir dir;
    {
        std::ofstream(dir / "good.json") << R"({"title": "Quokka census", "body": "Rangers counted quokkas."})";
        std::ofstream(dir / "bad.bin") << std::string("\0\1\2\3\0\0binary", 12);
    }
    auto r = run_newsdex("index --db " + shell_quote(dir / "db") + " " + shell_quote(dir.path().string()));
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("indexed 1 articles") != std::string::npos);
    CHECK(r.err.find("bad.bin") != std::string::npos);
    auto s = run_newsdex("search --db " + shell_quote(dir / "db") + " --json quokka");
    CHECK(s.exit_code == 0);
    CHECK(json_lines(s.out).size() == 1);
}

TEST_CASE("stats --json reports documents, languages and size", "[cli]") {
    auto r = run_newsdex("stats --json --db " + shell_quote(sample_index()));
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["documents"] == 66);
    CHECK(j["languages"]["uk"] == 22);
    CHECK(j["languages"]["en"] == 22);
    CHECK(j["languages"]["ru"] == 22);
    CHECK(j["size_bytes"].get<long long>() > 0);
}

TEST_CASE("the index defaults to $NEWSDEX_DB", "[cli]") {
    auto r = run_newsdex("search --json hosepipe", "NEWSDEX_DB=" + shell_quote(sample_index()));
    CHECK(r.exit_code == 0);
    CHECK(json_lines(r.out).size() == 1);
}

TEST_CASE("show prints one article in full, with its origin", "[cli]") {
    auto hits = json_lines(run_newsdex(search("--json hosepipe")).out);
    REQUIRE(hits.size() == 1);
    const std::string id = hits[0]["id"];
    auto r = run_newsdex("show --db " + shell_quote(sample_index()) + " " + shell_quote(id));
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Hosepipe ban for Eastmere") != std::string::npos);
    CHECK(r.out.find("corpus-json.tar.gz!json/en/") != std::string::npos);
    auto j = run_newsdex("show --json --db " + shell_quote(sample_index()) + " " + shell_quote(id));
    CHECK(nlohmann::json::parse(j.out)["id"] == id);
    auto missing = run_newsdex("show --db " + shell_quote(sample_index()) + " no-such-id");
    CHECK(missing.exit_code == 1);
    CHECK(count_lines(missing.err) == 1);
}

TEST_CASE("search --sort and filters from the command line", "[cli]") {
    auto newest = json_lines(run_newsdex(search("--json --sort=-date 'переговори OR переговоры OR talks'")).out);
    REQUIRE(newest.size() >= 3);
    for (std::size_t i = 1; i < newest.size(); ++i)
        CHECK(newest[i - 1]["published"].get<std::string>() >= newest[i]["published"].get<std::string>());
    auto ru = json_lines(run_newsdex(search("--json --lang ru 'переговори OR переговоры OR talks'")).out);
    REQUIRE(!ru.empty());
    for (const auto& h : ru) CHECK(h["lang"] == "ru");
    auto bad = run_newsdex(search("--since yesterday talks"));
    CHECK(bad.exit_code == 2);
    CHECK(count_lines(bad.err) == 1);
}

TEST_CASE("colour only when asked or on a terminal, never with NO_COLOR", "[cli]") {
    auto plain = run_newsdex(search("hosepipe"));
    CHECK(plain.out.find('\033') == std::string::npos);
    auto forced = run_newsdex(search("--color always hosepipe"));
    CHECK(forced.out.find("\033[") != std::string::npos);
    CHECK(forced.out.find("shown of about") != std::string::npos);
}

TEST_CASE("index shows a progress line when asked, and none when piped", "[cli]") {
    newsdex::test::TempDir dir;
    {
        std::ofstream lines(dir / "dump.jsonl");
        for (int i = 0; i < 40; ++i)
            lines << R"({"id": "p)" << i << R"(", "title": "Progress )" << i << R"(", "body": "Counting articles."})" << "\n";
    }
    auto shown = run_newsdex("index --progress always --db " + shell_quote(dir / "db") + " " + shell_quote(dir / "dump.jsonl"));
    CHECK(shown.exit_code == 0);
    CHECK(shown.err.find("dump.jsonl") != std::string::npos);
    CHECK(shown.err.find("% dump.jsonl") != std::string::npos);  // the file's size is known
    CHECK(shown.err.find(" articles, ") != std::string::npos);
    CHECK(shown.err.rfind("\r\x1b[K") == shown.err.size() - 4);  // cleared before the summary
    CHECK(shown.out.find("indexed 40 articles") != std::string::npos);

    auto piped = run_newsdex("index --db " + shell_quote(dir / "db2") + " " + shell_quote(dir / "dump.jsonl"));
    CHECK(piped.exit_code == 0);
    CHECK(piped.err.find('\r') == std::string::npos);
    CHECK(run_newsdex("index --progress sometimes --db " + shell_quote(dir / "db3") + " " + shell_quote(dir / "dump.jsonl")).exit_code != 0);
}
