// The promises the public headers make to a program embedding newsdex (docs/library.md): one base
// for every error, messages free of command-line flags, the version, and the thread-safety and
// lifetime contracts of Indexer and Searcher. Only public headers are used here, as an embedder
// would.
#include "sample_index.h"
#include "test_support.h"

#include "newsdex/compact.h"
#include "newsdex/error.h"
#include "newsdex/indexer.h"
#include "newsdex/searcher.h"
#include "newsdex/suggest.h"
#include "newsdex/version.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

using namespace newsdex;
using newsdex::test::TempDir;

namespace {

static_assert(std::is_base_of_v<std::runtime_error, Error>);
static_assert(std::is_base_of_v<Error, IndexError>);
static_assert(std::is_base_of_v<Error, SearchError>);
static_assert(std::is_base_of_v<Error, QueryError>);
static_assert(std::is_base_of_v<SearchError, OptionError>);
static_assert(std::is_base_of_v<SearchError, NoIndexError>);
static_assert(std::is_base_of_v<SearchError, NeedsReindexError>);

Article article(const std::string& id, const std::string& title, const std::string& body) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.lang = "en";
    a.published = "2024-01-01";
    a.source = "Contract";
    return a;
}

// Indexes @p count articles "doc-0".."doc-N" that share the word "harbour" and differ in others.
void index_articles(const std::string& db, std::size_t first, std::size_t count) {
    Indexer indexer(db);
    for (std::size_t i = first; i < first + count; ++i)
        indexer.add_article(article("doc-" + std::to_string(i), "Harbour report " + std::to_string(i),
                                    "The harbour saw ship number " + std::to_string(i) +
                                        (i % 2 ? " and a storm" : " and calm water") + (i % 3 ? " near the cranes." : ".")));
    indexer.commit();
}

std::vector<std::string> ids_of(const SearchResults& results) {
    std::vector<std::string> ids;
    for (const Hit& hit : results.hits) ids.push_back(hit.id);
    return ids;
}

// What @p f throws, caught as a newsdex::Error; fails the test when it throws nothing or something else.
std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        FAIL("not a newsdex::Error: " << e.what());
    }
    FAIL("nothing thrown");
    return {};
}

}  // namespace

TEST_CASE("every error newsdex reports is a newsdex::Error and names no command-line flag", "[library][errors]") {
    TempDir tmp("contract-errors");
    index_articles(tmp / "db", 0, 3);
    std::ofstream(tmp / "file") << "not an index\n";

    std::vector<std::string> messages;
    messages.push_back(error_of([&] { Searcher searcher(tmp / "missing"); }));
    messages.push_back(error_of([&] { Searcher searcher(tmp / "file"); }));
    messages.push_back(error_of([&] { Indexer indexer(tmp / "file"); }));
    messages.push_back(error_of([&] { Suggester suggester(tmp / "missing"); }));
    messages.push_back(error_of([&] { compact_index(tmp / "missing", tmp / "out"); }));
    Searcher searcher(tmp / "db");
    messages.push_back(error_of([&] { searcher.search("harbour OR"); }));
    messages.push_back(error_of([&] { searcher.search("lang:klingon harbour"); }));
    SearchOptions bad_date;
    bad_date.since = "2018-13";
    messages.push_back(error_of([&] { searcher.search("harbour", bad_date); }));
    SearchOptions bad_source;
    bad_source.sources = {"no such source"};
    messages.push_back(error_of([&] { searcher.search("harbour", bad_source); }));
    SearchOptions bad_language;
    bad_language.languages = {"klingon"};
    messages.push_back(error_of([&] { searcher.search("harbour", bad_language); }));
    messages.push_back(error_of([&] { searcher.facets("harbour", FacetBy::year, bad_date); }));
    messages.push_back(error_of([&] { searcher.similar("doc-0", bad_source); }));
    {
        Indexer writer(tmp / "db");
        messages.push_back(error_of([&] { Indexer second(tmp / "db"); }));
    }
    for (const std::string& message : messages) {
        INFO(message);
        CHECK_FALSE(message.empty());
        CHECK(message.find("--") == std::string::npos);       // no flag
        CHECK(message.find("command") == std::string::npos);  // nor a command to run
    }

    // The kinds stay apart for a caller who cares.
    CHECK_THROWS_AS(searcher.search("harbour OR"), QueryError);
    CHECK_THROWS_AS(searcher.search("harbour", bad_date), OptionError);
    CHECK_THROWS_AS(Searcher(tmp / "missing"), NoIndexError);
    CHECK_THROWS_AS(Indexer(tmp / "file"), IndexError);
}

TEST_CASE("version() is the version the headers name", "[library]") {
    CHECK(std::strcmp(version(), NEWSDEX_VERSION_STRING) == 0);
    CHECK(std::string(NEWSDEX_VERSION_STRING) == std::to_string(NEWSDEX_VERSION_MAJOR) + "." +
                                                     std::to_string(NEWSDEX_VERSION_MINOR) + "." +
                                                     std::to_string(NEWSDEX_VERSION_PATCH));
}

TEST_CASE("Searchers in several threads read one index at once and agree with a single one", "[library][threads]") {
    TempDir tmp("contract-threads");
    index_articles(tmp / "db", 0, 40);
    const std::vector<std::string> queries{"harbour", "storm", "cranes", "calm water", "\"ship number\"", "harbour -storm"};
    std::map<std::string, std::vector<std::string>> expected;
    {
        Searcher alone(tmp / "db");
        SearchOptions options;
        options.limit = 50;
        options.collapse_duplicates = false;  // the articles differ in a word or two: one story otherwise
        for (const auto& q : queries) expected[q] = ids_of(alone.search(q, options));
    }
    REQUIRE(expected["harbour"].size() == 40);
    REQUIRE(expected["storm"].size() == 20);

    std::atomic<int> mismatches{0}, failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            try {
                Searcher mine(tmp / "db");  // one per thread
                SearchOptions options;      // options are values, read by the thread that owns them
                options.limit = 50;
                options.collapse_duplicates = false;
                for (int round = 0; round < 20; ++round) {
                    const std::string& q = queries[static_cast<std::size_t>(round + t) % queries.size()];
                    if (ids_of(mine.search(q, options)) != expected.at(q)) ++mismatches;
                }
                if (mine.stats().documents != 40) ++mismatches;
            } catch (const Error&) {
                ++failures;
            }
        });
    for (auto& thread : threads) thread.join();
    CHECK(mismatches == 0);
    CHECK(failures == 0);
}

TEST_CASE("a Searcher reads the commit it opened until reopen()", "[library][commits]") {
    TempDir tmp("contract-snapshot");
    index_articles(tmp / "db", 0, 5);
    Searcher searcher(tmp / "db");
    REQUIRE(searcher.search("harbour").count.matches == 5);

    index_articles(tmp / "db", 5, 3);  // committed by another Indexer meanwhile
    CHECK(searcher.search("harbour").count.matches == 5);
    CHECK(searcher.facets("harbour", FacetBy::year).total == 5);
    CHECK_FALSE(searcher.find("doc-6").has_value());
    CHECK(searcher.stats().documents == 5);

    searcher.reopen();
    CHECK(searcher.search("harbour").count.matches == 8);
    CHECK(searcher.facets("harbour", FacetBy::year).total == 8);
    REQUIRE(searcher.find("doc-6").has_value());
    CHECK(searcher.find("doc-6")->title == "Harbour report 6");
    CHECK(searcher.stats().documents == 8);
}

TEST_CASE("a Searcher whose commit was overwritten by later ones moves to the latest instead of failing",
          "[library][commits]") {
    TempDir tmp("contract-overwritten");
    // Enough articles for tables of several blocks: a reader then reads blocks it has not cached,
    // which Xapian has reused for later commits (with a few articles it caches every block and
    // never notices).
    constexpr int kArticles = 300;
    auto write_round = [&](int round) {
        Indexer indexer(tmp / "db");
        for (int i = 0; i < kArticles; ++i)
            indexer.add_article(article("doc-" + std::to_string(i), "Harbour report " + std::to_string(i),
                                        "The harbour log, entry " + std::to_string(i) + ", word" + std::to_string(i % 37) +
                                            " and marker" + std::to_string(round) + " of this round."));
        indexer.commit();
    };
    write_round(0);
    Searcher searcher(tmp / "db");
    REQUIRE(searcher.search("marker0").count.matches == kArticles);
    // One Searcher per call that reads, all on the first commit.
    Searcher for_facets(tmp / "db"), for_similar(tmp / "db");
    for (int round = 1; round <= 3; ++round) write_round(round);
    SearchResults results;
    REQUIRE_NOTHROW(results = searcher.search("marker3"));
    // On the latest commit: its text is found and the first round's is gone.
    CHECK(results.count.matches == kArticles);
    CHECK(searcher.search("marker0").count.matches == 0);
    REQUIRE(searcher.find("doc-7").has_value());
    CHECK(searcher.find("doc-7")->body.find("marker3") != std::string::npos);

    FacetCounts years;
    REQUIRE_NOTHROW(years = for_facets.facets("marker3", FacetBy::year));
    CHECK(years.total == kArticles);
    std::optional<SearchResults> like;
    REQUIRE_NOTHROW(like = for_similar.similar("doc-7"));
    REQUIRE(like.has_value());
    CHECK_FALSE(like->hits.empty());
}

TEST_CASE("results, facets, stats and articles stay valid after their Searcher is gone", "[library][lifetime]") {
    TempDir tmp("contract-lifetime");
    index_articles(tmp / "db", 0, 4);
    SearchResults results;
    FacetCounts sources;
    IndexStats stats;
    std::optional<Article> found;
    {
        Searcher searcher(tmp / "db");
        results = searcher.search("storm");
        sources = searcher.facets("storm", FacetBy::source);
        stats = searcher.stats();
        found = searcher.find("doc-1");
    }
    REQUIRE(results.hits.size() == 2);
    for (const Hit& hit : results.hits) {
        CHECK(hit.title.rfind("Harbour report ", 0) == 0);
        CHECK(hit.snippet.find("storm") != std::string::npos);
        CHECK_FALSE(hit.highlights.empty());
    }
    REQUIRE(sources.buckets.size() == 1);
    CHECK(sources.buckets.front().value == "Contract");
    CHECK(sources.buckets.front().count == 2);
    CHECK(stats.documents == 4);
    CHECK(stats.sources.at("Contract") == 4);
    REQUIRE(found.has_value());
    CHECK(found->body.find("storm") != std::string::npos);
}

TEST_CASE("an Indexer's destructor commits what was added and releases the index", "[library][lifetime]") {
    TempDir tmp("contract-destructor");
    index_articles(tmp / "db", 0, 2);
    {
        Indexer indexer(tmp / "db");
        indexer.add_article(article("late", "Late harbour news", "Added and never committed by hand."));
    }
    Searcher searcher(tmp / "db");
    CHECK(searcher.find("late").has_value());
    CHECK(searcher.search("harbour").count.matches == 3);
    CHECK_NOTHROW(Indexer(tmp / "db"));  // the lock went with the first
}

TEST_CASE("one Indexer per index: a second one is refused in another thread too, until the first is gone",
          "[library][threads]") {
    TempDir tmp("contract-lock");
    index_articles(tmp / "db", 0, 2);
    std::optional<Indexer> first(std::in_place, tmp / "db");
    std::string refused;
    std::thread([&] {
        try {
            Indexer second(tmp / "db");
        } catch (const IndexError& e) {
            refused = e.what();
        }
    }).join();
    CHECK(refused.find("is locked") != std::string::npos);
    first.reset();
    std::string after;
    std::thread([&] {
        try {
            index_articles(tmp / "db", 2, 1);
        } catch (const Error& e) {
            after = e.what();
        }
    }).join();
    CHECK(after.empty());
    CHECK(Searcher(tmp / "db").stats().documents == 3);
}

TEST_CASE("a Searcher searches while an Indexer in another thread commits, and sees each commit after reopen()",
          "[library][threads][commits]") {
    TempDir tmp("contract-concurrent");
    index_articles(tmp / "db", 0, 10);
    std::atomic<bool> done{false};
    std::atomic<std::size_t> committed{10};
    std::string writer_error;
    std::thread writer([&] {
        try {
            Indexer indexer(tmp / "db");
            for (std::size_t batch = 0; batch < 10; ++batch) {
                for (std::size_t i = 0; i < 5; ++i) {
                    const std::size_t n = 10 + batch * 5 + i;
                    indexer.add_article(article("doc-" + std::to_string(n), "Harbour report " + std::to_string(n),
                                                "The harbour saw ship number " + std::to_string(n) + "."));
                }
                indexer.commit();
                committed = 10 + (batch + 1) * 5;
            }
        } catch (const Error& e) {
            writer_error = e.what();
        }
        done = true;
    });
    Searcher searcher(tmp / "db");
    std::size_t searches = 0, last = 0;
    bool ordered = true, failed = false;
    while (!done || searches == 0) {
        try {
            const std::size_t before = committed;
            searcher.reopen();
            const std::size_t seen = searcher.search("harbour").count.matches;
            // Never less than was committed before reopening, never going back.
            if (seen < before || seen < last) ordered = false;
            last = seen;
            ++searches;
        } catch (const Error& e) {
            failed = true;
            FAIL_CHECK(e.what());
        }
    }
    writer.join();
    CHECK(writer_error.empty());
    CHECK_FALSE(failed);
    CHECK(ordered);
    searcher.reopen();
    CHECK(searcher.search("harbour").count.matches == 60);
}

TEST_CASE("on_progress and stop_requested run in the thread that called index_source()", "[library][threads]") {
    TempDir tmp("contract-callbacks");
    const std::thread::id caller = std::this_thread::get_id();
    std::atomic<int> progress_calls{0}, elsewhere{0}, stop_polls{0};
    IndexOptions options;
    options.on_progress = [&](const IndexProgress&) {
        ++progress_calls;
        if (std::this_thread::get_id() != caller) ++elsewhere;
    };
    options.stop_requested = [&] {
        ++stop_polls;
        if (std::this_thread::get_id() != caller) ++elsewhere;
        return false;
    };
    Indexer indexer(tmp / "db", options);
    indexer.index_source(newsdex::test::sample_archives().front());
    indexer.commit();
    CHECK(progress_calls > 0);
    CHECK(stop_polls > 0);
    CHECK(elsewhere == 0);
    CHECK(indexer.summary().documents_indexed() > 0);
}
