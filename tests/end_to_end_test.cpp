// The whole pipeline on the sample corpus: archives → extraction → analysis → index → search.
#include "sample_index.h"
#include "test_support.h"

#include "newsdex/indexer.h"
#include "newsdex/searcher.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace newsdex;
using newsdex::test::sample_archives;
using newsdex::test::sample_index;

namespace {

std::vector<std::string> urls(const SearchResults& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.url);
    return out;
}

bool ends_with(const std::string& s, const std::string& tail) {
    std::string t = s;
    while (!t.empty() && t.back() == '/') t.pop_back();
    if (t.size() >= 5 && t.compare(t.size() - 5, 5, ".html") == 0) t.resize(t.size() - 5);
    return t.size() >= tail.size() && t.compare(t.size() - tail.size(), tail.size(), tail) == 0;
}

std::string first_url(const std::string& query) {
    Searcher searcher(sample_index());
    const auto r = searcher.search(query);
    return r.hits.empty() ? std::string("(no hits)") : r.hits.front().url;
}

bool any_ends_with(const std::vector<std::string>& list, const std::string& slug) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& u) { return ends_with(u, slug); });
}

}  // namespace

TEST_CASE("the sample corpus is indexed whole, in three languages", "[e2e]") {
    Searcher searcher(sample_index());
    const IndexStats stats = searcher.stats();
    CHECK(stats.documents == 69);
    CHECK(stats.languages.at("uk") == 23);
    CHECK(stats.languages.at("ru") == 22);
    CHECK(stats.languages.at("en") == 24);
    CHECK(stats.size_bytes > 0);
}

TEST_CASE("indexing the same sources twice leaves the document count unchanged", "[e2e]") {
    test::TempDir dir;
    const std::string db = dir / "db";
    for (int run = 0; run < 3; ++run) {
        IndexOptions options;
        options.resume = run != 1;  // run 1 reads everything again; run 2 resumes
        Indexer indexer(db, options);
        for (const auto& archive : sample_archives()) indexer.index_source(archive);
        indexer.commit();
        CHECK(indexer.summary().skipped.empty());
        if (run < 2) {
            CHECK(indexer.summary().documents_indexed() == 69);
            CHECK(indexer.summary().documents_added == (run == 0 ? 69u : 0u));
        } else {
            // Both archives were finished and recorded: nothing is read again.
            CHECK(indexer.summary().files_resumed == sample_archives().size());
            CHECK(indexer.summary().documents_indexed() == 0);
        }
    }
    CHECK(Searcher(db).stats().documents == 69);
}

TEST_CASE("known queries find their article first, in every inflected form", "[e2e]") {
    struct Case {
        const char* query;
        const char* slug;
    };
    // Query forms that differ from every form in the articles themselves.
    const Case cases[] = {
        {"Кушніруком", "odesa-zernovi-perehovory"},
        {"Львова турніру", "lviv-shakhovyi-turnir"},
        {"Скілур драхмою", "vystavka-antychnykh-monet"},
        {"Тимошевский", "odessa-zernovye-peregovory"},
        {"Костышина турнире", "lvov-shakhmatnyi-turnir"},
        {"елка Старогорске", "snegopad-starogorsk"},
        {"hosepipe", "eastmere-hosepipe-ban"},
        {"Strathbrae sleeper", "night-train-strathbrae"},
        {"flightless beetles", "carpathian-beetle-species"},
    };
    for (const auto& c : cases) {
        INFO(c.query);
        CHECK(ends_with(first_url(c.query), c.slug));
    }
}

TEST_CASE("a phrase matches only adjacent words", "[e2e]") {
    Searcher searcher(sample_index());
    struct Trap {
        const char* words;
        const char* adjacent;
        const char* apart;
    };
    const Trap traps[] = {
        {"нічний потяг", "nichnyi-potiah-vorokhta", "dniprovskyi-marafon"},
        {"night train", "night-train-strathbrae", "bramwell-marathon"},
        {"ночной поезд", "nochnoi-poezd-morskaya-zvezda", "polesskiy-marafon"},
    };
    for (const auto& t : traps) {
        INFO(t.words);
        const auto loose = urls(searcher.search(t.words));
        CHECK(any_ends_with(loose, t.adjacent));
        CHECK(any_ends_with(loose, t.apart));
        const auto phrase = urls(searcher.search(std::string("\"") + t.words + "\""));
        CHECK(any_ends_with(phrase, t.adjacent));
        CHECK_FALSE(any_ends_with(phrase, t.apart));
    }
}

TEST_CASE("NOT and minus exclude", "[e2e]") {
    Searcher searcher(sample_index());
    const auto all = urls(searcher.search("потяг"));
    REQUIRE(any_ends_with(all, "nichnyi-potiah-vorokhta"));
    REQUIRE(any_ends_with(all, "dniprovskyi-marafon"));
    for (const char* q : {"потяг NOT Ворохта", "потяг -Ворохта"}) {
        INFO(q);
        const auto rest = urls(searcher.search(q));
        CHECK_FALSE(any_ends_with(rest, "nichnyi-potiah-vorokhta"));
        CHECK(any_ends_with(rest, "dniprovskyi-marafon"));
    }
}

TEST_CASE("OR unites", "[e2e]") {
    Searcher searcher(sample_index());
    const auto r = urls(searcher.search("hosepipe OR Тимошевский"));
    CHECK(r.size() == 2);
    CHECK(any_ends_with(r, "eastmere-hosepipe-ban"));
    CHECK(any_ends_with(r, "odessa-zernovye-peregovory"));
}

TEST_CASE("snippets highlight the matched forms", "[e2e]") {
    Searcher searcher(sample_index());
    const auto r = searcher.search("переговорам");
    REQUIRE(!r.hits.empty());
    for (const auto& hit : r.hits) {
        INFO(hit.url);
        REQUIRE(!hit.highlights.empty());
        // Highlights are code-point offsets: decode and check each marks a form of the word.
        const std::u32string cps = test::code_points(hit.snippet);
        for (auto [b, e] : hit.highlights) {
            REQUIRE(b < e);
            REQUIRE(e <= cps.size());
            std::u32string word = cps.substr(b, e - b);
            // Every highlighted word starts with "переговор" (either case).
            const std::u32string stem = U"ереговор";
            CHECK((word[0] == U'п' || word[0] == U'П'));
            CHECK(word.substr(1, stem.size()) == stem);
        }
    }
}

TEST_CASE("paging returns the following hits", "[e2e]") {
    Searcher searcher(sample_index());
    SearchOptions first_page, second_page;
    first_page.limit = 2;
    second_page.limit = 2;
    second_page.offset = 2;
    const auto all = searcher.search("переговори OR переговоры OR talks");
    const auto p1 = searcher.search("переговори OR переговоры OR talks", first_page);
    const auto p2 = searcher.search("переговори OR переговоры OR talks", second_page);
    REQUIRE(all.hits.size() >= 4);
    REQUIRE(p1.hits.size() == 2);
    REQUIRE(p2.hits.size() == 2);
    CHECK(p1.hits[0].id == all.hits[0].id);
    CHECK(p2.hits[0].id == all.hits[2].id);
    CHECK(p2.hits[0].rank == 3);
}

TEST_CASE("NEAR finds words close together in any inflected form", "[e2e]") {
    Searcher searcher(sample_index());
    const auto near = urls(searcher.search("night NEAR/2 train"));
    CHECK(any_ends_with(near, "night-train-strathbrae"));
    CHECK_FALSE(any_ends_with(near, "bramwell-marathon"));
    // A quoted phrase inside NEAR joins word by word.
    CHECK(any_ends_with(urls(searcher.search("London NEAR/6 \"night train\"")), "night-train-strathbrae"));
    // Inflected: «потягом» is not in the corpus, «потяг» is.
    CHECK(any_ends_with(urls(searcher.search("нічним NEAR/1 потягом")), "nichnyi-potiah-vorokhta"));
}

TEST_CASE("snippets highlight inflected matches in all three languages", "[e2e]") {
    Searcher searcher(sample_index());
    struct Case {
        const char* query;
        const char* slug;
        const char* highlighted;  // a form that is in the article but not in the query
    };
    const Case cases[] = {
        {"турніру Львова", "lviv-shakhovyi-turnir", "турнір"},
        {"Костышина", "lvov-shakhmatnyi-turnir", "Костышин"},
        {"beetles", "carpathian-beetle-species", "beetle"},
    };
    for (const auto& c : cases) {
        INFO(c.query);
        const auto r = searcher.search(c.query);
        REQUIRE(!r.hits.empty());
        const Hit& hit = r.hits.front();
        CHECK(ends_with(hit.url, c.slug));
        REQUIRE(!hit.highlights.empty());
        // Highlights are code points: compare each marked word in UTF-32.
        bool found = false;
        const std::u32string cps = test::code_points(hit.snippet);
        const std::u32string wanted = test::code_points(c.highlighted);
        for (auto [b, e] : hit.highlights) found |= cps.substr(b, e - b) == wanted;
        CHECK(found);
    }
}

TEST_CASE("site:, source: and title: fields narrow the search", "[e2e]") {
    Searcher searcher(sample_index());
    const auto site = urls(searcher.search("site:www.kyiv-novyny.example"));
    REQUIRE(!site.empty());
    for (const auto& u : site) CHECK(u.find("kyiv-novyny.example") != std::string::npos);
    const auto src = searcher.search("source:\"Невский курьер\"");
    REQUIRE(!src.hits.empty());
    for (const auto& h : src.hits) CHECK(h.source == "Невский курьер");
    CHECK(ends_with(first_url("title:Strathbrae"), "night-train-strathbrae"));
    CHECK(searcher.search("title:(dinner pupils)").hits.size() <= 1);
}
