// What search marks as matched (issue 15): the query's words in titles as in snippets, in any
// form, in JSON and in colour; function words only when they are all the query has or stand in a
// quoted phrase. Through the real command line on the sample index.
#include "sample_index.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

using newsdex::test::run_newsdex;
using newsdex::test::sample_index;
using newsdex::test::shell_quote;

namespace {

std::string search(const std::string& args) { return "search --db " + shell_quote(sample_index()) + " " + args; }

// The code points [begin, end) of UTF-8 @p text.
std::string code_point_range(const std::string& text, std::size_t begin, std::size_t end) {
    std::size_t cp = 0, from = text.size(), to = text.size();
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (cp == begin && from == text.size()) from = i;
        if (cp == end) {
            to = i;
            break;
        }
        ++cp;
    }
    return text.substr(from, to - from);
}

struct Marked {
    std::string title;
    std::vector<std::string> in_title, in_snippet;
};

// Each hit's title and the words marked in its title and snippet, from --json output.
std::vector<Marked> marked(const std::string& query) {
    const auto r = run_newsdex(search("--json --limit 50 " + query));
    REQUIRE(r.exit_code == 0);
    std::vector<Marked> out;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
        const auto j = nlohmann::json::parse(line);
        Marked m{j["title"], {}, {}};
        for (const auto& span : j["title_highlights"]) m.in_title.push_back(code_point_range(m.title, span[0], span[1]));
        for (const auto& span : j["highlights"]) m.in_snippet.push_back(code_point_range(j["snippet"], span[0], span[1]));
        out.push_back(std::move(m));
    }
    return out;
}

const Marked& hit_titled(const std::vector<Marked>& hits, const std::string& title_start) {
    for (const auto& h : hits)
        if (h.title.rfind(title_start, 0) == 0) return h;
    FAIL("no hit titled " << title_start);
    return hits.front();
}

bool holds(const std::vector<std::string>& words, const std::string& word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

TEST_CASE("titles mark the query's words in the forms they are written in", "[cli][highlight]") {
    // Карпати (nominative) finds and marks «Карпатах» (locative) in one title and itself in another.
    const auto hits = marked("Карпати");
    CHECK(hit_titled(hits, "У Карпатах знайшли").in_title == std::vector<std::string>{"Карпатах"});
    CHECK(hit_titled(hits, "Новий нічний потяг").in_title == std::vector<std::string>{"Карпати"});
    // Nothing else of a title is marked.
    for (const auto& h : hits) CHECK(h.in_title.size() == 1);

    // Two words, English: each marked where it stands.
    const auto en = marked("hosepipe heatwave");
    CHECK(hit_titled(en, "Hosepipe ban for Eastmere").in_title == std::vector<std::string>{"Hosepipe", "heatwave"});

    // A phrase is one mark.
    CHECK(hit_titled(marked(shell_quote("\"нічний потяг\"")), "Новий нічний потяг").in_title ==
          std::vector<std::string>{"нічний потяг"});
    // Words the query excludes are not marked.
    CHECK(hit_titled(marked(shell_quote("Карпати -жука")), "Новий нічний потяг").in_title == std::vector<std::string>{"Карпати"});
}

TEST_CASE("the terminal paints title matches only when colour is on", "[cli][highlight]") {
    const auto painted = run_newsdex(search("--color always Карпати"));
    REQUIRE(painted.exit_code == 0);
    // The match in the highlight colour, then back to the title's bold.
    CHECK(painted.out.find("\033[1mУ \033[1;33mКарпатах\033[0m\033[1m знайшли") != std::string::npos);
    const auto plain = run_newsdex(search("--color never Карпати"));
    CHECK(plain.out.find('\033') == std::string::npos);
    CHECK(plain.out.find("   У Карпатах знайшли новий вид безкрилого жука\n") != std::string::npos);
}

TEST_CASE("function words are searched but marked only alone or in a phrase", "[cli][highlight]") {
    // "у Карпатах": the title starts with «У», which is not marked; Карпатах is.
    const auto uk = marked("у Карпатах");
    const auto& beetle = hit_titled(uk, "У Карпатах знайшли");
    CHECK(beetle.in_title == std::vector<std::string>{"Карпатах"});
    for (const auto& h : uk) {
        CHECK_FALSE(holds(h.in_snippet, "у"));
        CHECK_FALSE(holds(h.in_snippet, "У"));
    }
    // English: "the ban" marks ban, never the.
    const auto en = marked("the ban");
    const auto& ban = hit_titled(en, "Hosepipe ban for Eastmere");
    CHECK(ban.in_title == std::vector<std::string>{"ban"});
    CHECK(holds(ban.in_snippet, "ban"));
    for (const auto& h : en) {
        CHECK_FALSE(holds(h.in_snippet, "the"));
        CHECK_FALSE(holds(h.in_snippet, "The"));
    }

    // A query of function words only marks them: otherwise nothing would show why a hit matched.
    const auto alone = marked("у");
    CHECK(hit_titled(alone, "У Карпатах знайшли").in_title == std::vector<std::string>{"У"});
    const auto the = marked("the");
    REQUIRE(!the.empty());
    bool any = false;
    for (const auto& h : the) any = any || holds(h.in_snippet, "the") || holds(h.in_snippet, "The");
    CHECK(any);

    // Inside a quoted phrase the function word is part of the match.
    CHECK(hit_titled(marked(shell_quote("\"у Карпати\"")), "Новий нічний потяг").in_title ==
          std::vector<std::string>{"у Карпати"});
}
