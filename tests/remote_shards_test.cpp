// Shards on other machines: a stub lists a database served by Xapian's own xapian-tcpsrv beside a
// local one, and newsdex searches them as one index.
#include "story_fixture.h"
#include "test_support.h"

#include "newsdex/indexer.h"
#include "newsdex/searcher.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <thread>

using namespace newsdex;

namespace {

unsigned free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

/// xapian-tcpsrv serving one database on localhost for as long as the object lives.
class TcpServer {
public:
    TcpServer(const std::string& db, unsigned port) : port_(port) {
        pid_ = ::fork();
        if (pid_ == 0) {
            // Its own process group: xapian-tcpsrv signals its whole group when it stops.
            ::setpgid(0, 0);
            const std::string p = std::to_string(port);
            ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", p.c_str(),
                     db.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        // Ready once it answers.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < give_up) {
            try {
                Xapian::Remote::open("127.0.0.1", port_, 1000).get_doccount();
                ready_ = true;
                return;
            } catch (const Xapian::Error&) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
    }
    ~TcpServer() {
        if (pid_ > 0) {
            ::kill(-pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    bool ready() const { return ready_; }

private:
    unsigned port_;
    pid_t pid_ = -1;
    bool ready_ = false;
};

void index_one_shard(const std::string& path, const std::vector<std::pair<std::string, std::string>>& articles) {
    IndexOptions options;
    options.shards = 1;
    Indexer indexer(path, options);
    for (const auto& [id, body] : articles) {
        Article a;
        a.id = id;
        a.lang = "uk";
        a.title = "Новини";
        a.body = body;
        indexer.add_article(a);
    }
    indexer.commit();
}

}  // namespace

TEST_CASE("a stub with a shard served by xapian-tcpsrv is searched as one index", "[shards][remote]") {
    test::TempDir dir("remote");
    index_one_shard(dir / "local", {{"local-1", "Потяг прибув до вокзалу вчасно."}, {"local-2", "Біля вокзалом нікого."}});
    index_one_shard(dir / "far", {{"far-1", "Нові вокзали відкрили на півночі."}, {"far-2", "Ціни на зерно зросли."}});
    const unsigned port = free_port();
    TcpServer server(dir / "far", port);
    REQUIRE(server.ready());

    std::filesystem::create_directories(dir / "both");
    std::ofstream(dir / "both/XAPIANDB") << "auto " << (dir / "local") << "\nremote 127.0.0.1:" << port << "\n";

    Searcher searcher(dir / "both");
    CHECK(searcher.stats().documents == 4);
    SearchOptions options;
    std::set<std::string> ids;
    std::set<std::u32string> highlighted;
    for (const auto& hit : searcher.search("вокзал", options).hits) {
        ids.insert(hit.id);
        REQUIRE_FALSE(hit.highlights.empty());
        const auto [begin, end] = hit.highlights.front();
        highlighted.insert(test::code_points(hit.snippet).substr(begin, end - begin));
    }
    CHECK(ids == std::set<std::string>{"local-1", "local-2", "far-1"});
    // "вокзали" is a form only the remote shard's lemma table lists.
    CHECK(highlighted.count(test::code_points("вокзали")) == 1);
    CHECK(searcher.find("far-2").has_value());

    // A short page filled with articles holding some of the words: the query that ranks the
    // articles with every word first is sent to the remote shard too.
    const auto none_with_both = searcher.search("вокзал зерно", options);
    CHECK(none_with_both.fell_back);  // no article holds both: the OR fallback, not a filled page
    CHECK_FALSE(none_with_both.filled);
    const auto train = searcher.search("потяг вокзал", options);
    CHECK(train.filled);
    REQUIRE(train.hits.size() == 3);
    CHECK(train.hits[0].id == "local-1");
    CHECK(train.hits[0].all_words);
    CHECK(train.count.matches == 1);
    CHECK_FALSE(train.hits[1].all_words);
    CHECK_FALSE(train.hits[2].all_words);
    CHECK(std::set<std::string>{train.hits[1].id, train.hits[2].id} == std::set<std::string>{"local-2", "far-1"});

    // The command line reads the same stub.
    const auto r = test::run_newsdex("search --db " + test::shell_quote(dir / "both") + " --json зерно");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("far-2") != std::string::npos);
}

TEST_CASE("an unreachable remote shard is a clear error naming it", "[shards][remote]") {
    test::TempDir dir("remote-down");
    std::filesystem::create_directories(dir / "both");
    const unsigned port = free_port();  // nothing listens there
    std::ofstream(dir / "both/XAPIANDB") << "remote 127.0.0.1:" << port << "\n";
    CHECK_THROWS_WITH(Searcher(dir / "both"), Catch::Contains("127.0.0.1:" + std::to_string(port)));
    const auto r = test::run_newsdex("search --db " + test::shell_quote(dir / "both") + " anything");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
}

namespace {

// Eight plain words; each article holds the first `held` of them.
const char* const kWords[] = {"вокзал", "потяг", "квиток", "перон", "розклад", "вагон", "машиніст", "станція"};

std::string holding(std::size_t held) {
    std::string body = "Сьогодні";
    for (std::size_t w = 0; w < held; ++w) body += std::string(" ") + kWords[w];
    return body + ".";
}

std::set<std::string> ids_of(const SearchResults& results) {
    std::set<std::string> ids;
    for (const auto& hit : results.hits) ids.insert(hit.id);
    return ids;
}

}  // namespace

TEST_CASE("a minimum of the words works across a remote shard, or says how it was relaxed", "[shards][remote]") {
    test::TempDir dir("remote-min");
    std::vector<std::pair<std::string, std::string>> near, far;
    for (std::size_t held = 1; held <= 8; ++held) {
        near.emplace_back("near-" + std::to_string(held), holding(held));
        far.emplace_back("far-" + std::to_string(held), holding(held));
    }
    index_one_shard(dir / "local", near);
    index_one_shard(dir / "far", far);
    const unsigned port = free_port();
    TcpServer server(dir / "far", port);
    REQUIRE(server.ready());
    std::filesystem::create_directories(dir / "both");
    std::ofstream(dir / "both/XAPIANDB") << "auto " << (dir / "local") << "\nremote 127.0.0.1:" << port << "\n";

    Searcher searcher(dir / "both");
    SearchOptions options;
    options.snippets = false;
    options.collapse_duplicates = false;  // near-N and far-N hold the same text
    options.limit = 100;
    options.long_query_match = WordMatch::minimum;
    options.minimum_should_match = 0.75;  // 6 of the 8 words
    std::string eight;
    for (const char* w : kWords) eight += std::string(eight.empty() ? "" : " ") + w;
    const SearchResults six = searcher.search(eight, options);
    CHECK(ids_of(six) == std::set<std::string>{"near-6", "near-7", "near-8", "far-6", "far-7", "far-8"});
    CHECK(six.word_match == WordMatch::minimum);
    CHECK(six.word_match_note.empty());
    // The remote shard ranks as the local one: same text, same weight.
    for (const auto& hit : six.hits)
        for (const auto& other : six.hits)
            if (hit.id.substr(hit.id.find('-')) == other.id.substr(other.id.find('-'))) CHECK(hit.score == Approx(other.score));

    // 16 words needing 8: C(16, 8) subsets are too many to send; any word is matched, and said so.
    const SearchResults relaxed = searcher.search(eight + " " + eight, options);
    CHECK(relaxed.word_match == WordMatch::any);
    CHECK(relaxed.word_match_note.find("remote shard") != std::string::npos);
    CHECK(ids_of(relaxed).size() == 16);
}

TEST_CASE("match counts across a remote shard are exact, copies in both shards counted once", "[shards][remote][count]") {
    test::TempDir dir("remote-count");
    // One text three times (two ids here, one there), three other texts with the word.
    index_one_shard(dir / "local", {{"l1", "Потяг прибув."}, {"l2", "Потяг прибув."}, {"l3", "Потяг запізнився на годину."},
                                    {"l4", "Зерно подорожчало."}});
    index_one_shard(dir / "far", {{"f1", "Потяг прибув."}, {"f2", "Потяг запізнився на дві години."}, {"f3", "Нічний потяг рушив."},
                                  {"f4", "Зерно подешевшало."}});
    const unsigned port = free_port();
    TcpServer server(dir / "far", port);
    REQUIRE(server.ready());
    std::filesystem::create_directories(dir / "both");
    std::ofstream(dir / "both/XAPIANDB") << "auto " << (dir / "local") << "\nremote 127.0.0.1:" << port << "\n";
    std::filesystem::create_directories(dir / "local-both");
    std::ofstream(dir / "local-both/XAPIANDB") << "auto " << (dir / "local") << "\nauto " << (dir / "far") << "\n";

    for (const char* db : {"both", "local-both"}) {
        INFO(db);
        Searcher searcher(dir / db);
        for (std::size_t limit : {1, 10}) {
            SearchOptions options;
            options.limit = limit;
            options.offset = limit == 1 ? 2 : 0;
            const auto collapsed = searcher.search("потяг", options).count;
            CHECK(collapsed.exact);
            CHECK(collapsed.matches == 4);
            options.collapse_duplicates = false;
            const auto every = searcher.search("потяг", options).count;
            CHECK(every.exact);
            CHECK(every.matches == 6);
        }
    }
}

TEST_CASE("story clusters, similar articles and facets work across a remote shard", "[shards][remote][story]") {
    test::TempDir dir("remote-story");
    const auto a = test::story_sentences(11), b = test::story_sentences(22);
    index_one_shard(dir / "local", {{"a", test::join_story(a)}, {"b", test::join_story(b)}});
    index_one_shard(dir / "far", {{"a-2", test::republished(a, 0)}, {"a-copy", test::join_story(a)},
                                  {"a-3", test::republished(a, 1)}});
    const unsigned port = free_port();
    TcpServer server(dir / "far", port);
    REQUIRE(server.ready());
    std::filesystem::create_directories(dir / "both");
    std::ofstream(dir / "both/XAPIANDB") << "auto " << (dir / "local") << "\nremote 127.0.0.1:" << port << "\n";

    Searcher searcher(dir / "both");
    const SearchResults results = searcher.search("новини");
    REQUIRE(results.hits.size() == 2);  // story a, its versions in both shards, and story b
    std::map<std::string, std::size_t> size_of;
    for (const Hit& hit : results.hits) size_of[hit.id == "b" ? "b" : "a"] = hit.cluster_size;
    CHECK(size_of == std::map<std::string, std::size_t>{{"a", 4}, {"b", 1}});

    const FacetCounts langs = searcher.facets("новини", FacetBy::lang);
    CHECK(langs.total == 5);
    REQUIRE(langs.buckets.size() == 1);
    CHECK(langs.buckets[0].count == 5);

    const auto like_a = searcher.similar("a");
    REQUIRE(like_a.has_value());
    REQUIRE_FALSE(like_a->hits.empty());
    CHECK(like_a->hits[0].cluster_size == 4);
    CHECK(like_a->hits[0].id != "a");
}
