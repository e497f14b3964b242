// Every archive shape and article format, built on the fly, must index to the same documents.
#include "archive_fixture.h"
#include "newsdex/indexer.h"
#include "newsdex/schema.h"

#include <catch2/catch.hpp>
#include <unicode/unistr.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <unistd.h>

using namespace newsdex;
using namespace newsdex::testing;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("newsdex-ingestion-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    fs::path path_;
};

// One article of each format (JSON object, JSON Lines, HTML with boilerplate, plain text).
std::vector<FixtureFile> sample_articles() {
    return {
        {"2024/uk/mist.json",
         R"({"id": "cms:1", "headline": "Новий пішохідний міст через Дніпро", "text": "Міська рада Києва затвердила проєкт нового пішохідного мосту. Будівництво триватиме два роки.", "pubDate": "2024-03-01", "byline": "Олена Коваль", "link": "https://news.example.ua/mist", "language": "uk"})"},
        {"2024/en/feed.jsonl",
         "{\"id\": \"wire:7\", \"title\": \"Harbour ferry returns\", \"body\": \"The harbour ferry resumed service on Monday after a winter overhaul.\", \"date\": \"2024-02-12\", \"lang\": \"en\"}\n"
         "{\"id\": \"wire:8\", \"title\": \"Library extends hours\", \"content\": \"The central library will stay open until nine in the evening from April.\", \"published\": \"2024-03-20\", \"author\": \"Sam Reed\"}\n"},
        {"2024/ru/tram.html",
         "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Трамвай вернулся | Вести</title>"
         "<link rel=\"canonical\" href=\"https://vesti.example.ru/tram\">"
         "<meta property=\"article:published_time\" content=\"2024-01-15T10:00:00Z\"><meta name=\"author\" content=\"Иван Петров\"></head>"
         "<body><nav><ul><li><a href=\"/\">Главная</a></li><li><a href=\"/news\">Новости города и области</a></li></ul></nav>"
         "<article><h1>Трамвай вернулся</h1><p>Трамвайное движение по проспекту Мира восстановлено после ремонта путей, который длился почти полгода.</p>"
         "<p>По словам городских властей, новые рельсы прослужат не меньше тридцати лет, а шум на линии заметно снизится.</p></article>"
         "<footer><p>© Вести, все права защищены. Перепечатка материалов только с разрешения редакции.</p></footer></body></html>"},
        {"2024/en/notes.txt",
         "Night buses extended\nAuthor: Kim Lee\nDate: 2024-04-02\nURL: https://city.example.com/night-buses\n\n"
         "Night bus routes 4 and 9 will run until three in the morning.\n\nThe trial lasts six months.\n"},
    };
}

std::set<std::string> documents_in(const std::string& db_path) {
    Xapian::Database db(db_path);
    std::set<std::string> docs;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Article a = schema::decode_article(db.get_document(*it).get_data());
        docs.insert(a.title + " | " + a.url + " | " + a.published + " | " + a.author + " | " + a.lang + " | " + a.body);
    }
    return docs;
}

IndexSummary index_into(const std::string& db, const std::string& source, IndexOptions options = {}) {
    Indexer indexer(db, options);
    indexer.index_source(source);
    indexer.commit();
    return indexer.summary();
}

std::string reasons(const IndexSummary& s) {
    std::string out;
    for (const auto& k : s.skipped) out += k.where + ": " + k.reason + " (" + k.detail + ")\n";
    return out;
}

}  // namespace

TEST_CASE("every archive shape indexes to the same documents", "[ingestion]") {
    TempDir tmp;
    const auto files = sample_articles();
    fs::create_directories(tmp / "dir/2024/uk");
    fs::create_directories(tmp / "dir/2024/en");
    fs::create_directories(tmp / "dir/2024/ru");
    for (const auto& f : files) std::ofstream(tmp / ("dir/" + f.name), std::ios::binary) << f.data;

    const IndexSummary base = index_into(tmp / "db-dir", tmp / "dir");
    INFO(reasons(base));
    REQUIRE(base.documents_indexed() == 5);
    REQUIRE(base.skipped.empty());
    const auto expected = documents_in(tmp / "db-dir");
    REQUIRE(expected.size() == 5);
    CHECK(expected.count("Трамвай вернулся | https://vesti.example.ru/tram | 2024-01-15T10:00:00Z | Иван Петров | ru | "
                         "Трамвайное движение по проспекту Мира восстановлено после ремонта путей, который длился почти "
                         "полгода.\nПо словам городских властей, новые рельсы прослужат не меньше тридцати лет, а шум на "
                         "линии заметно снизится.") == 1);

    const Shape shapes[] = {
        {"tar-ustar", "ustar"},        {"tar-pax", "pax"},
        {"tar-gnu", "gnutar"},         {"tar-gz", "pax", Filter::gzip},
        {"tar-bz2", "pax", Filter::bzip2}, {"tar-xz", "pax", Filter::xz},
        {"tar-zst", "pax", Filter::zstd},  {"tar-lz4", "pax", Filter::lz4},
        {"zip", "zip"},                {"zip-store", "zip", Filter::none, "zip:compression=store"},
        {"zip64", "zip", Filter::none, "zip:zip64"}, {"7z", "7zip"},
        {"cpio-newc", "newc"},         {"cpio-odc", "odc"},
    };
    for (const auto& shape : shapes) {
        SECTION(shape.label) {
            const std::string archive = tmp / (std::string("dump-") + shape.label);
            write_archive(archive, shape, files);
            const IndexSummary s = index_into(tmp / (std::string("db-") + shape.label), archive);
            INFO(reasons(s));
            CHECK(s.skipped.empty());
            CHECK(s.documents_indexed() == 5);
            CHECK(documents_in(tmp / (std::string("db-") + shape.label)) == expected);
        }
    }
}

TEST_CASE("lone compressed files, nested archives and re-indexing", "[ingestion]") {
    TempDir tmp;
    const auto files = sample_articles();

    SECTION("a .json.gz and an .html.gz are single articles") {
        write_archive(tmp / "mist.json.gz", {"json.gz", "raw", Filter::gzip}, {files[0]});
        write_archive(tmp / "tram.html.xz", {"html.xz", "raw", Filter::xz}, {files[2]});
        CHECK(index_into(tmp / "db", tmp / "mist.json.gz").documents_indexed() == 1);
        CHECK(index_into(tmp / "db", tmp / "tram.html.xz").documents_added == 1);
        CHECK(documents_in(tmp / "db").size() == 2);
    }
    SECTION("a tar.gz of daily zips is read to the configured depth") {
        write_archive(tmp / "day1.zip", {"zip", "zip"}, {files[0], files[1]});
        write_archive(tmp / "day2.zip", {"zip", "zip"}, {files[2], files[3]});
        auto read = [&](const std::string& p) {
            std::ifstream in(p, std::ios::binary);
            return std::string(std::istreambuf_iterator<char>(in), {});
        };
        write_archive(tmp / "month.tar.gz", {"tar.gz", "pax", Filter::gzip},
                      {{"day1.zip", read(tmp / "day1.zip")}, {"day2.zip", read(tmp / "day2.zip")}});
        const IndexSummary nested = index_into(tmp / "db-nested", tmp / "month.tar.gz");
        INFO(reasons(nested));
        CHECK(nested.documents_indexed() == 5);

        IndexOptions shallow;
        shallow.max_depth = 1;
        const IndexSummary cut = index_into(tmp / "db-shallow", tmp / "month.tar.gz", shallow);
        CHECK(cut.documents_indexed() == 0);
        REQUIRE(cut.skipped.size() == 2);
        CHECK(cut.skipped[0].reason == "nesting too deep");
        CHECK(cut.skipped[0].where.find("month.tar.gz!day1.zip") != std::string::npos);
    }
    SECTION("indexing the same dump again replaces its documents") {
        write_archive(tmp / "dump.zip", {"zip", "zip"}, files);
        IndexOptions no_resume;
        no_resume.resume = false;
        const IndexSummary first = index_into(tmp / "db", tmp / "dump.zip");
        const IndexSummary again = index_into(tmp / "db", tmp / "dump.zip", no_resume);
        CHECK(first.documents_added == 5);
        CHECK(again.documents_added == 0);
        CHECK(again.documents_updated == 5);
        CHECK(Xapian::Database(tmp / "db").get_doccount() == 5);
        // By default a finished, unchanged file is not read again.
        const IndexSummary resumed = index_into(tmp / "db", tmp / "dump.zip");
        CHECK(resumed.files_resumed == 1);
        CHECK(resumed.documents_indexed() == 0);
    }
}

namespace {

std::string encode_name(const std::string& utf8, const char* charset);

IndexSummary index_bytes(TempDir& tmp, const std::string& name, const std::string& bytes, IndexOptions options = {}) {
    std::ofstream(tmp / name, std::ios::binary) << bytes;
    return index_into(tmp / ("db-" + name), tmp / name, options);
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("broken and hostile archives give a reason per member and the run goes on", "[ingestion][hostile]") {
    TempDir tmp;
    const auto files = sample_articles();

    SECTION("garbage behind a zip signature") {
        const IndexSummary s = index_bytes(tmp, "bad.zip", std::string("PK\x03\x04", 4) + std::string(300, '~'));
        REQUIRE(s.skipped.size() == 1);
        CHECK(s.skipped[0].reason == "corrupt archive");
        CHECK(s.skipped[0].where.find("bad.zip") != std::string::npos);
    }
    SECTION("a truncated tar.gz keeps the members before the cut") {
        std::vector<FixtureFile> many;
        // Pseudo-random words, so that the compressed archive is larger than one read block.
        std::uint32_t seed = 12345;
        for (int i = 0; i < 40; ++i) {
            std::string body;
            while (body.size() < 4000) {
                seed = seed * 1103515245u + 12345u;
                body += static_cast<char>('a' + (seed >> 16) % 26);
                if ((seed >> 8) % 7 == 0) body += ' ';
            }
            many.push_back({"a" + std::to_string(i) + ".txt", "Title " + std::to_string(i) + "\n\n" + body});
        }
        write_archive(tmp / "full.tar.gz", {"tar.gz", "pax", Filter::gzip}, many);
        const std::string whole = file_bytes(tmp / "full.tar.gz");
        const IndexSummary s = index_bytes(tmp, "cut.tar.gz", whole.substr(0, whole.size() / 2));
        INFO(reasons(s));
        CHECK(s.documents_indexed() > 0);
        CHECK(s.documents_indexed() < 40);
        REQUIRE(!s.skipped.empty());
        CHECK(s.skipped.back().reason == "corrupt archive");
    }
    SECTION("encrypted zip members are skipped as encrypted") {
        write_archive(tmp / "secret.zip", {"zip-enc", "zip", Filter::none, "zip:encryption=zipcrypt", "s3cret"},
                      {files[0], files[3]});
        const IndexSummary s = index_into(tmp / "db-enc", tmp / "secret.zip");
        INFO(reasons(s));
        CHECK(s.documents_indexed() == 0);
        REQUIRE(s.skipped.size() == 2);
        for (const auto& k : s.skipped) CHECK(k.reason == "encrypted");
    }
    SECTION("a zip bomb stops at the decompressed-size limit") {
        write_archive(tmp / "bomb.zip", {"zip", "zip"},
                      {{"a.txt", std::string(8 << 20, 'a')}, {"b.txt", std::string(8 << 20, 'b')}, files[3]});
        CHECK(fs::file_size(tmp / "bomb.zip") < 200000);
        IndexOptions options;
        options.max_archive_bytes = 10 << 20;
        options.max_member_bytes = 9 << 20;
        const IndexSummary s = index_into(tmp / "db-bomb", tmp / "bomb.zip", options);
        INFO(reasons(s));
        REQUIRE(!s.skipped.empty());
        CHECK(s.skipped.back().reason == "archive too large");
        CHECK(s.skipped.back().where.find("bomb.zip!b.txt") != std::string::npos);
    }
    SECTION("members over the size limit are skipped as too large") {
        write_archive(tmp / "big.tar", {"tar", "pax"}, {{"big.txt", std::string(5000, 'x')}, files[3]});
        IndexOptions options;
        options.max_member_bytes = 4096;
        const IndexSummary s = index_into(tmp / "db-big", tmp / "big.tar", options);
        REQUIRE(s.skipped.size() == 1);
        CHECK(s.skipped[0].reason == "too large");
        CHECK(s.documents_indexed() == 1);
    }
    SECTION("binary and empty members are counted, not indexed") {
        write_archive(tmp / "mixed.zip", {"zip", "zip"},
                      {{"image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(100, '\0')},
                       {"empty.txt", ""},
                       {"blank.html", "<html><body><nav><a href=\"/\">Home</a></nav></body></html>"},
                       files[3]});
        const IndexSummary s = index_into(tmp / "db-mixed", tmp / "mixed.zip");
        INFO(reasons(s));
        CHECK(s.documents_indexed() == 1);
        const auto by_reason = s.skipped_by_reason();
        CHECK(by_reason.at("unsupported format") == 1);
        CHECK(by_reason.at("empty") == 1);
        CHECK(by_reason.at("empty text") == 1);
    }
}

TEST_CASE("zip member names in cp866 and koi8-r come out as UTF-8", "[ingestion]") {
    TempDir tmp;
    const std::pair<const char*, const char*> cases[] = {{"IBM866", "новини/київ.txt"}, {"KOI8-R", "новости/киев.txt"}};
    for (const auto& [charset, utf8_name] : cases) {
        INFO(charset);
        const std::string name = encode_name(utf8_name, charset);
        write_archive(tmp / "names.zip", {"zip", "zip"}, {{name, "Заголовок\n\nТекст статті про Київ.\n"}});
        Indexer indexer(tmp / (std::string("db-") + charset));
        indexer.index_source(tmp / "names.zip");
        indexer.commit();
        REQUIRE(indexer.summary().documents_indexed() == 1);
        Xapian::Database db(tmp / (std::string("db-") + charset));
        const Article a = schema::decode_article(db.get_document(*db.postlist_begin("")).get_data());
        CHECK(a.origin.find(std::string("names.zip!") + utf8_name) != std::string::npos);
    }
}

namespace {

std::string encode_name(const std::string& utf8, const char* charset) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
    std::string out(static_cast<std::size_t>(text.length()) * 4 + 16, '\0');
    const int32_t n = text.extract(0, text.length(), out.data(), static_cast<uint32_t>(out.size()), charset);
    out.resize(static_cast<std::size_t>(n));
    return out;
}

}  // namespace

TEST_CASE("standard input is read as a stream", "[ingestion]") {
    TempDir tmp;
    write_archive(tmp / "dump.tar.xz", {"tar.xz", "pax", Filter::xz}, sample_articles());
    const std::string bytes = file_bytes(tmp / "dump.tar.xz");
    // Feed the archive through a pipe on fd 0, from a writer thread, as `cat dump | newsdex index -` would.
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const int saved_stdin = ::dup(STDIN_FILENO);
    REQUIRE(::dup2(fds[0], STDIN_FILENO) == STDIN_FILENO);
    ::close(fds[0]);
    std::thread writer([&] {
        std::size_t off = 0;
        while (off < bytes.size()) {
            const ssize_t n = ::write(fds[1], bytes.data() + off, bytes.size() - off);
            if (n <= 0) break;
            off += static_cast<std::size_t>(n);
        }
        ::close(fds[1]);
    });
    const IndexSummary s = index_into(tmp / "db", "-");
    writer.join();
    ::dup2(saved_stdin, STDIN_FILENO);
    ::close(saved_stdin);
    INFO(reasons(s));
    CHECK(s.documents_indexed() == 5);
    CHECK(documents_in(tmp / "db").size() == 5);
}

TEST_CASE("the project's sample corpus reads the same from a directory and from archives", "[ingestion][corpus]") {
    const fs::path corpus = fs::path(NEWSDEX_SOURCE_DIR) / "corpus";
    if (!fs::exists(corpus / "json") || !fs::exists(corpus / "html")) {
        WARN("no sample corpus in " << corpus << "; skipped");
        return;
    }
    TempDir tmp;
    for (const char* kind : {"json", "html"}) {
        INFO(kind);
        std::vector<FixtureFile> files;
        for (const auto& e : fs::recursive_directory_iterator(corpus / kind))
            if (e.is_regular_file())
                files.push_back({fs::relative(e.path(), corpus).string(), file_bytes(e.path().string())});
        REQUIRE(!files.empty());
        const std::string archive = tmp / (std::string(kind) + ".tar.zst");
        write_archive(archive, {"tar.zst", "gnutar", Filter::zstd}, files);
        const IndexSummary from_dir = index_into(tmp / (std::string("db-dir-") + kind), (corpus / kind).string());
        const IndexSummary from_archive = index_into(tmp / (std::string("db-ar-") + kind), archive);
        INFO(reasons(from_archive));
        CHECK(from_dir.documents_indexed() == files.size());
        CHECK(from_archive.documents_indexed() == files.size());
        CHECK(documents_in(tmp / (std::string("db-dir-") + kind)) == documents_in(tmp / (std::string("db-ar-") + kind)));
    }
}
