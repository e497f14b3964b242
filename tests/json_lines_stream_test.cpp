// JSON Lines dumps larger than the member size limit stream through in chunks of whole lines.
#include "test_support.h"

#include "newsdex/indexer.h"
#include "newsdex/searcher.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace newsdex;

TEST_CASE("a JSON Lines file larger than the member limit is indexed whole, line by line", "[ingest]") {
    test::TempDir dir;
    const std::string file = dir / "dump.jsonl";
    const int articles = 6000;
    {
        std::ofstream out(file);
        const std::string filler(3000, 'x');
        for (int i = 0; i < articles; ++i)
            out << R"({"title": "Report number )" << i << R"(", "body": "Observation )" << i << " " << filler << R"("})" << '\n';
    }
    IndexOptions options;
    options.max_member_bytes = 1u << 20;  // far below the file's ~18 MB
    {
        Indexer indexer(dir / "db", options);
        indexer.index_source(file);
        indexer.commit();
        CHECK(indexer.summary().skipped.empty());
        CHECK(indexer.summary().documents_added == static_cast<std::size_t>(articles));
    }
    Searcher searcher(dir / "db");
    CHECK(searcher.stats().documents == static_cast<std::size_t>(articles));
    // Line numbers run on across chunks: the last article is known by its own line.
    const auto hits = searcher.search("title:5999").hits;
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].id == "dump.jsonl#6000");
}
