// The command-line contract that scripts depend on: exit codes, one-line errors, JSON output.
#include "sample_index.h"
#include "test_support.h"

#include "newsdex/searcher.h"
#include "newsdex/shards.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
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

TEST_CASE("search --uk-ru also finds the other Cyrillic language's spelling of a word", "[cli]") {
    auto languages = [](const std::string& out) {
        std::set<std::string> langs;
        for (const auto& hit : json_lines(out)) langs.insert(hit["lang"].get<std::string>());
        return langs;
    };
    // «переговоры» has a Russian-only letter: alone it finds the Russian articles only.
    CHECK(languages(run_newsdex(search("--json --limit 50 переговоры")).out) == std::set<std::string>{"ru"});
    const auto both = run_newsdex(search("--json --limit 50 --uk-ru переговоры"));
    CHECK(both.exit_code == 0);
    CHECK(languages(both.out) == std::set<std::string>{"ru", "uk"});  // «переговори»
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
    CHECK(r.out.find("indexed 1 article (") != std::string::npos);
    CHECK(r.err.find("bad.bin") != std::string::npos);
    auto s = run_newsdex("search --db " + shell_quote(dir / "db") + " --json quokka");
    CHECK(s.exit_code == 0);
    CHECK(json_lines(s.out).size() == 1);
}

TEST_CASE("stats --json reports documents, languages and size", "[cli]") {
    auto r = run_newsdex("stats --json --db " + shell_quote(sample_index()));
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["documents"] == 69);
    CHECK(j["languages"]["uk"] == 23);
    CHECK(j["languages"]["en"] == 24);
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
    CHECK(forced.out.find(" shown of ") != std::string::npos);
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

namespace {

nlohmann::json count_of(const std::string& args) {
    const auto r = run_newsdex(search("--count " + args));
    INFO(args << "\n" << r.err);
    REQUIRE(r.err.empty());
    REQUIRE(count_lines(r.out) == 1);
    return nlohmann::json::parse(r.out);
}

// "3 shown of 12 matches in 1.0 ms" → "12 matches"
std::string footer_count(const std::string& out) {
    const auto of = out.rfind(" shown of ");
    const auto in = out.rfind(" in ");
    return of == std::string::npos || in == std::string::npos ? "" : out.substr(of + 10, in - of - 10);
}

}  // namespace

TEST_CASE("search counts every match, the same with any --limit or --offset, in the footer and in --count", "[cli][count]") {
    const std::string q = "'переговори OR переговоры OR talks'";
    const auto every = json_lines(run_newsdex(search("--json --limit 1000 " + q)).out);
    REQUIRE(every.size() >= 3);
    const auto c = count_of(q);
    CHECK(c["matches"] == every.size());
    CHECK(c["exact"] == true);
    CHECK(c["matched"] == "all");
    CHECK_FALSE(c.contains("lower"));
    for (const char* paging : {"--limit 1", "--limit 2", "--limit 2 --offset 1", "--offset 100"}) {
        INFO(paging);
        CHECK(count_of(std::string(paging) + " " + q) == c);
        CHECK(footer_count(run_newsdex(search(std::string(paging) + " " + q)).out) == std::to_string(every.size()) + " matches");
    }
    // Copies count once, as they are listed, unless every copy is asked for.
    const auto copies = json_lines(run_newsdex(search("--json --all-copies --limit 1000 " + q)).out);
    CHECK(count_of("--all-copies " + q)["matches"] == copies.size());
    // An exclusion is counted exactly too.
    const auto without = json_lines(run_newsdex(search("--json --limit 1000 'переговори OR переговоры OR talks -grain'")).out);
    CHECK(count_of("'переговори OR переговоры OR talks -grain'")["matches"] == without.size());
    const auto none = run_newsdex(search("--count zzyzxnotaword"));
    CHECK(none.exit_code == 1);
    CHECK(nlohmann::json::parse(none.out)["matches"] == 0);
}

TEST_CASE("when no article has every word, search says it shows articles with some of them", "[cli][count]") {
    auto people = run_newsdex(search("'hosepipe zzyzxnotaword'"));
    CHECK(people.exit_code == 0);
    CHECK(people.out.rfind("No article has every word; showing articles with some of them.\n", 0) == 0);
    CHECK(people.out.find("Hosepipe ban for Eastmere") != std::string::npos);
    CHECK(people.out.find("with some of the words in ") != std::string::npos);
    for (const auto& hit : json_lines(run_newsdex(search("--json 'hosepipe zzyzxnotaword'")).out)) CHECK(hit["matched"] == "some");
    CHECK(count_of("'hosepipe zzyzxnotaword'")["matched"] == "some");

    auto full = run_newsdex(search("hosepipe"));
    CHECK(full.out.find("No article has every word") == std::string::npos);
    for (const auto& hit : json_lines(run_newsdex(search("--json hosepipe")).out)) CHECK(hit["matched"] == "all");

    // Five words or more match any of them: the count says so, and each hit whether it has them all.
    const std::string pasted = "'hosepipe ban for Eastmere zzyzxnotaword'";
    CHECK(count_of(pasted)["matched"] == "some");
    const auto hits = json_lines(run_newsdex(search("--json " + pasted)).out);
    REQUIRE_FALSE(hits.empty());
    for (const auto& hit : hits) CHECK(hit["matched"] == "some");  // none holds the made-up word
    CHECK(count_of("'hosepipe ban for Eastmere'")["matched"] == "all");
}

TEST_CASE("when few articles have every word, search says the page goes on with some of them", "[cli][count]") {
    // One sample article holds "water" and "ban" (the hosepipe ban); others hold "water" alone.
    auto people = run_newsdex(search("--color never 'water ban'"));
    CHECK(people.exit_code == 0);
    CHECK(people.out.rfind("Only 1 article has every word; then articles with some of them.\n", 0) == 0);
    CHECK(people.out.find("(some of the words)") != std::string::npos);
    CHECK(people.out.find(": 1 match with every word, then articles with some of them in ") != std::string::npos);
    const auto hits = json_lines(run_newsdex(search("--json 'water ban'")).out);
    REQUIRE(hits.size() >= 2);
    CHECK(hits[0]["matched"] == "all");
    CHECK(std::string(hits[0]["title"]).find("Hosepipe ban") != std::string::npos);
    for (std::size_t i = 1; i < hits.size(); ++i) CHECK(hits[i]["matched"] == "some");
    // The count is of the articles with every word, as without the filled page.
    const auto c = count_of("'water ban'");
    CHECK(c["matches"] == 1);
    CHECK(c["matched"] == "all");
}

TEST_CASE("every filter value is checked: one line naming the option and the problem, exit 2", "[cli][filters]") {
    const std::pair<std::string, std::string> cases[] = {
        {"--since 2018-13 talks", "newsdex: error: --since: 2018-13 is not a date (month 13)"},
        {"--since 2018/11/18 talks", "newsdex: error: --since: 2018/11/18 is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"},
        {"--until 2018-02-30 talks", "newsdex: error: --until: 2018-02-30 is not a date (February 2018 has 28 days)"},
        {"--since 2019 --until 2018 talks", "newsdex: error: --until 2018 is before --since 2019: the range is empty"},
        {"--lang de talks", "newsdex: error: --lang: de is not a language newsdex tells apart (uk, ru, en, or other for the rest)"},
        {"--lang en,xx talks", "newsdex: error: --lang: xx is not a language"},
        {"--source 'Daily Planet' talks", "newsdex: error: --source: no source in this index is named like 'Daily Planet' (newsdex stats lists the sources)"},
        {"--offset -1 talks", "newsdex: error: --offset: -1 is not a number of hits to skip (0 or more)"},
        {"--offset x talks", "newsdex: error: --offset: x is not a number of hits to skip (0 or more)"},
        {"--limit 0 talks", "newsdex: error: --limit: 0 is not a number of hits to show (1 or more)"},
        {"--limit -5 talks", "newsdex: error: --limit: -5 is not a number of hits to show (1 or more)"},
        {"'talks lang:xx'", "newsdex: error: bad query: lang:xx is not a language newsdex tells apart (uk, ru, en, or other for the rest) at column 12"},
        {"'talks date:2018-13'", "newsdex: error: bad query: bad date '2018-13'"},
        {"'talks date:2019..2018'", "newsdex: error: bad query: date range ends before it starts"},
    };
    for (const auto& [args, says] : cases) {
        INFO(args);
        const auto r = run_newsdex(search(args));
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(count_lines(r.err) == 1);
        CHECK(r.err.rfind(says, 0) == 0);
    }
    // Language codes in any case, and a reversed order of nothing: accepted.
    for (const char* ok : {"--lang EN talks", "--lang Uk,RU переговори", "--since 2019 --until 2019 talks", "'talks lang:EN'"}) {
        INFO(ok);
        CHECK(run_newsdex(search(ok)).exit_code != 2);
    }
    auto en = json_lines(run_newsdex(search("--json --lang EN talks")).out);
    REQUIRE_FALSE(en.empty());
    for (const auto& hit : en) CHECK(hit["lang"] == "en");
}

TEST_CASE("search --source takes any case, the start of a name or whole words of it, and stats lists the names", "[cli][filters][stats]") {
    const auto stats = nlohmann::json::parse(run_newsdex("stats --json --db " + shell_quote(sample_index())).out);
    REQUIRE(stats["sources"].is_object());
    REQUIRE(stats["sources"].contains("Київські новини"));
    REQUIRE(stats["sources"].contains("Northbridge Times"));
    std::size_t in_sources = 0;
    for (const auto& [name, n] : stats["sources"].items()) in_sources += n.get<std::size_t>();
    CHECK(in_sources <= stats["documents"].get<std::size_t>());
    for (const auto& [value, name] : {std::pair<std::string, std::string>{"київські", "Київські новини"},
                                      {"NORTHBRIDGE", "Northbridge Times"},
                                      {"times", "Northbridge Times"}}) {
        INFO(value);
        // A query that only excludes matches every article of the source.
        const auto hits =
            json_lines(run_newsdex(search("--json --all-copies --limit 1000 --source " + shell_quote(value) + " -- -zzyzxnotaword")).out);
        CHECK(hits.size() == stats["sources"][name].get<std::size_t>());
        for (const auto& hit : hits) CHECK(hit["source"] == name);
    }
}

TEST_CASE("stats shows the sources and the dates published", "[cli][stats]") {
    const auto j = nlohmann::json::parse(run_newsdex("stats --json --db " + shell_quote(sample_index())).out);
    const std::string first = j["published"]["first"], last = j["published"]["last"];
    CHECK(first.size() == 10);
    CHECK(first <= "2021-03-26");  // the earliest date of the JSON articles
    CHECK(last >= "2024-09-10");   // and the latest
    CHECK(j["published"]["undated"].is_number());
    const auto people = run_newsdex("stats --db " + shell_quote(sample_index()));
    CHECK(people.exit_code == 0);
    CHECK(people.out.find("published: " + first + " to " + last) != std::string::npos);
    CHECK(people.out.find("Київські новини") != std::string::npos);
    CHECK(people.out.find("sources:") != std::string::npos);
}
