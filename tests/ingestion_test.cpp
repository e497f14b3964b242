// Every archive shape and article format, built on the fly, must index to the same documents.
#include "archive_fixture.h"
#include "newsdex/indexer.h"
#include "newsdex/schema.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <set>
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
        const IndexSummary first = index_into(tmp / "db", tmp / "dump.zip");
        const IndexSummary again = index_into(tmp / "db", tmp / "dump.zip");
        CHECK(first.documents_added == 5);
        CHECK(again.documents_added == 0);
        CHECK(again.documents_updated == 5);
        CHECK(Xapian::Database(tmp / "db").get_doccount() == 5);
    }
}
