// Sorting, filters, duplicate collapsing, paging and article lookup, on small indexes the tests
// write themselves.
#include "sample_index.h"
#include "test_support.h"

#include "newsdex/indexer.h"
#include "newsdex/searcher.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace newsdex;

namespace {

Article article(std::string id, std::string title, std::string body, std::string published, std::string source = "Test Wire") {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.published = std::move(published);
    a.source = std::move(source);
    return a;
}

struct SmallIndex {
    test::TempDir dir;
    std::string db = dir / "db";
    SmallIndex() {
        Indexer indexer(db);
        indexer.add_article(article("a", "Harbour crane delivered", "A new harbour crane arrived by barge.", "2021-05-01"));
        indexer.add_article(article("b", "Harbour dredging starts", "Dredging of the harbour starts in June.", "2023-02-10", "Coast Post"));
        indexer.add_article(article("c", "Harbour festival", "The harbour festival drew crowds.", ""));
        indexer.add_article(article("d", "Harbour fees rise", "Port fees at the harbour rise again.", "2022-11-30"));
        // An exact copy of d's text under another id, as syndicated copies are.
        indexer.add_article(article("d-copy", "Harbour fees rise", "Port fees at the harbour rise again.", "2022-11-30", "Other Wire"));
        indexer.add_article(article("uk", "Гавань у Одесі", "Нова гавань harbour відкрилася.", "2022-01-01"));
        indexer.commit();
    }
};

std::vector<std::string> ids(const SearchResults& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
}

}  // namespace

TEST_CASE("sorting by date, both ways, undated last", "[search]") {
    SmallIndex index;
    Searcher s(index.db);
    SearchOptions newest;
    newest.sort = SortOrder::date_newest;
    newest.collapse_duplicates = false;
    const auto n = ids(s.search("harbour", newest));
    REQUIRE(n.size() == 6);
    CHECK(n[0] == "b");
    CHECK(n[5] == "c");
    SearchOptions oldest = newest;
    oldest.sort = SortOrder::date_oldest;
    const auto o = ids(s.search("harbour", oldest));
    REQUIRE(o.size() == 6);
    CHECK(o[0] == "a");
    CHECK(o[1] == "uk");
    CHECK(o[4] == "b");
    CHECK(o[5] == "c");
}

TEST_CASE("since, until, language and source filters", "[search]") {
    SmallIndex index;
    Searcher s(index.db);
    SearchOptions o;
    o.since = "2022";
    o.until = "2022-12";
    o.collapse_duplicates = false;
    auto r = ids(s.search("harbour", o));
    std::sort(r.begin(), r.end());
    CHECK(r == std::vector<std::string>{"d", "d-copy", "uk"});

    SearchOptions lang;
    lang.languages = {"uk"};
    CHECK(ids(s.search("harbour", lang)) == std::vector<std::string>{"uk"});

    SearchOptions source;
    source.sources = {"coast post"};
    CHECK(ids(s.search("harbour", source)) == std::vector<std::string>{"b"});

    SearchOptions bad;
    bad.since = "last week";
    CHECK_THROWS_AS(s.search("harbour", bad), SearchError);
}

TEST_CASE("date: in the query filters like --since/--until", "[search]") {
    SmallIndex index;
    Searcher s(index.db);
    SearchOptions o;
    o.collapse_duplicates = false;
    auto r = ids(s.search("harbour date:2021..2022-01", o));
    std::sort(r.begin(), r.end());
    CHECK(r == std::vector<std::string>{"a", "uk"});
    CHECK(ids(s.search("harbour date:2023-02-10")) == std::vector<std::string>{"b"});
    CHECK(ids(s.search("date:..2021-12-31")) == std::vector<std::string>{"a"});
}

TEST_CASE("exact duplicates are collapsed into one hit with a count", "[search]") {
    SmallIndex index;
    Searcher s(index.db);
    const auto r = s.search("fees");
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].copies == 2);
    SearchOptions all;
    all.collapse_duplicates = false;
    CHECK(s.search("fees", all).hits.size() == 2);
}

TEST_CASE("find returns the stored article by id", "[search]") {
    SmallIndex index;
    Searcher s(index.db);
    const auto a = s.find("b");
    REQUIRE(a);
    CHECK(a->title == "Harbour dredging starts");
    CHECK(a->body == "Dredging of the harbour starts in June.");
    CHECK(a->source == "Coast Post");
    CHECK_FALSE(s.find("nope"));
}

TEST_CASE("field queries", "[search]") {
    SmallIndex index;
    Searcher s(index.db);
    CHECK(ids(s.search("title:dredging")) == std::vector<std::string>{"b"});
    CHECK(ids(s.search("title:June")).empty());  // June is in the body only
    CHECK(ids(s.search("source:coast harbour")) == std::vector<std::string>{"b"});
    CHECK(ids(s.search("lang:uk")) == std::vector<std::string>{"uk"});
}

TEST_CASE("snippets join distant matches with an ellipsis and never cut a word", "[search]") {
    test::TempDir dir;
    const std::string db = dir / "db";
    std::string body = "Aardvarks gathered at dawn near the river.";
    for (int i = 0; i < 40; ++i) body += " Nothing of note happened on day " + std::to_string(i) + " of the long wait.";
    body += " Finally the zebras arrived at the crossing.";
    {
        Indexer indexer(db);
        indexer.add_article(article("long", "A long story", body, "2020-01-01"));
        indexer.commit();
    }
    Searcher s(db);
    const auto r = s.search("aardvarks zebras");
    REQUIRE(r.hits.size() == 1);
    const Hit& h = r.hits[0];
    CHECK(h.snippet.find("…") != std::string::npos);
    REQUIRE(h.highlights.size() == 2);
    CHECK(h.snippet.find("Aardvarks") != std::string::npos);
    CHECK(h.snippet.find("zebras") != std::string::npos);
    CHECK(h.snippet.size() < 400);
    // Every piece between ellipses starts and ends on word boundaries of the body.
    std::size_t start = 0;
    const std::string ell = "…";
    std::string text = h.snippet;
    while (start < text.size()) {
        std::size_t end = text.find(ell, start);
        if (end == std::string::npos) end = text.size();
        std::string piece = text.substr(start, end - start);
        while (!piece.empty() && piece.front() == ' ') piece.erase(0, 1);
        while (!piece.empty() && piece.back() == ' ') piece.pop_back();
        if (!piece.empty()) {
            const auto at = body.find(piece);
            REQUIRE(at != std::string::npos);
            CHECK((at == 0 || body[at - 1] == ' '));
            const std::size_t after = at + piece.size();
            CHECK((after == body.size() || body[after] == ' ' || body[after] == '.'));
        }
        start = end + ell.size();
    }
}

TEST_CASE("a pasted upper-case headline with AND and NOT finds its article", "[search][pasted]") {
    test::TempDir dir;
    const std::string db = dir / "db";
    {
        Indexer indexer(db);
        indexer.add_article(article("iran", "U.S. SAYS IT WILL NOT SELL GRAIN AND OIL TO IRAN: OFFICIALS",
                                    "Washington will not sell grain or oil to Iran, officials said on Tuesday, "
                                    "after reports that a sale was being discussed.",
                                    "1987-04-07"));
        indexer.add_article(article("egypt", "U.S. SELLS WHEAT TO EGYPT",
                                    "The United States sold wheat and vegetable oil to Egypt under the export "
                                    "bonus programme, officials said.",
                                    "1987-04-08"));
        indexer.add_article(article("brexit", "\"Brexit\": May's deal - what next",
                                    "Theresa May's Brexit deal goes to a vote; what next for the deal is unclear.",
                                    "2019-01-15"));
        indexer.commit();
    }
    Searcher s(db);
    // Read as syntax, NOT would exclude every article with "sell" and AND would require "oil".
    const auto reuters = ids(s.search("U.S. SAYS IT WILL NOT SELL GRAIN AND OIL TO IRAN: OFFICIALS"));
    REQUIRE_FALSE(reuters.empty());
    CHECK(reuters.front() == "iran");
    // A dash between words excludes nothing; the colon and quotes are punctuation.
    const auto brexit = ids(s.search("\"Brexit\": May's deal - what next"));
    REQUIRE_FALSE(brexit.empty());
    CHECK(brexit.front() == "brexit");
    // Typed syntax still excludes.
    CHECK(ids(s.search("grain NOT iran")).empty());
    CHECK(ids(s.search("officials -iran")) == std::vector<std::string>{"egypt"});
    // Literal mode: the same query, every character text.
    SearchOptions literal;
    literal.literal = true;
    literal.or_fallback = false;  // the articles with every word, not a page filled with the rest
    const auto text = ids(s.search("officials -iran", literal));
    CHECK(text == std::vector<std::string>{"iran"});
    CHECK(ids(s.search("grain NOT iran", literal)) == std::vector<std::string>{"iran"});
}

TEST_CASE("site: finds an IDN host by either spelling, and date: finds an article by its UTC day", "[search][hosts][dates]") {
    test::TempDir dir;
    const std::string db = dir / "db";
    {
        Indexer indexer(db);
        Article idn = article("idn", "Нічний потяг до Ужгорода", "Потяг вирушив опівночі з Києва.", "2019-03-01T01:30:00+03:00");
        idn.url = "https://www.КИРИЛИЦЯ.укр:8443/новини/потяг";
        indexer.add_article(idn);
        Article puny = article("puny", "Потяг повернувся", "Потяг повернувся до Києва вранці.", "Fri, 01 Mar 2019 23:30:00 -0500");
        puny.url = "https://xn--h1aaafh2a9b4d.xn--j1amh/x";
        indexer.add_article(puny);
        Article other = article("other", "Потяг на Львів", "Потяг на Львів затримується.", "2019-03-01");
        other.url = "https://lviv.example.ua/a";
        indexer.add_article(other);
        indexer.commit();
    }
    Searcher s(db);
    auto sorted = [&](const std::string& q) {
        auto r = ids(s.search(q));
        std::sort(r.begin(), r.end());
        return r;
    };
    const std::vector<std::string> both{"idn", "puny"};
    CHECK(sorted("site:кирилиця.укр") == both);
    CHECK(sorted("site:xn--h1aaafh2a9b4d.xn--j1amh") == both);
    CHECK(sorted("site:WWW.Кирилиця.УКР") == both);
    CHECK(sorted("site:lviv.example.ua") == std::vector<std::string>{"other"});
    // 01:30 in Kyiv on 1 March is 28 February in UTC; 23:30 EST on 1 March is 2 March in UTC; a
    // date alone stays on its day.
    CHECK(sorted("date:2019-02-28") == std::vector<std::string>{"idn"});
    CHECK(sorted("date:2019-03-01") == std::vector<std::string>{"other"});
    CHECK(sorted("date:2019-03-02") == std::vector<std::string>{"puny"});
}

namespace {

// 300 articles about the harbour in 3 shards: every 3rd also about a crane, every 10th an exact
// copy of article 0 (so 30 articles share one text), every 7th also about dredging.
struct CountIndex {
    test::TempDir dir;
    std::string db = dir / "db";
    CountIndex() {
        IndexOptions options;
        options.shards = 3;
        Indexer indexer(db, options);
        for (int i = 0; i < 300; ++i) {
            std::string body = i % 10 == 0 ? "The harbour opened at dawn." : "The harbour log, entry " + std::to_string(i) + ".";
            if (i % 10 != 0 && i % 3 == 0) body += " A crane was moved.";
            if (i % 10 != 0 && i % 7 == 0) body += " Dredging continued.";
            indexer.add_article(article("n" + std::to_string(i), "Log " + std::to_string(i), body, "2020-01-01"));
        }
        indexer.commit();
    }
};

std::size_t count(Searcher& s, const std::string& query, SearchOptions o = {}) {
    const auto r = s.search(query, o);
    CHECK(r.count.exact);
    CHECK(r.count.lower == r.count.matches);
    CHECK(r.count.upper == r.count.matches);
    CHECK(r.estimated_matches == r.count.matches);
    return r.count.matches;
}

}  // namespace

TEST_CASE("match counts are exact, count copies once, and never change with limit or offset", "[search][count]") {
    CountIndex index;
    Searcher s(index.db);
    // 300 articles, 30 of them one text: 271 hits as listed, 300 with every copy.
    for (std::size_t limit : {0, 1, 2, 10, 500}) {
        for (std::size_t offset : {0, 5, 280, 1000}) {
            INFO("limit " << limit << " offset " << offset);
            SearchOptions o;
            o.limit = limit;
            o.offset = offset;
            CHECK(count(s, "harbour", o) == 271);
            o.collapse_duplicates = false;
            CHECK(count(s, "harbour", o) == 300);
        }
    }
    SearchOptions one;
    one.limit = 1;
    // Crane: multiples of 3 that are not multiples of 10 (100 - 10).
    CHECK(count(s, "crane", one) == 90);
    CHECK(count(s, "harbour -crane", one) == 271 - 90);
    // Multiples of 21 that are not multiples of 10: 15 of them minus 21·10k (0, 210) = 13.
    CHECK(count(s, "crane dredging", one) == 13);
    CHECK(count(s, "\"crane was moved\"", one) == 90);
    SearchOptions by_date = one;
    by_date.sort = SortOrder::date_newest;
    CHECK(count(s, "crane", by_date) == 90);
}

TEST_CASE("beyond count_exactly_up_to the count is an estimate with true bounds", "[search][count]") {
    CountIndex index;
    Searcher s(index.db);
    SearchOptions o;
    o.collapse_duplicates = false;
    o.count_exactly_up_to = 20;
    o.limit = 5;
    // Crane 90, dredging 38 (multiples of 7, less those of 70), both 13: 115.
    const auto r = s.search("crane OR dredging", o);
    CHECK_FALSE(r.count.exact);
    CHECK(r.count.lower <= 115);
    CHECK(r.count.upper >= 115);
    CHECK(r.count.lower <= r.count.matches);
    CHECK(r.count.matches <= r.count.upper);
    o.count_exactly_up_to = 1000;
    CHECK(count(s, "crane OR dredging", o) == 115);
}

TEST_CASE("the OR fallback and loose long queries say which hits hold only some words", "[search][count]") {
    SmallIndex index;
    Searcher s(index.db);
    SearchOptions strict;
    strict.or_fallback = false;
    const auto full = s.search("harbour crane", strict);
    CHECK_FALSE(full.fell_back);
    CHECK_FALSE(full.filled);
    REQUIRE(full.hits.size() == 1);
    CHECK(full.hits[0].all_words);

    // No article has both words: every hit holds some of them, and says so.
    const auto some = s.search("crane zeppelin");
    CHECK(some.fell_back);
    CHECK_FALSE(some.filled);
    CHECK(some.word_match == WordMatch::any);
    REQUIRE(some.hits.size() == 1);
    CHECK(some.count.matches == 1);
    CHECK_FALSE(some.hits[0].all_words);

    // Five words match any of them (a pasted headline): only a holds them all.
    SearchOptions o;
    o.collapse_duplicates = false;
    const auto loose = s.search("harbour crane arrived by barge", o);
    CHECK_FALSE(loose.fell_back);
    REQUIRE(loose.hits.size() == 6);
    for (const auto& hit : loose.hits) {
        INFO(hit.id);
        CHECK(hit.all_words == (hit.id == "a"));
    }
}

TEST_CASE("a short page goes on with articles holding some of the words, after all that hold every one", "[search][count]") {
    SmallIndex index;
    Searcher s(index.db);
    SearchOptions o;
    o.collapse_duplicates = false;
    o.snippets = false;
    // Only a holds "harbour" and "crane": it comes first, then the five other harbour articles,
    // marked; the count stays the count of articles with both words.
    const auto filled = s.search("harbour crane", o);
    CHECK(filled.filled);
    CHECK_FALSE(filled.fell_back);
    CHECK(filled.word_match == WordMatch::all);
    CHECK(filled.count.matches == 1);
    CHECK(filled.count.exact);
    REQUIRE(filled.hits.size() == 6);
    CHECK(filled.hits[0].id == "a");
    CHECK(filled.hits[0].all_words);
    std::set<std::string> rest;
    for (std::size_t i = 1; i < filled.hits.size(); ++i) {
        INFO(filled.hits[i].id);
        CHECK_FALSE(filled.hits[i].all_words);
        CHECK(filled.hits[i].rank == i + 1);
        // An article with every word outweighs any with some: its score is its own, not lifted.
        CHECK(filled.hits[i].score <= filled.hits[0].score + 1000);
        rest.insert(filled.hits[i].id);
    }
    CHECK(rest == std::set<std::string>{"b", "c", "d", "d-copy", "uk"});
    CHECK(filled.hits[0].score < 1000);

    // Pages of the filled list line up: the second page of two starts where the first ended,
    // and the count does not change with the page.
    SearchOptions first = o, second = o;
    first.limit = second.limit = 2;
    second.offset = 2;
    const auto p1 = s.search("harbour crane", first);
    const auto p2 = s.search("harbour crane", second);
    CHECK(ids(p1) == std::vector<std::string>{filled.hits[0].id, filled.hits[1].id});
    CHECK(ids(p2) == std::vector<std::string>{filled.hits[2].id, filled.hits[3].id});
    CHECK_FALSE(p2.hits[0].all_words);
    CHECK(p1.count.matches == 1);
    CHECK(p2.count.matches == 1);

    // A full page of articles with every word is not filled; nor is a date order, where the
    // articles with some words would mix with the others; nor is anything with or_fallback off.
    SearchOptions one = o;
    one.limit = 1;
    const auto full = s.search("harbour crane", one);
    CHECK_FALSE(full.filled);
    CHECK(ids(full) == std::vector<std::string>{"a"});
    SearchOptions by_date = o;
    by_date.sort = SortOrder::date_newest;
    CHECK(ids(s.search("harbour crane", by_date)) == std::vector<std::string>{"a"});
    SearchOptions off = o;
    off.or_fallback = false;
    CHECK(ids(s.search("harbour crane", off)) == std::vector<std::string>{"a"});
    // With copies collapsed, d and its copy are one hit.
    SearchOptions collapsed;
    collapsed.snippets = false;
    const auto once = s.search("harbour crane", collapsed);
    CHECK(once.filled);
    CHECK(once.hits.size() == 5);
}

TEST_CASE("filter values that cannot be right are typed errors naming the option", "[search][filters]") {
    SmallIndex index;
    Searcher s(index.db);
    auto problem = [&](SearchOptions o) -> std::string {
        try {
            s.search("harbour", o);
        } catch (const OptionError& e) {
            CHECK(std::string(e.what()).find("--") == std::string::npos);  // the caller names flags
            return std::string(OptionError::name(e.option())) + ": " + e.problem();
        }
        return "accepted";
    };
    auto since = [](std::string v) { SearchOptions o; o.since = std::move(v); return o; };
    auto until = [](std::string v) { SearchOptions o; o.until = std::move(v); return o; };
    CHECK(problem(since("2018-13")) == "since: 2018-13 is not a date (month 13)");
    CHECK(problem(since("2018-00")) == "since: 2018-00 is not a date (month 0)");
    CHECK(problem(until("2018-02-30")) == "until: 2018-02-30 is not a date (February 2018 has 28 days)");
    CHECK(problem(until("2020-02-30")) == "until: 2020-02-30 is not a date (February 2020 has 29 days)");
    CHECK(problem(until("2020-02-29")) == "accepted");
    CHECK(problem(since("2018/11/18")) == "since: 2018/11/18 is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
    CHECK(problem(since("18")) == "since: 18 is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
    CHECK(problem(since("2019-03-01T10:00:00+02:00")) == "accepted");
    CHECK(problem(since("2019-03-01Tnoon")).find("is not a date") != std::string::npos);
    SearchOptions reversed;
    reversed.since = "2019";
    reversed.until = "2018";
    CHECK(problem(reversed) == "since/until: the range ends (2018) before it starts (2019)");
    reversed.until = "2019";  // one whole year
    CHECK(problem(reversed) == "accepted");

    SearchOptions lang;
    lang.languages = {"de"};
    CHECK(problem(lang) == "languages: de is not a language newsdex tells apart (uk, ru, en, or other for the rest)");
    for (const char* code : {"UK", "uk_UA", "Ukr"}) {
        lang.languages = {code};
        CHECK(ids(s.search("harbour", lang)) == std::vector<std::string>{"uk"});
    }
    lang.languages = {"OTHER"};
    CHECK(ids(s.search("harbour", lang)).empty());

    SearchOptions source;
    source.sources = {"Daily Planet"};
    CHECK(problem(source) == "sources: no source in this index is named like 'Daily Planet'");
}

TEST_CASE("lang: and date: values in a query are checked where they stand", "[search][filters]") {
    SmallIndex index;
    Searcher s(index.db);
    auto column = [&](const std::string& query) -> std::size_t {
        try {
            s.search(query);
        } catch (const QueryError& e) {
            return e.column();
        }
        return 0;
    };
    CHECK(column("harbour lang:xx") == 14);
    CHECK(column("harbour lang:EN") == 0);
    CHECK(column("harbour lang:other") == 0);
    CHECK(column("harbour date:2018-13") == 14);
    CHECK(column("harbour date:2018-02-30") == 14);
    CHECK(column("harbour date:2019..2018") == 14);
    try {
        s.search("harbour lang:xx");
    } catch (const QueryError& e) {
        CHECK(std::string(e.what()) == "lang:xx is not a language newsdex tells apart (uk, ru, en, or other for the rest) at column 14");
    }
}

TEST_CASE("source filters match the start of a name or whole words of it, in any case", "[search][filters]") {
    SmallIndex index;
    Searcher s(index.db);
    SearchOptions o;
    o.collapse_duplicates = false;
    auto found = [&](std::vector<std::string> sources) {
        o.sources = std::move(sources);
        auto r = ids(s.search("harbour", o));
        std::sort(r.begin(), r.end());
        return r;
    };
    CHECK(found({"COAST"}) == std::vector<std::string>{"b"});          // the start of "Coast Post"
    CHECK(found({"post"}) == std::vector<std::string>{"b"});           // a whole word
    CHECK(found({"other wire"}) == std::vector<std::string>{"d-copy"});
    CHECK(found({"wire"}) == std::vector<std::string>{"a", "c", "d", "d-copy", "uk"});
    CHECK(found({"coast", "other"}) == std::vector<std::string>{"b", "d-copy"});
    o.sources = {"ost"};  // inside a word, not its start
    CHECK_THROWS_AS(s.search("harbour", o), OptionError);
}

TEST_CASE("stats list the sources with their counts and the dates published", "[search][stats]") {
    SmallIndex index;
    const IndexStats stats = Searcher(index.db).stats();
    CHECK(stats.documents == 6);
    CHECK(stats.sources == std::map<std::string, std::size_t>{{"Test Wire", 4}, {"Coast Post", 1}, {"Other Wire", 1}});
    CHECK(stats.first_published == "2021-05-01");
    CHECK(stats.last_published == "2023-02-10");
    CHECK(stats.undated == 1);
}
