// Sharded indexes: articles spread over shards written in parallel, one stub listing them,
// stable routing (a re-run replaces, never duplicates), and search over all shards as one index.
#include "newsdex/compact.h"
#include "newsdex/indexer.h"
#include "newsdex/schema.h"
#include "newsdex/searcher.h"
#include "newsdex/shards.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>

using namespace newsdex;

namespace {

IndexOptions with_shards(std::size_t n) {
    IndexOptions o;
    o.shards = n;
    return o;
}

// Ukrainian articles whose bodies inflect one lemma each differently, so that a query form meets
// documents in every shard only if the shards' lemma tables are read together.
void index_articles(const std::string& path, std::size_t count, std::size_t shards) {
    Indexer indexer(path, with_shards(shards));
    static const char* const kForms[] = {"вокзал", "вокзалу", "вокзалом", "вокзалі", "вокзали", "вокзалів"};
    for (std::size_t i = 0; i < count; ++i) {
        Article a;
        a.id = "article-" + std::to_string(i);
        a.lang = "uk";
        a.title = "Новини міста " + std::to_string(i);
        a.body = std::string("Сьогодні біля ") + kForms[i % 6] + " зібралися люди, номер " + std::to_string(i) + ".";
        indexer.add_article(a);
    }
    indexer.commit();
}

std::size_t hits_of(Searcher& s, const std::string& query) {
    SearchOptions o;
    o.limit = 1000;
    o.snippets = false;
    o.collapse_duplicates = false;
    return s.search(query, o).hits.size();
}

}  // namespace

TEST_CASE("a new index is split into the shards asked for, listed in a stub Xapian reads", "[shards]") {
    test::TempDir dir("shards");
    index_articles(dir.str(), 60, 3);
    REQUIRE(shards::is_sharded(dir.str()));
    const auto listed = shards::read_stub(dir.str());
    REQUIRE(listed.size() == 3);
    Xapian::doccount total = 0;
    for (const auto& shard : listed) {
        CHECK_FALSE(shard.remote);
        const Xapian::Database db(shard.path);
        CHECK(db.get_doccount() > 0);  // 60 ids spread over 3 shards: none is left empty
        CHECK(db.get_metadata(std::string(schema::kSchemaVersionKey)) == schema::kSchemaVersion);
        total += db.get_doccount();
    }
    CHECK(total == 60);
    // Xapian's own tools open the directory as one database through the stub.
    CHECK(Xapian::Database(dir.str()).get_doccount() == 60);
}

TEST_CASE("re-indexing a sharded index replaces every article in its own shard", "[shards]") {
    test::TempDir dir("shards-rerun");
    index_articles(dir.str(), 40, 4);
    {
        Indexer again(dir.str(), with_shards(2));  // an existing index keeps its shard count
        CHECK(again.shard_count() == 4);
        for (std::size_t i = 0; i < 40; ++i) {
            Article a;
            a.id = "article-" + std::to_string(i);
            a.lang = "uk";
            a.body = "Оновлений текст " + std::to_string(i);
            again.add_article(a);
        }
        again.commit();
        CHECK(again.summary().documents_updated == 40);
        CHECK(again.summary().documents_added == 0);
    }
    const Xapian::Database db(dir.str());
    CHECK(db.get_doccount() == 40);
    for (std::size_t i = 0; i < 40; ++i) CHECK(db.get_termfreq(schema::id_term("article-" + std::to_string(i))) == 1);
}

TEST_CASE("search over shards reads every shard's lemmas and finds every inflection", "[shards]") {
    test::TempDir dir("shards-search");
    index_articles(dir.str(), 60, 3);
    Searcher s(dir.str());
    CHECK(s.stats().documents == 60);
    // Any form finds all six inflections, wherever the documents holding them went.
    CHECK(hits_of(s, "вокзалами") == 60);
    CHECK(hits_of(s, "вокзал") == 60);
    CHECK(hits_of(s, "\"біля вокзалу\"") == 10);
    CHECK(hits_of(s, "вокзалом NEAR/3 люди") == 60);  // NEAR, unlike a phrase, takes every form
    // Highlights come from the forms table, which is split over the shards too.
    SearchOptions o;
    o.limit = 60;
    std::set<std::u32string> highlighted;
    for (const auto& hit : s.search("вокзал", o).hits) {
        REQUIRE_FALSE(hit.highlights.empty());
        const auto& h = hit.highlights.front();
        highlighted.insert(test::code_points(hit.snippet).substr(h.first, h.second));
    }
    CHECK(highlighted.size() == 6);
    CHECK(s.find("article-17").has_value());
}

TEST_CASE("a plain Xapian index stays one shard", "[shards]") {
    test::TempDir dir("shards-plain");
    index_articles(dir.str(), 5, 1);
    CHECK_FALSE(shards::is_sharded(dir.str()));
    Indexer again(dir.str(), with_shards(4));
    CHECK(again.shard_count() == 1);
}

TEST_CASE("shards left by a run killed before it wrote the stub are taken over", "[shards]") {
    test::TempDir dir("shards-killed");
    for (const char* name : {"shard-00", "shard-01"}) {
        Xapian::WritableDatabase db(dir / name, Xapian::DB_CREATE_OR_OPEN);
        db.set_metadata(std::string(schema::kSchemaVersionKey), std::string(schema::kSchemaVersion));
        db.commit();
    }
    index_articles(dir.str(), 10, 5);
    CHECK(shards::read_stub(dir.str()).size() == 2);
    CHECK(Xapian::Database(dir.str()).get_doccount() == 10);
}

TEST_CASE("an article's shard depends on its id only", "[shards]") {
    // Fixed for good: an index written by one newsdex is updated in place by the next.
    CHECK(shards::shard_of("Qhttps://example.org/a", 1) == 0);
    std::set<std::size_t> used;
    for (int i = 0; i < 100; ++i) {
        const std::string id = schema::id_term("https://example.org/" + std::to_string(i));
        const std::size_t shard = shards::shard_of(id, 4);
        CHECK(shard < 4);
        CHECK(shards::shard_of(id, 4) == shard);
        used.insert(shard);
    }
    CHECK(used.size() == 4);
    CHECK(shards::shard_of("Qabc", 4) == 0);  // FNV-1a 64 of "Qabc" is 0xf26ab914132f2594
    CHECK(shards::shard_of("Qabc", 5) == 4);
}

TEST_CASE("stub files: remote shards are read, bad lines are reported with their number", "[shards]") {
    test::TempDir dir("shards-stub");
    {
        std::ofstream(dir / "XAPIANDB") << "# two machines\nauto shard-00\n\nremote search2.example:33333\n";
    }
    const auto listed = shards::read_stub(dir.str());
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].path == (dir.path() / "shard-00").string());
    CHECK(listed[1].remote);
    CHECK(listed[1].host == "search2.example");
    CHECK(listed[1].port == 33333);
    // Writing into a remote shard is that machine's job.
    CHECK_THROWS_WITH(Indexer(dir.str()), Catch::Contains("remote shard search2.example:33333"));

    { std::ofstream(dir / "XAPIANDB") << "auto shard-00\nremote nohost\n"; }
    CHECK_THROWS_WITH(shards::read_stub(dir.str()), Catch::Contains("line 2") && Catch::Contains("HOST:PORT"));
    { std::ofstream(dir / "XAPIANDB") << "flint old\n"; }
    CHECK_THROWS_WITH(shards::read_stub(dir.str()), Catch::Contains("line 1") && Catch::Contains("unknown database type"));
    CHECK_THROWS_WITH(Searcher(dir.str()), Catch::Contains("unknown database type"));
}

TEST_CASE("a shard another writer holds makes indexing fail with a clear error", "[shards]") {
    test::TempDir dir("shards-locked");
    index_articles(dir.str(), 6, 2);
    Xapian::WritableDatabase holder(dir / "shard-01", Xapian::DB_OPEN);
    CHECK_THROWS_WITH(Indexer(dir.str()), Catch::Contains("shard-01") && Catch::Contains("locked"));
}

TEST_CASE("compacting merges the shards and their lemma tables, or keeps the shards", "[shards][compact]") {
    test::TempDir dir("shards-compact");
    const std::string source = dir / "sharded";
    index_articles(source, 60, 3);

    compact_index(source, dir / "merged");
    CHECK_FALSE(shards::is_sharded(dir / "merged"));
    const Xapian::Database merged(dir / "merged");
    CHECK(merged.get_doccount() == 60);
    // Each shard listed only the forms it indexed under the lemma; the merged row has them all.
    std::set<std::string> union_of_shards;
    for (const auto& shard : shards::read_stub(source))
        for (const auto& form : schema::split_lines(Xapian::Database(shard.path).get_metadata(schema::forms_key("вокзал", schema::LemmaKeys::compact))))
            union_of_shards.insert(form);
    const auto merged_forms = schema::split_lines(merged.get_metadata(schema::forms_key("вокзал", schema::LemmaKeys::compact)));
    CHECK(std::set<std::string>(merged_forms.begin(), merged_forms.end()) == union_of_shards);
    CHECK(union_of_shards.size() >= 6);
    Searcher s(dir / "merged");
    CHECK(hits_of(s, "вокзалами") == 60);
    // The lemma-term layout (a lemma term only where the form differs) survives the merge once.
    CHECK(merged.get_metadata(std::string(schema::kLemmaTermsKey)) == schema::kLemmaTermsDiffering);
    CHECK(hits_of(s, "вокзал") == 60);

    compact_index(source, dir / "kept", {.keep_shards = true});
    CHECK(shards::read_stub(dir / "kept").size() == 3);
    CHECK(Xapian::Database(dir / "kept").get_doccount() == 60);
    {
        Indexer more(dir / "kept");  // a compacted sharded index can still be written in parallel
        CHECK(more.shard_count() == 3);
    }

    CHECK_THROWS_WITH(compact_index(source, dir / "merged"), Catch::Contains("already exists"));
    CHECK_THROWS_WITH(compact_index(dir / "missing", dir / "out"), Catch::Contains("no index at"));
}

TEST_CASE("a shard commits early when its uncommitted articles would outgrow the memory budget", "[shards][memory]") {
    // 24 long articles of 100 KB each: 2.4 MB of text, against a budget that leaves 1 MB of text
    // per shard (the floor), with commits by count far away.
    const std::string paragraph = "Долгий репортаж о переговорах в столице, абзац за абзацем. ";
    std::string body;
    while (body.size() < 100 * 1024) body += paragraph;
    const auto index_with = [&](std::uint64_t memory) {
        test::TempDir dir("memory");
        IndexOptions o = with_shards(2);
        o.commit_every = 1000000;
        o.checkpoint_seconds = 0;
        o.memory_bytes = memory;
        Indexer indexer(dir / "db", o);
        for (int i = 0; i < 24; ++i) {
            Article a;
            a.id = "long-" + std::to_string(i);
            a.title = "Репортаж " + std::to_string(i);
            a.body = body;
            a.lang = "ru";
            indexer.add_article(std::move(a));
        }
        indexer.summary();  // everything queued is written, nothing committed on purpose
        const auto committed = Xapian::Database(dir / "db").get_doccount();
        indexer.commit();
        CHECK(Xapian::Database(dir / "db").get_doccount() == 24);
        return committed;
    };
    const auto tight = index_with(IndexOptions::kMemoryReserve + 1);
    CHECK(tight >= 10);  // a shard commits once it holds 1 MB of text (about 10 of these)
    CHECK(tight < 24);   // but not after every article
    CHECK(index_with(std::uint64_t{8} << 30) == 0);
}

TEST_CASE("when one shard is due to commit, every shard commits with it", "[shards][commit]") {
    // A shard committing on its own stalls the others (the reader waits for room in its queue),
    // so the indexer commits them all at once. Observable: what a reader sees once the first
    // shard reaches its commit size is every article pushed so far, not that shard's alone.
    constexpr std::size_t kShards = 3;
    constexpr std::size_t kCommitEvery = 4;
    test::TempDir dir("commit-together");
    IndexOptions o = with_shards(kShards);
    o.commit_every = kCommitEvery;
    o.checkpoint_seconds = 0;
    o.checkpoint_every = 1000000;
    Indexer indexer(dir / "db", o);
    std::vector<std::size_t> per_shard(kShards, 0);
    std::size_t pushed = 0;
    while (*std::max_element(per_shard.begin(), per_shard.end()) < kCommitEvery) {
        Article a;
        a.id = "together-" + std::to_string(pushed);
        a.title = "Заголовок " + std::to_string(pushed);
        a.body = "Короткая заметка о заседании городского совета.";
        a.lang = "ru";
        ++per_shard[shards::shard_of(schema::id_term(a.id), kShards)];
        indexer.add_article(std::move(a));
        ++pushed;
    }
    REQUIRE(pushed > kCommitEvery);  // the other shards hold articles too
    indexer.summary();                // written, not committed
    CHECK(Xapian::Database(dir / "db").get_doccount() == pushed);

    // The next articles stay uncommitted until a shard is due again or commit() is called.
    for (int i = 0; i < 2; ++i) {
        Article a;
        a.id = "later-" + std::to_string(i);
        a.body = "Ещё одна заметка.";
        a.lang = "ru";
        indexer.add_article(std::move(a));
    }
    indexer.summary();
    CHECK(Xapian::Database(dir / "db").get_doccount() == pushed);
    indexer.commit();
    CHECK(Xapian::Database(dir / "db").get_doccount() == pushed + 2);
}
