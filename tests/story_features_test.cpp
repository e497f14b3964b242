// Story clusters, similar articles and facets, through the library and the command line.
#include "story_fixture.h"
#include "test_support.h"

#include "newsdex/experimental.h"
#include "newsdex/indexer.h"
#include "newsdex/schema.h"
#include "newsdex/searcher.h"
#include "newsdex/shards.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

using namespace newsdex;

namespace {

std::vector<Article> story_articles() {
    const auto a = test::story_sentences(11), b = test::story_sentences(22), c = test::story_sentences(33);
    // A follow-up: three sentences of story a and seven new ones. Related, not the same text.
    auto follow_up = test::story_sentences(55, 7);
    follow_up.insert(follow_up.end(), a.begin(), a.begin() + 3);
    auto article = [](std::string id, std::string body, std::string published, std::string source) {
        Article x;
        x.id = std::move(id);
        x.title = "Newsroom report " + x.id;
        x.body = std::move(body);
        x.published = std::move(published);
        x.source = std::move(source);
        x.lang = "en";
        return x;
    };
    return {article("story-a", test::join_story(a), "2021-03-01T09:00:00Z", "Test Wire"),
            article("story-a-2", test::republished(a, 0), "2021-03-02", "Coast Post"),
            article("story-a-3", test::republished(a, 1), "2022-01-05", "Other Wire"),
            article("story-a-copy", test::join_story(a), "2021-03-01", "Test Wire"),
            article("story-b", test::join_story(b), "2022-06-01", "Coast Post"),
            article("story-b-2", test::republished(b, 2), "2022-06-02", "coast  post"),
            article("story-c", test::join_story(follow_up), "2023-01-01", "Test Wire"),
            article("undated", test::join_story(c), "", "")};
}

void index_articles(const std::string& db, const std::vector<Article>& articles, std::size_t shards) {
    IndexOptions options;
    options.shards = shards;
    Indexer indexer(db, options);
    for (const Article& a : articles) indexer.add_article(a);
    indexer.commit();
}

// id → cluster, from a search that lists every copy.
std::map<std::string, std::string> clusters_of(Searcher& searcher) {
    SearchOptions every;
    every.collapse_duplicates = false;
    every.limit = 100;
    std::map<std::string, std::string> cluster;
    for (const Hit& hit : searcher.search("newsroom", every).hits) cluster[hit.id] = hit.cluster;
    return cluster;
}

const std::set<std::string> kStoryA{"story-a", "story-a-2", "story-a-3", "story-a-copy"};

}  // namespace

TEST_CASE("republished versions of a story form one cluster, whatever the order, shards and runs", "[story][cluster]") {
    test::TempDir dir("clusters");
    auto articles = story_articles();
    index_articles(dir / "two-shards", articles, 2);
    std::reverse(articles.begin(), articles.end());
    index_articles(dir / "reversed", articles, 3);
    // Two runs: the second run's articles join the clusters of the first's.
    index_articles(dir / "two-runs", {articles.begin(), articles.begin() + 4}, 1);
    index_articles(dir / "two-runs", {articles.begin() + 4, articles.end()}, 1);

    std::map<std::string, std::string> first;
    for (const char* name : {"two-shards", "reversed", "two-runs"}) {
        INFO(name);
        Searcher searcher(dir / name);
        const auto cluster = clusters_of(searcher);
        REQUIRE(cluster.size() == 8);
        for (const auto& id : kStoryA) CHECK(cluster.at(id) == cluster.at("story-a"));
        CHECK(cluster.at("story-b") == cluster.at("story-b-2"));
        CHECK(cluster.at("story-b") != cluster.at("story-a"));
        CHECK(cluster.at("story-c") != cluster.at("story-a"));
        CHECK(cluster.at("undated") != cluster.at("story-c"));
        if (first.empty()) first = cluster;
        CHECK(cluster == first);  // stable ids

        // Shown once per cluster, with its size; the count still counts articles.
        SearchOptions options;
        options.limit = 100;
        const SearchResults results = searcher.search("newsroom", options);
        REQUIRE(results.hits.size() == 4);
        std::size_t story_a_hits = 0;
        for (const Hit& hit : results.hits) {
            if (!kStoryA.count(hit.id)) continue;
            ++story_a_hits;
            CHECK(hit.cluster_size == 4);
            CHECK(hit.cluster == cluster.at("story-a"));
        }
        CHECK(story_a_hits == 1);
        for (std::size_t i = 0; i < results.hits.size(); ++i) CHECK(results.hits[i].rank == i + 1);
        // Paging counts clusters.
        options.offset = 2;
        options.limit = 2;
        const SearchResults page = searcher.search("newsroom", options);
        REQUIRE(page.hits.size() == 2);
        CHECK(page.hits[0].id == results.hits[2].id);
        CHECK(page.hits[1].id == results.hits[3].id);
    }
}

TEST_CASE("facets count every match by year, month, source and language, adding up to the total", "[story][facets]") {
    test::TempDir dir("facets");
    index_articles(dir / "db", story_articles(), 2);
    Searcher searcher(dir / "db");
    using Buckets = std::vector<std::pair<std::string, std::size_t>>;
    auto buckets = [&](FacetBy by, const SearchOptions& options = {}) {
        const FacetCounts counts = searcher.facets("newsroom", by, options);
        Buckets out;
        std::size_t sum = 0;
        for (const auto& b : counts.buckets) out.emplace_back(b.value, b.count), sum += b.count;
        CHECK(sum == counts.total);
        return out;
    };
    SearchOptions every;
    every.collapse_duplicates = false;
    CHECK(searcher.facets("newsroom", FacetBy::year).total == searcher.search("newsroom", every).count.matches);
    CHECK(buckets(FacetBy::year) == Buckets{{"2021", 3}, {"2022", 3}, {"2023", 1}, {"", 1}});
    CHECK(buckets(FacetBy::month) == Buckets{{"2021-03", 3}, {"2022-01", 1}, {"2022-06", 2}, {"2023-01", 1}, {"", 1}});
    CHECK(buckets(FacetBy::day).front() == std::pair<std::string, std::size_t>{"2021-03-01", 2});
    // "coast  post" is Coast Post spelled otherwise: one source, under its commoner spelling.
    CHECK(buckets(FacetBy::source) == Buckets{{"Coast Post", 3}, {"Test Wire", 3}, {"Other Wire", 1}, {"", 1}});
    const Buckets langs = buckets(FacetBy::lang);  // one language, whichever the made-up words read as
    REQUIRE(langs.size() == 1);
    CHECK(langs[0].second == 8);
    SearchOptions since;
    since.since = "2022";
    CHECK(buckets(FacetBy::year, since) == Buckets{{"2022", 3}, {"2023", 1}});
    CHECK(searcher.facets("nosuchword", FacetBy::year).total == 0);
    CHECK(searcher.facets("nosuchword", FacetBy::year).buckets.empty());
    CHECK_THROWS_AS(searcher.facets("(", FacetBy::year), QueryError);
}

TEST_CASE("similar lists an article's other versions first, then related articles", "[story][similar]") {
    test::TempDir dir("similar");
    index_articles(dir / "db", story_articles(), 2);
    Searcher searcher(dir / "db");
    const auto cluster = clusters_of(searcher);

    const auto collapsed = searcher.similar("story-a");
    REQUIRE(collapsed.has_value());
    REQUIRE(collapsed->hits.size() >= 2);
    CHECK(collapsed->hits[0].cluster == cluster.at("story-a"));
    CHECK(collapsed->hits[0].id != "story-a");
    CHECK(collapsed->hits[0].cluster_size == 4);
    CHECK(collapsed->hits[1].id == "story-c");  // the follow-up shares three sentences
    for (const Hit& hit : collapsed->hits) CHECK(hit.id != "story-a");

    SearchOptions every;
    every.collapse_duplicates = false;
    const auto all = searcher.similar("story-a", every);
    REQUIRE(all.has_value());
    REQUIRE(all->hits.size() >= 4);
    std::set<std::string> first_three;
    for (std::size_t i = 0; i < 3; ++i) first_three.insert(all->hits[i].id);
    CHECK(first_three == std::set<std::string>{"story-a-2", "story-a-3", "story-a-copy"});
    CHECK(all->hits[3].id == "story-c");

    SearchOptions filtered;
    filtered.since = "2022";
    // Kept in a variable: a range-for over ->hits of the returned optional would outlive it.
    const auto since_2022 = searcher.similar("story-a", filtered);
    REQUIRE(since_2022);
    for (const Hit& hit : since_2022->hits) CHECK(hit.published >= "2022");
    CHECK_FALSE(searcher.similar("no-such-id").has_value());
}

TEST_CASE("an index written before sketches and source values is searched, and facets by source say to re-index",
          "[story][compat]") {
    test::TempDir dir("old-index");
    index_articles(dir / "db", story_articles(), 2);
    // What an older newsdex wrote: no source value, no sketch, no band terms.
    for (const auto& shard : shards::read_stub(dir / "db")) {
        Xapian::WritableDatabase db(shard.path);
        std::vector<Xapian::docid> docids;
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) docids.push_back(*it);
        for (const Xapian::docid did : docids) {
            Xapian::Document doc = db.get_document(did);
            for (const unsigned slot : {schema::kSourceSlot, schema::kSketchSlot})
                if (!doc.get_value(slot).empty()) doc.remove_value(slot);
            std::vector<std::string> bands;
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
                if ((*t).rfind(schema::kNearDuplicatePrefix, 0) == 0) bands.push_back(*t);
            for (const auto& t : bands) doc.remove_term(t);
            db.replace_document(did, doc);
        }
        db.commit();
    }
    Searcher searcher(dir / "db");
    SearchOptions options;
    options.limit = 100;
    const SearchResults results = searcher.search("newsroom", options);
    CHECK(results.hits.size() == 7);  // exact copies still collapse
    for (const Hit& hit : results.hits) CHECK(hit.cluster_size == hit.copies);
    CHECK_THROWS_AS(searcher.facets("newsroom", FacetBy::source), NeedsReindexError);
    CHECK(searcher.facets("newsroom", FacetBy::year).total == 8);
    CHECK(searcher.similar("story-a").has_value());
    const auto r = test::run_newsdex("facets --by source --db " + test::shell_quote(dir / "db") + " newsroom");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("re-index") != std::string::npos);
}

TEST_CASE("indexing without sketches writes none and leaves every article out of story clusters", "[story][cluster]") {
    // experimental::TermWeights::sketches exists to measure the sketches' cost: off, nothing of
    // them is written, and search falls back to collapsing exact copies only.
    test::TempDir dir("no-sketches");
    IndexOptions options;
    options.shards = 2;
    experimental::TermWeights no_sketches;
    no_sketches.sketches = false;
    options.weights = std::make_shared<const experimental::TermWeights>(no_sketches);
    {
        Indexer indexer(dir / "db", options);
        for (const Article& a : story_articles()) indexer.add_article(a);
        indexer.commit();
    }
    std::size_t documents = 0;
    const std::string band_prefix(schema::kNearDuplicatePrefix);
    for (const auto& shard : shards::read_stub(dir / "db")) {
        Xapian::Database db(shard.path);
        CHECK(db.allterms_begin(band_prefix) == db.allterms_end(band_prefix));
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it, ++documents)
            CHECK(db.get_document(*it).get_value(schema::kSketchSlot).empty());
    }
    CHECK(documents == 8);
    Searcher searcher(dir / "db");
    SearchOptions every;
    every.limit = 100;
    const SearchResults results = searcher.search("newsroom", every);
    CHECK(results.hits.size() == 7);  // only story-a-copy, an exact copy, is folded into story-a
    for (const Hit& hit : results.hits) CHECK(hit.cluster_size == hit.copies);
}

TEST_CASE("the command line lists clusters, similar articles and facets", "[story][cli]") {
    test::TempDir dir("story-cli");
    index_articles(dir / "db", story_articles(), 2);
    const std::string db = " --db " + test::shell_quote(dir / "db") + " ";

    auto r = test::run_newsdex("facets --json --by year" + db + "newsroom");
    REQUIRE(r.exit_code == 0);
    std::istringstream lines(r.out);
    std::string line;
    std::vector<nlohmann::json> rows;
    while (std::getline(lines, line)) rows.push_back(nlohmann::json::parse(line));
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == nlohmann::json{{"value", "2021"}, {"count", 3}});
    CHECK(rows[3]["value"].is_null());
    r = test::run_newsdex("facets --by source" + db + "newsroom");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Coast Post") != std::string::npos);
    CHECK(r.out.find("\u2588") != std::string::npos);
    CHECK(r.out.find("8 matches") != std::string::npos);
    CHECK(test::run_newsdex("facets --by week" + db + "newsroom").exit_code == 2);
    CHECK(test::run_newsdex("facets" + db + "nosuchword").exit_code == 1);

    r = test::run_newsdex("search --json" + db + "newsroom");
    REQUIRE(r.exit_code == 0);
    std::size_t hits = 0, largest = 0;
    std::istringstream search_lines(r.out);
    while (std::getline(search_lines, line)) {
        const auto j = nlohmann::json::parse(line);
        CHECK(j["cluster"].get<std::string>().size() == 16);
        largest = std::max(largest, j["cluster_size"].get<std::size_t>());
        ++hits;
    }
    CHECK(hits == 4);
    CHECK(largest == 4);
    r = test::run_newsdex("search --all-copies --count" + db + "newsroom");
    CHECK(nlohmann::json::parse(r.out)["matches"] == 8);
    r = test::run_newsdex("search --color never" + db + "newsroom");
    CHECK(r.out.find("other versions of this story") != std::string::npos);

    r = test::run_newsdex("similar --json --limit 2" + db + "story-a");
    REQUIRE(r.exit_code == 0);
    std::istringstream similar_lines(r.out);
    REQUIRE(std::getline(similar_lines, line));
    CHECK(nlohmann::json::parse(line)["cluster_size"] == 4);
    REQUIRE(std::getline(similar_lines, line));
    CHECK(nlohmann::json::parse(line)["id"] == "story-c");
    r = test::run_newsdex("similar" + db + "no-such-id");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("no article with id no-such-id") != std::string::npos);
}
