// The command line as people used to grep-like tools expect it (issue 15): query words without
// quotes, mistyped commands, examples in --help, --version, the man page and bash completion,
// the progress line and the summary, and "Did you mean" for queries that find little.
#include "sample_index.h"
#include "test_support.h"

#include "human_units.h"
#include "newsdex/indexer.h"
#include "newsdex/version.h"
#include "progress_line.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using newsdex::test::run_newsdex;
using newsdex::test::sample_index;
using newsdex::test::shell_quote;
using newsdex::test::TempDir;

namespace {

std::string search(const std::string& args) { return "search --db " + shell_quote(sample_index()) + " " + args; }

std::vector<std::string> ids(const std::string& json_lines) {
    std::vector<std::string> out;
    std::istringstream in(json_lines);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line)["id"]);
    return out;
}

// What the generated files are next to: the newsdex binary's build directory.
std::string built(const std::string& name) { return (std::filesystem::path(NEWSDEX_BINARY).parent_path() / name).string(); }

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("words after search form the query, with options before, after and --", "[cli][habits]") {
    const auto quoted = run_newsdex(search("--json 'Києві міст'"));
    REQUIRE(quoted.exit_code == 0);
    REQUIRE(!ids(quoted.out).empty());
    const auto unquoted = run_newsdex(search("--json Києві міст"));
    CHECK(unquoted.exit_code == 0);
    CHECK(unquoted.err.empty());
    CHECK(ids(unquoted.out) == ids(quoted.out));
    // Options after the words are still options.
    const auto after = run_newsdex(search("Києві міст --limit 1 --json"));
    CHECK(after.exit_code == 0);
    CHECK(ids(after.out) == std::vector<std::string>{ids(quoted.out).front()});

    // After --, a word starting with '-' is query: an exclusion, as in the quoted query.
    const auto excluded = run_newsdex(search("--json 'переговори -зерно'"));
    REQUIRE(excluded.exit_code == 0);
    CHECK(ids(run_newsdex(search("--json -- переговори -зерно")).out) == ids(excluded.out));
    CHECK(ids(run_newsdex(search("--json переговори -- -зерно")).out) == ids(excluded.out));
    // What follows -- is never an option.
    const auto literal_option = run_newsdex(search("--json hosepipe -- --limit"));
    CHECK(literal_option.exit_code != 2);
    CHECK(literal_option.err.empty());
}

TEST_CASE("a mistyped command is named with the one meant", "[cli][habits]") {
    auto r = run_newsdex("serch foo");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "newsdex: 'serch' is not a command. Did you mean 'search'?\n");
    CHECK(run_newsdex("idnex x").err == "newsdex: 'idnex' is not a command. Did you mean 'index'?\n");
    CHECK(run_newsdex("stat").err == "newsdex: 'stat' is not a command. Did you mean 'stats'?\n");
    CHECK(run_newsdex("comapct").err == "newsdex: 'comapct' is not a command. Did you mean 'compact'?\n");
    // Nothing near: the commands are listed.
    r = run_newsdex("frobnicate");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("'frobnicate' is not a command; the commands are index, search, show, stats, compact") != std::string::npos);
    r = run_newsdex("");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("a command is needed") != std::string::npos);
}

TEST_CASE("every --help has examples and says newsdex, not the binary's path", "[cli][habits]") {
    for (const std::string command : {"", "index ", "search ", "show ", "stats ", "compact ", "version "}) {
        INFO(command);
        const auto r = run_newsdex(command + "--help");
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("Usage: newsdex " + command) != std::string::npos);
        CHECK(r.out.find(NEWSDEX_BINARY) == std::string::npos);
        CHECK(r.out.find("\nExamples:\n  ") != std::string::npos);
    }
    // Queries in the three languages: Ukrainian (і, ї), Russian (ы-less but Киев, мост) and English.
    for (const std::string command : {"", "search "}) {
        const std::string help = run_newsdex(command + "--help").out;
        CHECK(help.find("Києві метро") != std::string::npos);
        CHECK(help.find("мост Киев") != std::string::npos);
        CHECK((help.find("interest rates") != std::string::npos || help.find("night NEAR/3 train") != std::string::npos));
    }
}

TEST_CASE("the version: --version and version print the project version", "[cli][habits]") {
    const std::string expected = std::string("newsdex ") + NEWSDEX_VERSION_STRING + "\n";
    CHECK(std::string(newsdex::version()) == NEWSDEX_VERSION_STRING);
    auto r = run_newsdex("--version");
    CHECK(r.exit_code == 0);
    CHECK(r.out == expected);
    r = run_newsdex("version");
    CHECK(r.exit_code == 0);
    CHECK(r.out == expected);
    CHECK(std::to_string(NEWSDEX_VERSION_MAJOR) + "." + std::to_string(NEWSDEX_VERSION_MINOR) + "." +
              std::to_string(NEWSDEX_VERSION_PATCH) == NEWSDEX_VERSION_STRING);
}

TEST_CASE("the man page holds every command and option of --help", "[cli][habits]") {
    const std::string man = read_file(built("newsdex.1"));
    REQUIRE(!man.empty());
    CHECK(man.find(".TH NEWSDEX 1") != std::string::npos);
    CHECK(man.find(NEWSDEX_VERSION_STRING) != std::string::npos);
    for (const char* command : {"index", "search", "show", "stats", "compact", "version"})
        CHECK(man.find(std::string(".SS \"newsdex ") + command + "\"") != std::string::npos);
    // Every option --help lists, as roff writes it.
    for (const std::string command : {"index", "search", "show", "stats", "compact"}) {
        std::istringstream help(run_newsdex(command + " --help").out);
        for (std::string line; std::getline(help, line);) {
            if (line.rfind("  --", 0) != 0) continue;
            std::string option = line.substr(2, line.find(' ', 2) - 2);
            std::string roff;
            for (char c : option) roff += c == '-' ? std::string("\\-") : std::string(1, c);
            INFO(command << " " << option);
            CHECK(man.find("\\fB" + roff + "\\fR") != std::string::npos);
        }
    }
    CHECK(man.find("newsdex search Києві метро") != std::string::npos);
}

TEST_CASE("bash completes commands, options and their values", "[cli][habits]") {
    const std::string script = built("newsdex.bash");
    REQUIRE(std::filesystem::exists(script));
    const auto complete = [&](const std::string& words) {
        TempDir dir;
        const std::string test = dir / "complete.sh";
        std::ofstream(test) << "source " << shell_quote(script) << "\n"
                            << "COMP_WORDS=(" << words << ")\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                            << "_newsdex\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        FILE* pipe = ::popen(("bash " + shell_quote(test)).c_str(), "r");
        std::string out;
        char buf[512];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
        ::pclose(pipe);
        std::set<std::string> words_out;
        std::istringstream in(out);
        for (std::string w; std::getline(in, w);)
            if (!w.empty()) words_out.insert(w);
        return words_out;
    };
    CHECK(complete("newsdex se") == std::set<std::string>{"search"});
    CHECK(complete("newsdex s") == std::set<std::string>{"search", "show", "similar", "stats"});
    CHECK(complete("newsdex --ver") == std::set<std::string>{"--version"});
    CHECK(complete("newsdex search --li") == std::set<std::string>{"--limit", "--literal"});
    CHECK(complete("newsdex search --sort ''") == std::set<std::string>{"relevance", "date", "-date"});
    CHECK(complete("newsdex index --progress a") == std::set<std::string>{"auto", "always"});
    CHECK(complete("newsdex facets --by m") == std::set<std::string>{"month"});
    CHECK(complete("newsdex index --no-r") == std::set<std::string>{"--no-resume"});
    const std::string dir = std::filesystem::path(script).parent_path().string();
    CHECK(complete("newsdex index " + shell_quote(dir + "/newsdex.ba")) == std::set<std::string>{dir + "/newsdex.bash"});
}

TEST_CASE("the progress line fits the terminal and says what it knows", "[cli][habits]") {
    newsdex::IndexProgress p;
    p.source = "/data/dumps/2023-ukrainian-regional-news-full-archive-with-comments-and-photos.jsonl.gz";
    p.source_bytes_read = 351'200'000;
    p.source_bytes_total = 938'500'000;
    p.articles = 74120;
    const std::string wide = newsdex::cli::progress_text(p, 600, 931, 200);
    CHECK(wide == " 37% 2023-ukrainian-regional-news-full-archive-with-comments-and-photos.jsonl.gz 351.2/938.5 MB, "
                  "16:43 left | 74120 articles, 80/s | 15:31");
    // Narrower: the name loses its middle, never its start and end; then parts go, never the count.
    for (std::size_t columns = 10; columns <= 120; ++columns) {
        const std::string line = newsdex::cli::progress_text(p, 600, 931, columns);
        INFO(columns << ": " << line);
        CHECK(newsdex::cli::display_width(line) <= columns - 1);
        CHECK(line.find('\n') == std::string::npos);
        if (columns >= 60) CHECK(line.find("74120 articles") != std::string::npos);
    }
    const std::string eighty = newsdex::cli::progress_text(p, 600, 931, 80);
    INFO(eighty);
    CHECK(eighty.find("2023-ukrain") != std::string::npos);
    CHECK(eighty.find("\xE2\x80\xA6") != std::string::npos);  // …
    CHECK(eighty.find(".jsonl.gz 351.2/938.5 MB, 16:43 left | 74120 articles") != std::string::npos);

    // Cyrillic names are counted in characters, not bytes; a newline in a name cannot break the line.
    p.source = "архів-новин-київ-2023\n.tar.gz";
    const std::string cyrillic = newsdex::cli::progress_text(p, 600, 931, 60);
    CHECK(newsdex::cli::display_width(cyrillic) <= 59);
    CHECK(cyrillic.find('\n') == std::string::npos);

    // Standard input: no share and no time left, what came in so far.
    p.source = "-";
    p.source_bytes_total = 0;
    p.source_bytes_read = 1'234'567;
    p.articles = 1;
    CHECK(newsdex::cli::progress_text(p, 10, 10, 80) == "stdin: 1.23 MB read | 1 article, 0/s | 0:10");
}

TEST_CASE("sizes, counts and durations read as people say them", "[cli][habits]") {
    using namespace newsdex::cli;
    CHECK(human_bytes(0) == "0 B");
    CHECK(human_bytes(999) == "999 B");
    CHECK(human_bytes(1500) == "1.50 KB");
    CHECK(human_bytes(207'000) == "207 KB");
    CHECK(human_bytes(8'540'000) == "8.54 MB");
    CHECK(human_bytes(999'960) == "1.00 MB");
    CHECK(human_bytes(2'200'000'000) == "2.20 GB");
    CHECK(plural(1, "article") == "1 article");
    CHECK(plural(0, "article") == "0 articles");
    CHECK(plural(2, "article") == "2 articles");
    CHECK(human_duration(0.42) == "0.4 s");
    CHECK(human_duration(12.4) == "12 s");
    CHECK(human_duration(65) == "1 m 05 s");
    CHECK(human_duration(3600 + 120 + 5) == "1 h 02 m 05 s");
}

TEST_CASE("index shows a line that fits, stdin without a share, and a summary in words", "[cli][habits]") {
    TempDir dir;
    const std::string name = "a-rather-long-file-name-of-a-news-dump-that-would-not-fit-a-narrow-terminal.jsonl";
    {
        std::ofstream lines(dir / name);
        lines << R"({"id": "one", "title": "Quokka census", "body": "Rangers counted quokkas."})" << "\n";
    }
    auto r = run_newsdex("index --progress always --db " + shell_quote(dir / "db") + " " + shell_quote(dir / name), "COLUMNS=40");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("indexed 1 article (1 new, 0 updated) from 1 file or member, ") != std::string::npos);
    CHECK(r.out.find(" B in ") != std::string::npos);
    // Every redraw fits 39 columns (one is left free: some terminals wrap on the last).
    std::istringstream redraws(r.err);
    for (std::string line; std::getline(redraws, line, '\r');) {
        for (const std::string erase : {"\x1b[K"}) {
            for (auto at = line.find(erase); at != std::string::npos; at = line.find(erase)) line.erase(at, erase.size());
        }
        INFO(line);
        CHECK(newsdex::cli::display_width(line) <= 39);
    }
    CHECK(r.err.find("\xE2\x80\xA6") != std::string::npos);

    const auto piped = run_newsdex("index --progress always --db " + shell_quote(dir / "db2") + " - < " + shell_quote(dir / name));
    CHECK(piped.exit_code == 0);
    CHECK(piped.err.find("stdin: ") != std::string::npos);
    CHECK(piped.err.find(" read | ") != std::string::npos);
    CHECK(piped.err.find('%') == std::string::npos);
    CHECK(piped.err.find("- 0.0 MB") == std::string::npos);
}

TEST_CASE("progress moves through a compressed JSON Lines file as its articles are indexed", "[cli][habits]") {
    TempDir dir;
    const std::string path = dir / "dump.jsonl.gz";
    {
        // Unrepetitive text, so that the compressed stream grows with the input; one 8 MB chunk.
        gzFile gz = gzopen(path.c_str(), "wb");
        std::uint64_t x = 88172645463325252ull;
        for (int i = 0; i < 400; ++i) {
            std::string body;
            for (int w = 0; w < 150; ++w) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                body += "w" + std::to_string(x % 100000) + " ";
            }
            const std::string line = R"({"id": "a)" + std::to_string(i) + R"(", "title": "Article", "body": ")" + body + "\"}\n";
            gzwrite(gz, line.data(), static_cast<unsigned>(line.size()));
        }
        gzclose(gz);
    }
    std::vector<std::uint64_t> seen;
    newsdex::IndexOptions options;
    options.on_progress = [&](const newsdex::IndexProgress& p) {
        if (seen.empty() || seen.back() != p.source_bytes_read) seen.push_back(p.source_bytes_read);
    };
    newsdex::Indexer indexer(dir / "db", options);
    indexer.index_source(path);
    indexer.commit();
    const auto size = std::filesystem::file_size(path);
    REQUIRE(!seen.empty());
    CHECK(seen.back() == size);
    // Many steps, each forward, not one jump at the end of the chunk.
    CHECK(seen.size() > 100);
    CHECK(std::is_sorted(seen.begin(), seen.end()));
}

TEST_CASE("a query that finds nothing is offered the one it meant", "[cli][habits]") {
    // A typo of a word the index holds.
    auto r = run_newsdex(search("hosepipr"));
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("Did you mean: hosepipe (") != std::string::npos);
    // Ukrainian typed on the Latin layout: к и ї в are r b ] d.
    r = run_newsdex(search("'rb]d'"));
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("Did you mean: київ (") != std::string::npos);
    // Russian, the same way: м о с т are v j c n.
    r = run_newsdex(search("vjcn"));
    CHECK(r.out.find("Did you mean: мост (") != std::string::npos);
    // English typed on the Cyrillic layout.
    r = run_newsdex(search("пкфшт"));
    CHECK(r.out.find("Did you mean: grain (") != std::string::npos);
    // The count shown is what the suggested query finds.
    const auto said = r.out.substr(r.out.find("Did you mean: grain (") + 21);
    const auto grain = run_newsdex(search("--json --limit 100 grain"));
    CHECK(said.rfind(std::to_string(ids(grain.out).size()) + (ids(grain.out).size() == 1 ? " match)" : " matches)"), 0) == 0);

    // Also when the OR fallback found articles with some of the words.
    r = run_newsdex(search("hosepipr ban"));
    CHECK(r.out.find("Did you mean: hosepipe ban (") != std::string::npos);

    // Scripts get it in the --count object.
    const auto count = nlohmann::json::parse(run_newsdex(search("--count 'rb]d'")).out);
    CHECK(count["matches"] == 0);
    CHECK(count["suggestion"]["query"] == "київ");
    CHECK(count["suggestion"]["reason"] == "keyboard layout");
    CHECK(count["suggestion"]["matches"].get<std::size_t>() > 0);
    CHECK(nlohmann::json::parse(run_newsdex(search("--count hosepipr")).out)["suggestion"]["reason"] == "spelling");
    CHECK(!nlohmann::json::parse(run_newsdex(search("--count grain")).out).contains("suggestion"));

    // A query that finds enough gets none; nor do scripts reading JSON Lines.
    CHECK(run_newsdex(search("grain")).out.find("Did you mean") == std::string::npos);
    CHECK(run_newsdex(search("--json hosepipr")).out.empty());
}
