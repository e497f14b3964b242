// Article formats chosen by sniffing: WARC, RSS, Atom, plain text, JSON layouts.
#include "charset.h"
#include "extractor.h"

#include <catch2/catch.hpp>
#include <unicode/unistr.h>

#include <archive.h>
#include <archive_entry.h>

using namespace newsdex;

namespace {

std::string warc_record(const std::string& type, const std::string& uri, const std::string& block,
                        const std::string& content_type = "application/http; msgtype=response") {
    return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
           "\r\nWARC-Date: 2023-05-06T07:08:09Z\r\nContent-Type: " + content_type +
           "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string gzip(const std::string& data) {
    struct archive* a = archive_write_new();
    archive_write_set_format_raw(a);
    archive_write_add_filter_gzip(a);
    std::string out(data.size() + 1024, '\0');
    size_t used = 0;
    archive_write_open_memory(a, out.data(), out.size(), &used);
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_write_header(a, e);
    archive_entry_free(e);
    archive_write_data(a, data.data(), data.size());
    archive_write_close(a);
    archive_write_free(a);
    out.resize(used);
    return out;
}

std::string cp1251(const std::string& utf8) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
    std::string out(static_cast<std::size_t>(text.length()) + 16, '\0');
    out.resize(static_cast<std::size_t>(text.extract(0, text.length(), out.data(), static_cast<uint32_t>(out.size()), "windows-1251")));
    return out;
}

const std::string kPage =
    "<html><head><title>Паводок отступил</title></head><body><nav><a href=\"/\">Главная</a></nav><article>"
    "<p>Вода в реке опустилась ниже критической отметки, и жители прибрежных улиц начали возвращаться домой.</p>"
    "</article></body></html>";

}  // namespace

TEST_CASE("WARC response records become articles", "[formats][warc]") {
    const std::string body = cp1251(kPage);
    // Chunked transfer coding over a gzip content coding, charset only in the HTTP header.
    const std::string zipped = gzip(body);
    char hex1[32], hex2[32];
    std::snprintf(hex1, sizeof hex1, "%zx", zipped.size() / 2);
    std::snprintf(hex2, sizeof hex2, "%zx", zipped.size() - zipped.size() / 2);
    const std::string chunked = std::string(hex1) + "\r\n" + zipped.substr(0, zipped.size() / 2) + "\r\n" + hex2 +
                                "\r\n" + zipped.substr(zipped.size() / 2) + "\r\n0\r\n\r\n";
    const std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n"
                             "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" + chunked;
    const std::string warc =
        warc_record("warcinfo", "", "software: test crawler\r\n", "application/warc-fields") +
        warc_record("request", "https://news.example.ru/flood", "GET /flood HTTP/1.1\r\nHost: news.example.ru\r\n\r\n",
                    "application/http; msgtype=request") +
        warc_record("response", "https://news.example.ru/flood", http) +
        warc_record("response", "https://news.example.ru/logo.png",
                    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n") +
        warc_record("response", "https://news.example.ru/old", "HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n");

    const Member member{"crawl.warc.gz", warc};
    REQUIRE(sniff_content(member.data, member.path) == ContentKind::warc);
    const Extraction ex = extract_articles(member);
    REQUIRE(ex.articles.size() == 1);
    const Article& a = ex.articles[0];
    CHECK(a.title == "Паводок отступил");
    CHECK(a.body == "Вода в реке опустилась ниже критической отметки, и жители прибрежных улиц начали возвращаться домой.");
    CHECK(a.url == "https://news.example.ru/flood");
    CHECK(a.published == "2023-05-06T07:08:09Z");
    REQUIRE(ex.problems.size() == 1);
    CHECK(ex.problems[0].reason == "unsupported format");
    CHECK(ex.problems[0].where == "crawl.warc.gz#https://news.example.ru/logo.png");

    // A record cut short is reported, and the records before it are kept.
    const Extraction cut = extract_articles({"cut.warc", warc.substr(0, warc.size() - 200)});
    CHECK(cut.articles.size() == 1);
    REQUIRE(!cut.problems.empty());
    CHECK(cut.problems.back().reason == "corrupt archive");
}

TEST_CASE("RSS 2.0 and Atom feeds give one article per item", "[formats][feed]") {
    const std::string rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Daily Courier</title><language>en</language>
<item><title>Bridge reopens</title><link>https://courier.example.com/bridge</link>
<pubDate>Tue, 05 Mar 2024 10:20:30 +0000</pubDate><dc:creator>Ann Hill</dc:creator>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The old bridge reopened to traffic on Tuesday.</p><p>Repairs took a year.</p>]]></content:encoded></item>
<item><title>Market day moves</title><link>https://courier.example.com/market</link>
<pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate><description>&lt;p&gt;The weekly market moves to Saturday.&lt;/p&gt;</description></item>
</channel></rss>)";
    const Extraction r = extract_articles({"feed.xml", rss});
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].title == "Bridge reopens");
    CHECK(r.articles[0].url == "https://courier.example.com/bridge");
    CHECK(r.articles[0].published == "2024-03-05T10:20:30");
    CHECK(r.articles[0].author == "Ann Hill");
    CHECK(r.articles[0].body == "The old bridge reopened to traffic on Tuesday.\nRepairs took a year.");
    CHECK(r.articles[0].source == "Daily Courier");
    CHECK(r.articles[0].lang == "en");
    CHECK(r.articles[1].body == "The weekly market moves to Saturday.");

    const std::string atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk"><title>Вісник</title>
<entry><title>Новий парк</title><link rel="alternate" href="https://visnyk.example.ua/park"/>
<id>urn:uuid:1</id><published>2024-04-01T09:00:00Z</published><author><name>Ірина Бондар</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>У місті відкрили новий парк.</p></div></content></entry>
<entry><title>Ремонт дороги</title><link href="https://visnyk.example.ua/road"/><updated>2024-04-02T10:00:00Z</updated>
<summary>Дорогу відремонтують до літа.</summary></entry>
</feed>)";
    const Extraction at = extract_articles({"atom.xml", atom});
    REQUIRE(at.articles.size() == 2);
    CHECK(at.articles[0].title == "Новий парк");
    CHECK(at.articles[0].url == "https://visnyk.example.ua/park");
    CHECK(at.articles[0].author == "Ірина Бондар");
    CHECK(at.articles[0].published == "2024-04-01T09:00:00Z");
    CHECK(at.articles[0].body == "У місті відкрили новий парк.");
    CHECK(at.articles[1].body == "Дорогу відремонтують до літа.");
    CHECK(at.articles[1].published == "2024-04-02T10:00:00Z");
}

TEST_CASE("plain text: title line, header lines, body", "[formats][text]") {
    const Extraction ex = extract_articles(
        {"note.txt", "Snow closes schools\nAuthor: Jo Park\nDate: 2024-01-09\nSource: Valley Post\n\n"
                     "All schools in the valley are closed today.\nBuses are not running.\n\nThey reopen tomorrow.\n"});
    REQUIRE(ex.articles.size() == 1);
    const Article& a = ex.articles[0];
    CHECK(a.title == "Snow closes schools");
    CHECK(a.author == "Jo Park");
    CHECK(a.published == "2024-01-09");
    CHECK(a.source == "Valley Post");
    CHECK(a.body == "All schools in the valley are closed today. Buses are not running.\nThey reopen tomorrow.");
}

TEST_CASE("HTML metadata from head, Open Graph and JSON-LD", "[formats][html]") {
    const std::string page = R"(<!DOCTYPE html><html lang="uk"><head><title>Заголовок | Сайт</title>
<link rel="canonical" href="https://site.example.ua/a/1">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Мер відкрив міст","datePublished":"2024-05-01T12:00:00+03:00","author":{"@type":"Person","name":"Олег Сидоренко"}}</script>
</head><body><header><a href="/">Сайт</a></header><div class="menu"><a href="/a">Новини</a> <a href="/b">Спорт</a></div>
<main><h1>Мер відкрив міст</h1><p>Новий міст через річку відкрили в суботу після трьох років будівництва.</p>
<div class="share-buttons">Поділитися у Facebook та Telegram, щоб друзі теж дізналися новину</div>
<p>Рух транспортом почнеться в понеділок, повідомили в міській раді на брифінгу.</p></main>
<section class="comments"><p>Коментар читача: нарешті, ми чекали на цей міст дуже довго!</p></section>
<footer><p>© 2024 Сайт. Усі права захищені. Передрук лише з дозволу редакції.</p></footer></body></html>)";
    const Article a = extract_html(page, "p.html");
    CHECK(a.title == "Мер відкрив міст");
    CHECK(a.url == "https://site.example.ua/a/1");
    CHECK(a.author == "Олег Сидоренко");
    CHECK(a.published == "2024-05-01T12:00:00+03:00");
    CHECK(a.lang == "uk");
    CHECK(a.body == "Новий міст через річку відкрили в суботу після трьох років будівництва.\n"
                    "Рух транспортом почнеться в понеділок, повідомили в міській раді на брифінгу.");
}

TEST_CASE("JSON layouts: object, array, JSON Lines, wrappers and a user field map", "[formats][json]") {
    const Extraction lines = extract_articles(
        {"dump.jsonl", "{\"headline\": \"A\", \"article\": \"<p>First.</p><p>Second.</p>\", \"pubDate\": \"Tue, 05 Mar 2024 10:20:30 +0000\"}\n"
                       "not json\n"
                       "{\"title\": \"B\", \"body\": \"Text B.\", \"link\": \"https://e.example/b\", \"language\": \"en\"}\n"});
    REQUIRE(lines.articles.size() == 2);
    CHECK(lines.articles[0].body == "First.\nSecond.");
    CHECK(lines.articles[1].url == "https://e.example/b");
    CHECK(lines.articles[1].lang == "en");
    REQUIRE(lines.problems.size() == 1);
    CHECK(lines.problems[0].where == "dump.jsonl#2");
    CHECK(lines.problems[0].reason == "invalid JSON");

    const Extraction wrapped = extract_articles(
        {"export.json", R"({"meta": {"count": 2}, "data": {"items": [{"title": "X", "text": "x"}, {"title": "Y", "text": "y"}]}})"});
    REQUIRE(wrapped.articles.size() == 2);
    CHECK(wrapped.articles[1].title == "Y");

    const std::string custom = R"([{"hdr": "Custom title", "payload": {"txt": "Custom body."}, "meta": {"by": "Ola"}, "title": "ignored"}])";
    const JsonFields fields{{"title", {"hdr"}}, {"body", {"payload.txt"}}, {"author", {"missing", "meta.by"}}};
    const Extraction mapped = extract_articles({"c.json", custom}, fields);
    REQUIRE(mapped.articles.size() == 1);
    CHECK(mapped.articles[0].title == "Custom title");
    CHECK(mapped.articles[0].body == "Custom body.");
    CHECK(mapped.articles[0].author == "Ola");
}

TEST_CASE("sniffing falls back sensibly", "[formats]") {
    const Extraction bracket = extract_articles({"note", "[Update] Council meets on Friday\n\nThe meeting moved to the town hall.\n"});
    REQUIRE(bracket.articles.size() == 1);
    CHECK(bracket.articles[0].title == "[Update] Council meets on Friday");
    CHECK(bracket.problems.empty());

    const Extraction sitemap = extract_articles(
        {"sitemap.xml", "<?xml version=\"1.0\"?><urlset><url><loc>https://e.example/a</loc></url></urlset>"});
    CHECK(sitemap.articles.empty());
    REQUIRE(sitemap.problems.size() == 1);
    CHECK(sitemap.problems[0].reason == "unsupported format");

    // An HTML page without the usual markers is still HTML by its extension.
    CHECK(sniff_content("<span>Hi</span>", "x.htm") == ContentKind::html);
    CHECK(sniff_content("Plain words.", "x.json") == ContentKind::text);
}

TEST_CASE("JSON arrays are read element by element; a bad element costs only itself", "[formats][json]") {
    const Extraction ex = extract_articles(
        {"arr.json", "[ {\"title\": \"One, [two]\", \"body\": \"a \\\"quoted\\\" ] bracket\"},\n"
                     "  {\"title\": \"Broken\", \"body\": },\n"
                     "  {\"title\": \"Three\", \"body\": \"c\", \"tags\": [\"x\", {\"y\": [1,2]}]} ]"});
    REQUIRE(ex.articles.size() == 2);
    CHECK(ex.articles[0].title == "One, [two]");
    CHECK(ex.articles[0].body == "a \"quoted\" ] bracket");
    CHECK(ex.articles[1].title == "Three");
    CHECK(ex.articles[1].origin == "arr.json#3");
    REQUIRE(ex.problems.size() == 1);
    CHECK(ex.problems[0].where == "arr.json#2");
    CHECK(ex.problems[0].reason == "invalid JSON");
}

TEST_CASE("HTML author from a byline when metadata has none or only a URL; site suffix cut", "[formats][html]") {
    const Article a = extract_html(
        "<html><head><meta property=\"og:title\" content=\"Tide tables change - Coast Post\">"
        "<meta property=\"og:site_name\" content=\"Coast Post\"><meta property=\"article:author\" "
        "content=\"https://coastpost.example/staff/ann\"></head><body><article><h1>Tide tables change</h1>"
        "<p class=\"byline\">By Ann Lee</p><p>The harbour office publishes new tide tables from Monday, with "
        "corrections for the dredged channel.</p></article></body></html>",
        "t.html");
    CHECK(a.author == "Ann Lee");
    CHECK(a.title == "Tide tables change");
    CHECK(a.source == "Coast Post");
}
