#include "query_parser.h"

#include "newsdex/searcher.h"

#include <catch2/catch.hpp>

using namespace newsdex;
using K = QueryNode::Kind;

namespace {

std::size_t error_column(const std::string& q) {
    try {
        parse_query(q);
    } catch (const QueryError& e) {
        return e.column();
    }
    return 0;
}

}  // namespace

TEST_CASE("implicit AND of words", "[parser]") {
    const auto n = parse_query("переговори Трамп Кім");
    REQUIRE(n.kind == K::and_);
    REQUIRE(n.children.size() == 3);
    CHECK(n.children[1].text == "Трамп");
    CHECK(n.children[1].column == 12);
}

TEST_CASE("OR binds looser than AND", "[parser]") {
    const auto n = parse_query("a b OR c");
    REQUIRE(n.kind == K::or_);
    REQUIRE(n.children.size() == 2);
    CHECK(n.children[0].kind == K::and_);
    CHECK(n.children[1].text == "c");
}

TEST_CASE("NOT and minus exclude", "[parser]") {
    for (const char* q : {"a NOT b", "a -b", "a AND NOT b"}) {
        INFO(q);
        const auto n = parse_query(q);
        REQUIRE(n.kind == K::and_not);
        CHECK(n.children[0].text == "a");
        CHECK(n.children[1].text == "b");
    }
    const auto only = parse_query("-b");
    REQUIRE(only.kind == K::and_not);
    CHECK(only.children[0].kind == K::match_all);
}

TEST_CASE("lower-case operators and punctuation are words", "[parser]") {
    const auto n = parse_query("rock and roll or not");
    REQUIRE(n.kind == K::and_);
    CHECK(n.children.size() == 5);
    CHECK(parse_query("!!! ...").kind == K::and_);
    CHECK(parse_query("-").kind == K::word);
}

TEST_CASE("phrases, groups, prefixes, NEAR", "[parser]") {
    const auto p = parse_query("\"нічний потяг\" (a OR b) вибор*");
    REQUIRE(p.kind == K::and_);
    CHECK(p.children[0].kind == K::phrase);
    CHECK(p.children[0].text == "нічний потяг");
    CHECK(p.children[1].kind == K::or_);
    CHECK(p.children[2].prefix);
    CHECK(p.children[2].text == "вибор");

    const auto near = parse_query("grain NEAR/3 port");
    REQUIRE(near.kind == K::near);
    CHECK(near.distance == 3);
    CHECK(near.children.size() == 2);
}

TEST_CASE("fields and dates", "[parser]") {
    const auto t = parse_query("title:\"pedestrian bridge\" lang:en");
    REQUIRE(t.kind == K::and_);
    CHECK(t.children[0].kind == K::field);
    CHECK(t.children[0].text == "title");
    CHECK(t.children[0].children[0].kind == K::phrase);

    const auto d = parse_query("date:2019-06..2019-08");
    REQUIRE(d.kind == K::date_range);
    CHECK(d.low == "20190601000000");
    CHECK(d.high == "20190831235959");
    const auto open = parse_query("date:..2019");
    CHECK(open.low.empty());
    CHECK(open.high == "20191231235959");
    const auto day = parse_query("date:2019-06-30");
    CHECK(day.low == "20190630000000");
    CHECK(day.high == "20190630235959");
    // An unknown field name is part of the word.
    CHECK(parse_query("foo:bar").kind == K::word);
}

TEST_CASE("errors carry the column of the problem", "[parser]") {
    CHECK(error_column("переговори \"Трамп Кім") == 12);
    CHECK(error_column("a (b OR c") == 3);
    CHECK(error_column("a b)") == 4);
    CHECK(error_column("a OR") == 3);
    CHECK(error_column("OR a") == 1);
    CHECK(error_column("date:yesterday") == 6);
    CHECK(error_column("a NEAR/2") == 3);
    CHECK(error_column("()") == 1);
    CHECK(error_column("   ") == 1);
    CHECK(error_column("title:") == 1);
    CHECK(error_column("(a) NOT") == 5);
}

TEST_CASE("deep nesting is an error, not a crash", "[parser]") {
    const std::string q = std::string(5000, '(') + "a" + std::string(5000, ')');
    CHECK(error_column(q) > 0);
}

TEST_CASE("every error message names its problem and column", "[parser]") {
    struct Case {
        const char* query;
        const char* message;
        std::size_t column;
    };
    const Case cases[] = {
        {"a \"b", "unbalanced quote", 3},
        {"(a", "'(' is never closed", 1},
        {"a)", "')' without '('", 2},
        {"a OR", "OR needs a query on its right", 3},
        {"OR a", "OR needs a query on its left", 1},
        {"AND a", "AND needs a query on its left", 1},
        {"a AND", "AND needs a query on its right", 3},
        {"a NOT", "NOT needs a term to exclude", 3},
        {"a --b", "- needs a term to exclude", 3},
        {"NEAR/3 a", "NEAR needs a word on its left", 1},
        {"a NEAR/3", "NEAR needs a word on its right", 3},
        {"a NEAR/3 (b c)", "NEAR needs a word on its right", 3},
        {"a NEAR/12345 b", "NEAR distance too large", 3},
        {"date:2019-13", "bad date", 6},
        {"date:2020..2019", "date range ends before it starts", 6},
        {"date:..", "range needs at least one end", 6},
        {"x title:", "field title: needs a value", 3},
        {"()", "empty parentheses", 1},
        {"", "empty query", 1},
    };
    for (const auto& c : cases) {
        INFO(c.query);
        try {
            parse_query(c.query);
            FAIL("no error");
        } catch (const QueryError& e) {
            CHECK(std::string(e.what()).find(c.message) != std::string::npos);
            CHECK(e.column() == c.column);
            CHECK(std::string(e.what()).find("at column " + std::to_string(c.column)) != std::string::npos);
        }
    }
}

TEST_CASE("columns count characters, not bytes", "[parser]") {
    try {
        parse_query("ПЕРЕГОВОРИ ЗЕЛЕНСЬКИЙ \"Кім");
        FAIL("no error");
    } catch (const QueryError& e) {
        CHECK(e.column() == 23);
    }
}

TEST_CASE("'+' and an explicit AND mark words as required", "[parser]") {
    const auto n = parse_query("+трамп кім AND мун переговори");
    REQUIRE(n.kind == K::and_);
    REQUIRE(n.children.size() == 4);
    CHECK(n.children[0].required);
    CHECK(n.children[1].required);  // left of AND
    CHECK(n.children[2].required);  // right of AND
    CHECK_FALSE(n.children[3].required);
    CHECK_FALSE(parse_query("a -b c").children[0].children[1].required);
}
