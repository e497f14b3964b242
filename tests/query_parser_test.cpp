#include "query_parser.h"

#include "newsdex/searcher.h"

#include <catch2/catch.hpp>

using namespace newsdex;
using K = QueryNode::Kind;

namespace {

// The tree in one line: AND(...), OR(...), ANDNOT(positive excluded...), NEAR/n(...), "phrase",
// field:child, prefix*, and '+' before a required node.
std::string show(const QueryNode& n) {
    const std::string required = n.required ? "+" : "";
    switch (n.kind) {
    case K::word: return required + n.text + (n.prefix ? "*" : "");
    case K::phrase: return required + '"' + n.text + '"';
    case K::field: return required + n.text + ":" + show(n.children.front());
    case K::date_range: return "date:" + n.low + ".." + n.high;
    case K::match_all: return "ALL";
    default: break;
    }
    std::string s = required + (n.kind == K::and_      ? "AND("
                                : n.kind == K::or_     ? "OR("
                                : n.kind == K::and_not ? "ANDNOT("
                                                       : "NEAR/" + std::to_string(n.distance) + "(");
    for (std::size_t i = 0; i < n.children.size(); ++i) s += (i ? " " : "") + show(n.children[i]);
    return s + ")";
}

std::string show(const std::string& q, bool literal = false) {
    try {
        return show(parse_query(q, literal));
    } catch (const QueryError& e) {
        return std::string("error: ") + e.what();
    }
}

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
    CHECK(error_column("переговори \"Трамп OR Кім") == 12);
    CHECK(error_column("a (b OR c") == 3);
    CHECK(error_column("a OR b)") == 7);
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
        {"a OR \"b", "unbalanced quote", 6},
        {"(a OR b", "'(' is never closed", 1},
        {"a OR b)", "')' without '('", 7},
        {"title:\"a b", "unbalanced quote", 7},
        {"a OR", "OR needs a query on its right", 3},
        {"OR a", "OR needs a query on its left", 1},
        {"AND a", "AND needs a query on its left", 1},
        {"a AND", "AND needs a query on its right", 3},
        {"a NOT", "NOT needs a term to exclude", 3},
        {"a -NOT b", "- needs a term to exclude", 3},
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
        parse_query("ПЕРЕГОВОРИ OR ЗЕЛЕНСЬКИЙ \"Кім");
        FAIL("no error");
    } catch (const QueryError& e) {
        CHECK(e.column() == 26);
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

TEST_CASE("pasted headlines are read as text, not as syntax", "[parser][pasted]") {
    struct Case {
        const char* query;
        const char* tree;
    };
    const Case cases[] = {
        // Reuters: all upper case, so AND/OR/NOT/NEAR are words, and "-SOURCE" is an attribution.
        {"U.S. SAYS IT WILL NOT SELL GRAIN AND OIL TO IRAN: OFFICIALS",
         "AND(U.S. SAYS IT WILL NOT SELL GRAIN AND OIL TO IRAN: OFFICIALS)"},
        {"ARGENTINA SAYS NEAR DEAL WITH CREDITOR BANKS", "AND(ARGENTINA SAYS NEAR DEAL WITH CREDITOR BANKS)"},
        {"CBOE TO LIST NEW S AND P OPTIONS APRIL 20", "AND(CBOE TO LIST NEW S AND P OPTIONS APRIL 20)"},
        {"U.S. TALLOW PRODUCTION AND STOCKS", "AND(U.S. TALLOW PRODUCTION AND STOCKS)"},
        {"SIGN OF SLOWING IN GERMAN MONEY GROWTH -BUNDESBANK", "AND(SIGN OF SLOWING IN GERMAN MONEY GROWTH -BUNDESBANK)"},
        {"MAJOR NATIONS MUST ACT ON CURRENCIES - MIYAZAWA", "AND(MAJOR NATIONS MUST ACT ON CURRENCIES - MIYAZAWA)"},
        {"(CORRECTED) - BANPONCE <BDEP> PLACES NOTES", "AND(CORRECTED - BANPONCE <BDEP> PLACES NOTES)"},
        {"PREMDOR (PDI.TO) TORONTO WORKERS ON STRIKE", "AND(PREMDOR PDI.TO TORONTO WORKERS ON STRIKE)"},
        {"UK \"STAR WARS\" CONTRACTS SEEN AS TOO SMALL", "AND(UK \"STAR WARS\" CONTRACTS SEEN AS TOO SMALL)"},
        // A dash between words is punctuation; inside a word it joins a compound.
        {"\"Brexit\": May's deal - what next", "AND(\"Brexit\" : May's deal - what next)"},
        {"Хемілтон виграв Гран-прі Італії, Райкконен - другий", "AND(Хемілтон виграв Гран-прі Італії, Райкконен - другий)"},
        {"ЄС не має наміру переглядати умови угоди про Brexit, - Альтмаєр",
         "AND(ЄС не має наміру переглядати умови угоди про Brexit, - Альтмаєр)"},
        {"Jean-Claude Juncker: no renegotiation", "AND(Jean-Claude Juncker: no renegotiation)"},
        {"Мороз до -20 і сніг: прогноз на +3 дні", "AND(Мороз до -20 і сніг: прогноз на +3 дні)"},
        {"Путин рассказал о подводной лодке (+ВИДЕО)", "AND(Путин рассказал о подводной лодке +ВИДЕО)"},
        {"Формула-1 добралась до Сочи [+фото]", "AND(Формула-1 добралась до Сочи [+фото])"},
        // A colon after anything but a field name with its value is punctuation.
        {"ЄС vs. Росія: хто виграє", "AND(ЄС vs. Росія: хто виграє)"},
        {"Пелосі: Конгрес США готовий продовжити процедуру імпічменту Трампа",
         "AND(Пелосі: Конгрес США готовий продовжити процедуру імпічменту Трампа)"},
        {"Source: Kremlin plans talks", "AND(Source: Kremlin plans talks)"},
        {"12:43 Ryanair оголошує завтра ще один страйк", "AND(12:43 Ryanair оголошує завтра ще один страйк)"},
        // Brackets around words group nothing; one never closed or opened is punctuation.
        {"Посол України в США вже вирушив на інавгурацію Байдена (фото)",
         "AND(Посол України в США вже вирушив на інавгурацію Байдена фото)"},
        {"Персона (нон грата): Трампа раскритиковали", "AND(Персона нон грата : Трампа раскритиковали)"},
        {"Preview: Ireland v England (Sun", "AND(Preview: Ireland v England Sun)"},
        {"Part 2) of the inquiry", "AND(Part 2 of the inquiry)"},
        // Balanced quotes are a phrase (the headline holds it); an odd one out is punctuation.
        {"Трамп відкрив у Флориді \"офіс колишнього президента\"",
         "AND(Трамп відкрив у Флориді \"офіс колишнього президента\")"},
        {"Lisbon official says \"no problems", "AND(Lisbon official says no problems)"},
        {"Sales of 12\" records up", "AND(Sales of 12 records up)"},
        // Lower-case and/or/not were words already.
        {"rock and roll or not", "AND(rock and roll or not)"},
    };
    for (const auto& c : cases) {
        INFO(c.query);
        CHECK(show(c.query) == c.tree);
    }
    // show() marks a required node with '+' too: "(+ВИДЕО)" is the text "+ВИДЕО", not required.
    const auto video = parse_query("Путин рассказал о подводной лодке (+ВИДЕО)");
    CHECK(video.children.back().text == "+ВИДЕО");
    CHECK_FALSE(video.children.back().required);
}

TEST_CASE("explicit syntax still works next to the pasted-text rules", "[parser][pasted]") {
    struct Case {
        const char* query;
        const char* tree;
    };
    const Case cases[] = {
        {"brexit AND may", "AND(+brexit +may)"},
        {"Brexit AND May", "AND(+Brexit +May)"},
        {"brexit OR may", "OR(brexit may)"},
        {"brexit NOT may", "ANDNOT(brexit may)"},
        {"-foo bar", "ANDNOT(bar foo)"},
        {"bar -\"foo baz\"", "ANDNOT(bar \"foo baz\")"},
        {"bar -(foo baz)", "ANDNOT(bar AND(foo baz))"},
        {"bar -«Газпром»", "ANDNOT(bar «Газпром»)"},
        {"(a -b) c", "AND(ANDNOT(a b) c)"},
        {"+трамп кім", "AND(+трамп кім)"},
        {"title:brexit", "title:brexit"},
        {"Title:Brexit deal", "AND(title:Brexit deal)"},
        {"title:\"a b\" lang:en date:2019", "AND(title:\"a b\" lang:en date:20190101000000..20191231235959)"},
        {"title:(a b)", "title:AND(a b)"},
        {"\"exact phrase\"", "\"exact phrase\""},
        {"a NEAR b", "NEAR/10(a b)"},
        {"a NEAR/3 b", "NEAR/3(a b)"},
        {"(a OR b) c", "AND(OR(a b) c)"},
        {"x AND (a b)", "AND(+x +a +b)"},
        {"(a b) AND x", "AND(+a +b +x)"},
        {"+(a b) c", "AND(+a +b c)"},
        {"перегов*", "перегов*"},
        // Upper case with fewer than three other words, or in Cyrillic, still reads operators.
        {"NATO OR EU", "OR(NATO EU)"},
        {"USA AND UK", "AND(+USA +UK)"},
        {"ПЕРЕГОВОРИ AND ЗЕЛЕНСЬКИЙ ТРАМП КІМ", "AND(+ПЕРЕГОВОРИ +ЗЕЛЕНСЬКИЙ ТРАМП КІМ)"},
        {"ЗЕЛЕНСЬКИЙ NOT ТРАМП КІМ МУН", "ANDNOT(AND(ЗЕЛЕНСЬКИЙ КІМ МУН) ТРАМП)"},
        // A lower-case letter anywhere: the upper-case operators are syntax.
        {"GRAIN AND OIL TO IRAN officials", "AND(+GRAIN +OIL TO IRAN officials)"},
    };
    for (const auto& c : cases) {
        INFO(c.query);
        CHECK(show(c.query) == c.tree);
    }
}

TEST_CASE("an unfinished quote or bracket is an error only in a query that uses syntax", "[parser][pasted]") {
    CHECK(show("a \"b c") == "AND(a b c)");
    CHECK(show("a (b c") == "AND(a b c)");
    CHECK(show("a b) c") == "AND(a b c)");
    CHECK(show(")") == "error: empty query at column 1");
    CHECK(show("\"") == "error: empty query at column 1");
    CHECK(show("a OR \"b c") == "error: unbalanced quote at column 6");
    CHECK(show("a (b OR c") == "error: unbalanced parenthesis: '(' is never closed at column 3");
    CHECK(show("a NOT b) c") == "error: unbalanced parenthesis: ')' without '(' at column 8");
    CHECK(show("title:\"a b") == "error: unbalanced quote at column 7");
    // A field name with nothing after its colon is a mistake; with a space after it, a word.
    CHECK(show("x title:") == "error: field title: needs a value at column 3");
    CHECK(show("title: x") == "AND(title: x)");
}

TEST_CASE("literal mode reads every character as text", "[parser][pasted]") {
    CHECK(show("brexit AND -may title:x \"a b\" (c) d* NEAR/3 +e", true) ==
          "AND(brexit AND -may title:x \"a b\" (c) d* NEAR/3 +e)");
    const auto tree = parse_query("\"Brexit\": May's deal - what next", true);
    REQUIRE(tree.kind == K::and_);
    REQUIRE(tree.children.size() == 6);
    for (const auto& word : tree.children) {
        CHECK(word.kind == K::word);
        CHECK_FALSE(word.required);
        CHECK_FALSE(word.prefix);
    }
    CHECK(tree.children[2].column == 17);
    CHECK(show("a OR \"b (", true) == "AND(a OR \"b ()");
    CHECK(show("(", true) == "(");
    CHECK(show("  \t ", true) == "error: empty query at column 1");
}
