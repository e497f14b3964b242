// Indexing that loses nothing and always ends: damaged and hostile files, interruptions,
// concurrent writers and bad index paths (docs/reliability.md).
#include "archive_fixture.h"
#include "file_checkpoint.h"
#include "file_fingerprint.h"
#include "newsdex/indexer.h"
#include "read_position.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <atomic>

using namespace newsdex;
namespace fs = std::filesystem;

namespace {

std::string json_lines(int count, const std::string& prefix = "t") {
    std::ostringstream out;
    for (int i = 0; i < count; ++i)
        out << R"({"id": ")" << prefix << i << R"(", "title": "Line )" << i << R"(", "body": "Body of article number )" << i
            << R"( in a dump that a download cut short."})" << "\n";
    return out.str();
}

void write_gzip(const std::string& path, const std::string& data) {
    testing::write_archive(path, {"gz", "raw", testing::Filter::gzip}, {{"data", data}});
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

Xapian::doccount documents(const std::string& db) { return Xapian::Database(db).get_doccount(); }

IndexOptions one_shard() {
    IndexOptions o;
    o.shards = 1;
    return o;
}

}  // namespace

TEST_CASE("read positions name entries and lines, whatever the options", "[reliability][resume]") {
    const ReadPosition p{{3, 17}, 1200};
    CHECK(p.encode() == "3/17:1200");
    CHECK(ReadPosition::decode("3/17:1200")->entries == p.entries);
    CHECK(ReadPosition::decode("3/17:1200")->line == 1200);
    CHECK(ReadPosition::decode("4")->line == ReadPosition::kWholeEntry);
    CHECK_FALSE(ReadPosition::decode("3/x"));
    CHECK_FALSE(ReadPosition::decode("0"));
    CHECK_FALSE(ReadPosition::decode(""));

    CHECK(entry_done({2}, p));
    CHECK(entry_done({3, 16}, p));
    CHECK_FALSE(entry_done({3, 17}, p));  // read up to a line of it: the rest is not done
    CHECK_FALSE(entry_done({3}, p));      // the archive holding it
    CHECK_FALSE(entry_done({3, 18}, p));
    CHECK(entry_done({3, 17}, ReadPosition{{3, 17}, ReadPosition::kWholeEntry}));
    CHECK(resumes_inside({3}, p));
    CHECK(resumes_inside({3, 17}, p));
    CHECK_FALSE(resumes_inside({3, 18}, p));
}

TEST_CASE("a checkpoint record is used only for the same content under compatible options", "[reliability][resume]") {
    FileCheckpoint c;
    c.fingerprint = "100-00000000000000ab";
    c.position = ReadPosition{{1}, 82};
    c.limits = 7;
    c.extraction = 9;
    const auto back = FileCheckpoint::decode(c.encode("/dump.jsonl"));
    REQUIRE(back);
    CHECK(back->position->encode() == "1:82");
    CHECK_FALSE(back->complete);
    CHECK_FALSE(FileCheckpoint::decode("100 1700000000 3 partial\n/dump.jsonl"));  // an older format: read again

    CHECK(plan_resume(c, c.fingerprint, 7, 9).resume_after->encode() == "1:82");
    CHECK_FALSE(plan_resume(c, "100-00000000000000ac", 7, 9).resume_after);  // other content
    CHECK_FALSE(plan_resume(c, c.fingerprint, 7, 10).resume_after);          // other JSON fields
    CHECK(plan_resume(c, c.fingerprint, 8, 9).resume_after);                 // limits met nothing
    c.limited = true;
    CHECK_FALSE(plan_resume(c, c.fingerprint, 8, 9).resume_after);  // a member skipped by a limit
    c.complete = true;
    CHECK(plan_resume(c, c.fingerprint, 7, 9).skip);
    CHECK_FALSE(plan_resume(c, c.fingerprint, 8, 9).skip);
}

TEST_CASE("a file's fingerprint follows its content, not its time", "[reliability][resume]") {
    test::TempDir dir("fingerprint");
    const std::string a = dir / "a.jsonl", b = dir / "b.jsonl";
    const std::string data = json_lines(5000);
    std::ofstream(a) << data;
    std::ofstream(b) << data;
    CHECK(!file_fingerprint(a).empty());
    CHECK(file_fingerprint(a) == file_fingerprint(b));  // a copy
    std::string changed = data;
    changed[changed.size() - 10] = 'X';  // the same size, the last block differs
    std::ofstream(b) << changed;
    CHECK(file_fingerprint(a) != file_fingerprint(b));
    CHECK(file_fingerprint(dir / "missing").empty());
}

TEST_CASE("a truncated .jsonl.gz gives every complete line, is retried, and a good copy replaces it",
          "[reliability][resume]") {
    test::TempDir dir("truncated");
    const std::string dump = dir / "dump.jsonl.gz";
    const std::string db = dir / "db";
    const std::string full = json_lines(300);
    write_gzip(dump, full);
    const std::string whole = read_file(dump);
    std::ofstream(dump, std::ios::binary | std::ios::trunc) << whole.substr(0, whole.size() * 6 / 10);

    IndexSummary s1;
    {
        Indexer first(db, one_shard());
        first.index_source(dump);
        first.commit();
        s1 = first.summary();
    }
    INFO("indexed from the cut file: " << s1.documents_added);
    CHECK(s1.documents_added > 100);
    CHECK(s1.documents_added < 300);
    REQUIRE(s1.skipped.size() == 1);
    CHECK(s1.skipped[0].reason == "corrupt archive");
    CHECK(s1.skipped[0].detail.find("at line " + std::to_string(s1.documents_added + 1)) != std::string::npos);
    REQUIRE(s1.files_to_retry.size() == 1);

    {   // The same command again: not "finished", the good part passed over, the failure reported again.
        Indexer again(db, one_shard());
        again.index_source(dump);
        again.commit();
        CHECK(again.summary().files_resumed == 0);
        CHECK(again.summary().members_resumed == s1.documents_added);
        CHECK(again.summary().documents_indexed() == 0);
        CHECK(again.summary().skipped.size() == 1);
    }
    CHECK(documents(db) == s1.documents_added);

    // The download finished: a good copy under the same name is read, whatever the earlier record.
    write_gzip(dump, full);
    Indexer replaced(db, one_shard());
    replaced.index_source(dump);
    replaced.commit();
    CHECK(replaced.summary().skipped.empty());
    CHECK(replaced.summary().files_to_retry.empty());
    CHECK(documents(db) == 300);
}

TEST_CASE("a damaged file is never recorded as finished", "[reliability][resume]") {
    test::TempDir dir("damaged");
    const std::string bad = dir / "bad.gz";
    std::ofstream(bad, std::ios::binary) << std::string("\x1f\x8b\x08\x00garbage that is no deflate stream at all", 44);
    const std::string db = dir / "db";
    std::ofstream(dir / "good.json") << R"({"id": "g", "title": "Good", "body": "A good article."})";
    for (int run = 0; run < 2; ++run) {
        Indexer indexer(db, one_shard());
        indexer.index_source(dir / "bad.gz");
        indexer.index_source(dir / "good.json");
        indexer.commit();
        CHECK(indexer.summary().files_resumed == static_cast<std::size_t>(run));  // only good.json resumes
        REQUIRE(indexer.summary().skipped.size() == 1);
        CHECK(indexer.summary().files_to_retry.size() == 1);
    }
}

TEST_CASE("a stop request ends reading, keeps what was handed on, and the next run resumes exactly",
          "[reliability][resume]") {
    test::TempDir dir("stop");
    const std::string dump = dir / "dump.jsonl";
    const std::string db = dir / "db";
    constexpr int kLines = 4000;  // about 400 KB: several 64 KB reads
    std::ofstream(dump) << json_lines(kLines);
    IndexOptions o = one_shard();
    o.max_member_bytes = 64 * 1024;  // chunks of at most 32 KB
    bool stop = false;
    o.on_progress = [&stop](const IndexProgress& p) { stop = stop || p.articles >= 1000; };
    o.stop_requested = [&stop] { return stop; };
    std::size_t first_run = 0;
    {
        Indexer indexer(db, o);
        indexer.index_source(dump);
        indexer.commit();
        CHECK(indexer.summary().interrupted);
        first_run = indexer.summary().documents_added;
        CHECK(first_run > 0);
        CHECK(first_run < kLines);
    }
    CHECK(documents(db) == first_run);
    IndexOptions again = one_shard();
    Indexer rest(db, again);
    rest.index_source(dump);
    rest.commit();
    CHECK_FALSE(rest.summary().interrupted);
    CHECK(rest.summary().members_resumed == first_run);
    CHECK(rest.summary().documents_added == kLines - first_run);
    CHECK(rest.summary().documents_updated == 0);
}

TEST_CASE("hostile inputs end with a reason: bombs, slow members, archives inside themselves", "[reliability]") {
    test::TempDir dir("hostile");
    SECTION("a decompression bomb") {
        // Not zeros: libarchive reads a run of zero bytes as an empty tar archive.
        write_gzip(dir / "zeros.gz", std::string(80u << 20, 'a'));
        IndexOptions o = one_shard();
        o.max_member_bytes = 1u << 30;
        o.max_ratio = 100;
        Indexer indexer(dir / "db", o);
        indexer.index_source(dir / "zeros.gz");
        REQUIRE(indexer.summary().skipped.size() == 1);
        CHECK(indexer.summary().skipped[0].reason == "decompression bomb");
    }
    SECTION("a member over its time budget") {
        std::ofstream(dir / "slow.jsonl") << json_lines(10);
        IndexOptions o = one_shard();
        o.max_member_seconds = 1e-9;
        Indexer indexer(dir / "db", o);
        indexer.index_source(dir / "slow.jsonl");
        REQUIRE(indexer.summary().skipped.size() == 1);
        CHECK(indexer.summary().skipped[0].reason == "timed out");
        CHECK(indexer.summary().files_to_retry.size() == 1);
    }
}

TEST_CASE("one writer per index: a second one gets a clear 'locked' error", "[reliability]") {
    test::TempDir dir("lock");
    const std::string db = dir / "db";
    Indexer first(db, one_shard());
    try {
        Indexer second(db, one_shard());
        FAIL("a second writer opened the index");
    } catch (const IndexError& e) {
        CHECK(std::string(e.what()).find("is locked") != std::string::npos);
    }
}

TEST_CASE("bad index paths are refused, and a failed first run leaves nothing behind", "[reliability]") {
    test::TempDir dir("paths");
    std::ofstream(dir / "file") << "not an index";
    CHECK_THROWS_WITH(Indexer(dir / "file"), Catch::Contains("is a file, not an index directory"));
    fs::create_directories(dir / "home");
    std::ofstream(dir / "home/notes.txt") << "mine";
    CHECK_THROWS_WITH(Indexer(dir / "home"), Catch::Contains("holds no newsdex index (it has notes.txt)"));
    CHECK(fs::exists(dir / "home/notes.txt"));

    {
        IndexOptions o;
        o.shards = 2;
        Indexer indexer(dir / "new", o);
        indexer.index_source(dir / "missing.jsonl");
    }
    CHECK_FALSE(fs::exists(dir / "new"));
    fs::create_directories(dir / "empty");
    {
        IndexOptions o;
        o.shards = 2;
        Indexer indexer(dir / "empty", o);
    }
    CHECK(fs::is_empty(dir / "empty"));
}

TEST_CASE("reading stuck inside the archive library is given up on, recorded, and passed over by the next run",
          "[reliability][resume]") {
    test::TempDir dir("stall");
    testing::write_archive(dir / "inner.zip", {"zip", "zip"}, {{"b.json", R"({"id": "b", "title": "B", "body": "In the archive that hangs."})"}});
    testing::write_archive(dir / "dump.tar", {"tar", "ustar"},
                           {{"a.json", R"({"id": "a", "title": "A", "body": "Read before the hang."})"},
                            {"inner.zip", read_file(dir / "inner.zip")},
                            {"c.json", R"({"id": "c", "title": "C", "body": "Read by the next run."})"}});
    const std::string db = dir / "db";
    // Once the first article is in, every later poll takes 2 s, as if libarchive were looping
    // without asking for input; the first such poll inside a libarchive call is the inner
    // archive being opened (the tar's bytes were all read with its first block).
    std::atomic<bool> armed{false};
    std::string message;
    IndexOptions o = one_shard();
    o.stall_seconds = 0.5;
    o.on_progress = [&armed](const IndexProgress& p) {
        if (p.articles >= 1) armed = true;
    };
    o.stop_requested = [&armed] {
        if (armed) std::this_thread::sleep_for(std::chrono::seconds(2));
        return false;
    };
    o.on_stall = [&message](const std::string& m) { message = m; };
    {
        Indexer indexer(db, o);
        indexer.index_source(dir / "dump.tar");
        CHECK(indexer.summary().stalled);
        INFO(message);
        CHECK(message.find("dump.tar!inner.zip got stuck inside the archive library") != std::string::npos);
        CHECK(message.find("(entry 2)") != std::string::npos);
        REQUIRE(indexer.summary().skipped.size() == 1);
        CHECK(indexer.summary().skipped[0].reason == "stuck");
    }
    CHECK(documents(db) == 1);  // a.json, committed by the watchdog
    Indexer again(db, one_shard());
    again.index_source(dir / "dump.tar");
    again.commit();
    CHECK(again.summary().members_resumed == 2);  // a.json and the stuck inner.zip
    CHECK(again.summary().documents_added == 1);  // c.json
    CHECK(documents(db) == 2);
}

TEST_CASE("garbage behind every archive magic, lying headers and endless lines end with a reason", "[reliability]") {
    test::TempDir dir("garbage");
    std::string noise;
    std::uint32_t state = 12345;  // a fixed pseudo-random byte stream, so that a failure reproduces
    for (int i = 0; i < 4096; ++i) {
        state = state * 1103515245u + 12345u;
        noise += static_cast<char>(state >> 24);
    }
    using namespace std::string_literals;
    const std::vector<std::pair<std::string, std::string>> magics = {
        {"zip", "PK\x03\x04"s}, {"7z", "7z\xbc\xaf\x27\x1c"s}, {"rar", "Rar!\x1a\x07\x01\x00"s},
        {"xz", "\xfd" "7zXZ\x00"s}, {"gz", "\x1f\x8b\x08\x00"s}, {"bz2", "BZh9"s}, {"zst", "\x28\xb5\x2f\xfd"s},
        {"cpio", "070701"s}, {"iso", std::string(32768, '\0') + "\x01" "CD001\x01"s}};
    for (const auto& [extension, magic] : magics) {
        for (const std::size_t length : {std::size_t(0), std::size_t(293), noise.size()}) {
            const std::string path = dir / ("garbage-" + std::to_string(length) + "." + extension);
            std::ofstream(path, std::ios::binary) << magic << noise.substr(0, length);
            Indexer indexer(dir / "db", one_shard());
            indexer.index_source(path);
            INFO(path);
            CHECK(indexer.summary().documents_indexed() + indexer.summary().skipped.size() > 0);
        }
    }
    SECTION("a tar header that claims 100 GB") {
        std::string header(512, '\0');
        const auto put = [&](std::size_t at, const std::string& s) { header.replace(at, s.size(), s); };
        put(0, "big.json");
        put(100, "0000644");
        put(124, "1351035564000");  // octal: far more than the 3,000 bytes that follow
        put(136, "14500000000");
        put(156, "0");
        put(257, std::string("ustar\0" "00", 8));
        put(148, "        ");
        unsigned sum = 0;
        for (unsigned char c : header) sum += c;
        char checksum[8];
        std::snprintf(checksum, sizeof checksum, "%06o", sum);
        put(148, std::string(checksum, 7));
        std::ofstream(dir / "lying.tar", std::ios::binary) << header << std::string(3000, 'x');
        Indexer indexer(dir / "db", one_shard());
        indexer.index_source(dir / "lying.tar");
        // Read (it might be JSON Lines, whose limit is per line) until the data runs out.
        REQUIRE(indexer.summary().skipped.size() == 1);
        CHECK(indexer.summary().skipped[0].reason == "corrupt archive");
        CHECK(indexer.summary().files_to_retry.size() == 1);
    }
    SECTION("a JSON Lines member larger than the member limit inside a tar is read line by line") {
        std::string lines = json_lines(3000);
        testing::write_archive(dir / "dump.tar", {"tar", "ustar"},
                               {{"big.jsonl", lines}, {"page.html", "<html><body><p>" + std::string(200000, 'w') + "</p></body></html>"}});
        IndexOptions o = one_shard();
        o.max_member_bytes = 64 * 1024;  // big.jsonl is about 300 KB; page.html 200 KB of one word
        Indexer indexer(dir / "db", o);
        indexer.index_source(dir / "dump.tar");
        CHECK(indexer.summary().documents_indexed() == 3000);
        REQUIRE(indexer.summary().skipped.size() == 1);
        CHECK(indexer.summary().skipped[0].where.find("page.html") != std::string::npos);
        CHECK(indexer.summary().skipped[0].reason == "too large");
    }
    SECTION("one JSON line longer than the member limit, in a gzip stream") {
        write_gzip(dir / "long.jsonl.gz", R"({"title": "short", "body": "fine"})" "\n" R"({"title": "x", "body": ")" +
                                              std::string(3u << 20, 'a') + "\"}\n");
        IndexOptions o = one_shard();
        o.max_member_bytes = 1u << 20;
        Indexer indexer(dir / "db", o);
        indexer.index_source(dir / "long.jsonl.gz");
        CHECK(indexer.summary().documents_indexed() == 1);
        REQUIRE(indexer.summary().skipped.size() == 1);
        CHECK(indexer.summary().skipped[0].reason == "too large");
        CHECK(indexer.summary().skipped[0].detail.find("in line 2") != std::string::npos);
    }
}

TEST_CASE("a Xapian write failure that escapes to std::terminate is described like a failed write", "[reliability]") {
    // On a full disk Xapian 1.4 sometimes ends the process from inside commit(); the command
    // line's terminate handler turns that into the usual error line through this function.
    const std::string full =
        describe_uncaught_index_error(std::make_exception_ptr(Xapian::DatabaseError("Error writing block 42", ENOSPC)));
    CHECK(full.find("no space left on the device") != std::string::npos);
    CHECK(full.find("what was committed before is kept") != std::string::npos);
    const std::string read_only =
        describe_uncaught_index_error(std::make_exception_ptr(Xapian::DatabaseError("Error writing block 1", EROFS)));
    CHECK(read_only.find("read-only") != std::string::npos);
    CHECK(describe_uncaught_index_error(std::make_exception_ptr(Xapian::DatabaseCorruptError("bad block"))).find("bad block") !=
          std::string::npos);
    // Not a Xapian error: nothing to describe, the handler aborts as usual.
    CHECK(describe_uncaught_index_error(std::make_exception_ptr(std::runtime_error("bug"))).empty());
    CHECK(describe_uncaught_index_error(nullptr).empty());
}
