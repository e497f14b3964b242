// Shards on other machines: a stub lists a database served by Xapian's own xapian-tcpsrv beside a
// local one, and newsdex searches them as one index.
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
