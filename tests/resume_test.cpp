// Resuming an interrupted run: checkpoints record how far into each file the committed index
// got, and a later run over the same unchanged file passes over what is already there.
#include "file_checkpoint.h"
#include "newsdex/indexer.h"
#include "newsdex/searcher.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <filesystem>
#include <fstream>

using namespace newsdex;

namespace {

constexpr int kArticles = 300;

// JSON Lines read in chunks of at most 64 KB (max_member_bytes / 2): about 55 articles a chunk,
// six chunks in all.
IndexOptions small_chunks() {
    IndexOptions o;
    o.max_member_bytes = 128 * 1024;
    o.checkpoint_every = 50;
    o.shards = 2;
    return o;
}

void write_dump(const std::string& path) {
    std::ofstream out(path);
    std::string filler;
    for (int k = 0; k < 25; ++k) filler += "Words that fill the article. ";
    for (int i = 0; i < kArticles; ++i)
        out << R"({"id": "r)" << i << R"(", "title": "Resumed article )" << i << R"(", "body": "Text number )" << i
            << ". " << filler << R"("})" << "\n";
}

// The first shard's checkpoint rows, as (key, value).
std::vector<std::pair<std::string, std::string>> checkpoints(const std::string& db) {
    Xapian::Database first(db + "/shard-00");
    std::vector<std::pair<std::string, std::string>> rows;
    for (auto it = first.metadata_keys_begin("newsdex.file:"); it != first.metadata_keys_end("newsdex.file:"); ++it)
        rows.emplace_back(*it, first.get_metadata(*it));
    return rows;
}

}  // namespace

TEST_CASE("a run resumes after the last checkpoint of a file it did not finish", "[resume]") {
    test::TempDir dir("resume");
    const std::string dump = dir / "dump.jsonl";
    const std::string db = dir / "db";
    write_dump(dump);
    {
        Indexer indexer(db, small_chunks());
        indexer.index_source(dump);
        indexer.commit();
        CHECK(indexer.summary().documents_added == kArticles);
    }
    auto rows = checkpoints(db);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].second.find(" complete ") != std::string::npos);
    CHECK(rows[0].second.find(std::filesystem::weakly_canonical(dump).string()) != std::string::npos);

    // As if the run had been killed after a checkpoint at line 82: rewrite the row so.
    {
        auto record = FileCheckpoint::decode(rows[0].second);
        REQUIRE(record);
        record->complete = false;
        record->position = ReadPosition{{1}, 82};
        Xapian::WritableDatabase first(db + "/shard-00");
        first.set_metadata(rows[0].first, record->encode(dump));
        first.commit();
    }
    // Resumed with other chunk sizes than the first run's: the position is a line, not a chunk.
    IndexOptions other = small_chunks();
    other.max_member_bytes = 40 * 1024;
    Indexer again(db, other);
    again.index_source(dump);
    again.commit();
    const IndexSummary& s = again.summary();
    CHECK(s.members_resumed == 82);
    CHECK(s.documents_added == 0);  // nothing was lost
    CHECK(s.documents_updated == kArticles - 82);
    CHECK(Searcher(db).stats().documents == kArticles);
    CHECK(checkpoints(db)[0].second.find(" complete ") != std::string::npos);
}

TEST_CASE("a changed file is read again from its start", "[resume]") {
    test::TempDir dir("resume-changed");
    const std::string dump = dir / "dump.jsonl";
    const std::string db = dir / "db";
    write_dump(dump);
    {
        Indexer indexer(db, small_chunks());
        indexer.index_source(dump);
    }  // the destructor's final commit records nothing: only commit() and checkpoints do
    {
        std::ofstream(dump, std::ios::app) << R"({"id": "late", "title": "Added later", "body": "A new line."})" << "\n";
    }
    Indexer again(db, small_chunks());
    again.index_source(dump);
    again.commit();
    CHECK(again.summary().files_resumed == 0);
    CHECK(again.summary().members_resumed == 0);
    CHECK(again.summary().documents_added == 1);
    CHECK(Searcher(db).stats().documents == kArticles + 1);
}
