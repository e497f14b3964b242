// What the fuzzers found, as plain behaviour: each case is a bug a fuzz target once crashed on
// (the raw inputs stay in tests/fuzz/regressions/), stated as what a user of the indexer sees.
#include "extractor.h"

#include <catch2/catch.hpp>

using namespace newsdex;

namespace {

Member member(std::string path, std::string data) {
    Member m;
    m.path = std::move(path);
    m.data = std::move(data);
    return m;
}

bool utf8_valid(const std::string& s) { return repair_utf8(s) == s; }

}  // namespace

TEST_CASE("a JSON Lines line with a number beyond double's range costs only that line", "[fuzz][json]") {
    // json_fuzzer: nlohmann's out_of_range escaped extract_json and ended the whole run.
    const Extraction out = extract_json(member("dump.jsonl",
                                               "{\"title\":\"first\",\"body\":\"kept\"}\n"
                                               "{\"title\":\"huge\",\"body\":\"x\",\"n\":1e400}\n"
                                               "{\"title\":\"third\",\"body\":\"kept too\"}\n"));
    REQUIRE(out.articles.size() == 2);
    CHECK(out.articles[0].title == "first");
    CHECK(out.articles[1].title == "third");
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].where == "dump.jsonl#2");
    CHECK(out.problems[0].reason == "invalid JSON");
}

TEST_CASE("WARC header bytes that are not UTF-8 reach the article as valid UTF-8", "[fuzz][warc]") {
    // warc_fuzzer: WARC-Date and WARC-Target-URI were copied into the article byte for byte.
    const std::string page = "<html><body><p>The harbour crane lifted its first load.</p></body></html>";
    const std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page;
    const std::string record = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://port.example/\xF0x\r\n"
                               "WARC-Date: 2023-11-0\xF0x\x05\r\nContent-Length: " +
                               std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
    const Extraction out = extract_warc(member("crawl.warc", record));
    REQUIRE(out.articles.size() == 1);
    const Article& a = out.articles[0];
    CHECK(utf8_valid(a.url));
    CHECK(utf8_valid(a.published));
    CHECK(utf8_valid(a.origin));
    CHECK(a.url == "https://port.example/\xEF\xBF\xBDx");
    CHECK(a.body.find("harbour crane") != std::string::npos);
}
