// Article formats chosen by sniffing: WARC, RSS, Atom, plain text, JSON layouts.
#include "charset.h"
#include "extractor.h"
#include "newsdex/schema.h"

#include <catch2/catch.hpp>
#include <unicode/unistr.h>

#include <archive.h>
#include <archive_entry.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <utility>
#include <vector>

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
    CHECK(r.articles[0].published == "2024-03-05T10:20:30Z");
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

TEST_CASE("JSON arrays are read element by element, and a bad element costs only itself", "[formats][json]") {
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

TEST_CASE("HTML author from a byline when metadata has none or only a URL, and the site suffix cut", "[formats][html]") {
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

namespace {

// Content codings built here with zlib and libbrotli's encoder, so each test states its bytes.
std::string zlib_wrapped(const std::string& data, int window_bits) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

std::string brotli(const std::string& data) {
    std::string out(BrotliEncoderMaxCompressedSize(data.size()) + 64, '\0');
    std::size_t size = out.size();
    REQUIRE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                                  reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                                  reinterpret_cast<std::uint8_t*>(out.data())) == BROTLI_TRUE);
    out.resize(size);
    return out;
}

std::string chunk(const std::string& body, std::size_t piece, const std::string& extension = "") {
    std::string out;
    for (std::size_t at = 0; at < body.size(); at += piece) {
        const std::string part = body.substr(at, piece);
        char size[32];
        std::snprintf(size, sizeof size, "%zX", part.size());
        out += std::string(size) + extension + "\r\n" + part + "\r\n";
    }
    return out + "0\r\n\r\n";
}

std::string http_response(const std::string& headers, const std::string& body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + headers + "\r\n" + body;
}

const std::string kUtf8Page =
    "<html><head><title>Міст відкрили</title></head><body><nav><a href=\"/\">Головна</a></nav><article>"
    "<p>Після двох років ремонту міст через річку знову відкрили для руху автомобілів і трамваїв.</p>"
    "</article></body></html>";
const std::string kUtf8Body = "Після двох років ремонту міст через річку знову відкрили для руху автомобілів і трамваїв.";

Extraction one_response(const std::string& headers, const std::string& body) {
    return extract_warc({"enc.warc", warc_record("response", "https://misto.example.ua/mist", http_response(headers, body))});
}

}  // namespace

TEST_CASE("WARC content codings: gzip, deflate (zlib and raw), br, and stacked codings", "[formats][warc][encodings]") {
    struct Case {
        const char* name;
        std::string headers;
        std::string body;
    };
    const std::vector<Case> cases{
        {"identity", "Content-Encoding: identity\r\n", kUtf8Page},
        {"gzip", "Content-Encoding: gzip\r\n", zlib_wrapped(kUtf8Page, 15 + 16)},
        {"x-gzip", "Content-Encoding: x-gzip\r\n", gzip(kUtf8Page)},
        {"deflate, zlib-wrapped", "Content-Encoding: deflate\r\n", zlib_wrapped(kUtf8Page, 15)},
        {"deflate, raw", "Content-Encoding: Deflate\r\n", zlib_wrapped(kUtf8Page, -15)},
        {"br", "Content-Encoding: br\r\n", brotli(kUtf8Page)},
        {"gzip then br", "Content-Encoding: gzip, br\r\n", brotli(zlib_wrapped(kUtf8Page, 15 + 16))},
        {"two gzip members", "Content-Encoding: gzip\r\n",
         zlib_wrapped(kUtf8Page.substr(0, 100), 15 + 16) + zlib_wrapped(kUtf8Page.substr(100), 15 + 16)},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        const Extraction ex = one_response(c.headers, c.body);
        CHECK(ex.problems.empty());
        REQUIRE(ex.articles.size() == 1);
        CHECK(ex.articles[0].title == "Міст відкрили");
        CHECK(ex.articles[0].body == kUtf8Body);
        // The same coding under chunked transfer coding, in pieces that split multi-byte data.
        const Extraction chunked = one_response("Transfer-Encoding: chunked\r\n" + c.headers, chunk(c.body, 7));
        CHECK(chunked.problems.empty());
        REQUIRE(chunked.articles.size() == 1);
        CHECK(chunked.articles[0].body == kUtf8Body);
    }
}

TEST_CASE("WARC chunked transfer coding: extensions, trailers, upper-case sizes", "[formats][warc][encodings]") {
    // Chunk extensions after ';' and trailer fields after the last chunk carry nothing for us.
    std::string body = chunk(kUtf8Page, 40, ";name=value");
    body.insert(body.size() - 2, "Expires: never\r\n");
    const Extraction ex = one_response("Transfer-Encoding: chunked\r\n", body);
    CHECK(ex.problems.empty());
    REQUIRE(ex.articles.size() == 1);
    CHECK(ex.articles[0].body == kUtf8Body);
    // A body that ends right after its last data chunk (some crawlers drop the zero chunk).
    std::string no_end = chunk(kUtf8Page, 64);
    no_end.resize(no_end.size() - 5);
    const Extraction cut = one_response("Transfer-Encoding: chunked\r\n", no_end);
    CHECK(cut.problems.empty());
    REQUIRE(cut.articles.size() == 1);
    CHECK(cut.articles[0].body == kUtf8Body);
    // A body stored already de-chunked under a header still saying "chunked" is read as it is.
    const Extraction plain = one_response("Transfer-Encoding: chunked\r\n", kUtf8Page);
    CHECK(plain.problems.empty());
    REQUIRE(plain.articles.size() == 1);
    CHECK(plain.articles[0].body == kUtf8Body);
}

TEST_CASE("WARC corrupt encoded bodies: the record is skipped with a reason, the rest indexed", "[formats][warc][encodings]") {
    const std::string gz = zlib_wrapped(kUtf8Page, 15 + 16);
    std::string flipped = gz;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x55);
    std::string bad_chunks = chunk(kUtf8Page, 50);
    bad_chunks.replace(bad_chunks.find("\r\n32\r\n") + 2, 2, "zz");  // the second chunk's size
    const std::string too_short_chunk = "FFFF\r\n" + kUtf8Page + "\r\n0\r\n\r\n";
    auto record = [](const std::string& uri, const std::string& headers, const std::string& body) {
        return warc_record("response", uri, http_response(headers, body));
    };
    const std::string warc =
        record("https://misto.example.ua/gzip-cut", "Content-Encoding: gzip\r\n", gz.substr(0, gz.size() / 2)) +
        record("https://misto.example.ua/gzip-flipped", "Content-Encoding: gzip\r\n", flipped) +
        record("https://misto.example.ua/br-garbage", "Content-Encoding: br\r\n", "this is not brotli at all, just text") +
        record("https://misto.example.ua/br-cut", "Content-Encoding: br\r\n", brotli(kUtf8Page).substr(0, 20)) +
        record("https://misto.example.ua/deflate-garbage", "Content-Encoding: deflate\r\n", std::string("\xff\xfe\xfd\xfc", 4)) +
        record("https://misto.example.ua/bad-chunk-size", "Transfer-Encoding: chunked\r\n", bad_chunks) +
        record("https://misto.example.ua/chunk-past-end", "Transfer-Encoding: chunked\r\n", too_short_chunk) +
        record("https://misto.example.ua/compress", "Content-Encoding: compress\r\n", "\x1f\x9d...") +
        record("https://misto.example.ua/mist", "Content-Encoding: gzip\r\n", gz);
    const Extraction ex = extract_articles({"bad.warc", warc});
    REQUIRE(ex.articles.size() == 1);
    CHECK(ex.articles[0].url == "https://misto.example.ua/mist");
    CHECK(ex.articles[0].body == kUtf8Body);
    REQUIRE(ex.problems.size() == 8);
    const std::vector<std::pair<std::string, std::string>> expected{
        {"gzip-cut", "cannot decode the gzip body: compressed body is truncated"},
        {"gzip-flipped", "cannot decode the gzip body"},
        {"br-garbage", "cannot decode the br body"},
        {"br-cut", "cannot decode the br body: compressed body is truncated"},
        {"deflate-garbage", "cannot decode the deflate body"},
        {"bad-chunk-size", "chunked body has a bad chunk size line"},
        {"chunk-past-end", "chunked body is truncated inside a chunk"},
        {"compress", "content coding compress"},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO(expected[i].first << ": " << ex.problems[i].detail);
        CHECK(ex.problems[i].where == "bad.warc#https://misto.example.ua/" + expected[i].first);
        CHECK(ex.problems[i].reason == (expected[i].first == "compress" ? "unsupported format" : "corrupt member"));
        CHECK(ex.problems[i].detail.rfind(expected[i].second, 0) == 0);
    }
}

TEST_CASE("plain text: navigation lines above the headline are not the title", "[formats][text]") {
    const Extraction uk = extract_articles(
        {"page.txt",
         "ua en ru\n"
         "Головна | Новини | Спорт | Культура\n"
         "Головна › Новини › Київ\n"
         "\n"
         "Меню\n"
         "==========\n"
         "У Києві відкрили новий міст через Дніпро\n"
         "\n"
         "Міст будували чотири роки, і тепер ним поїдуть трамваї.\n"});
    REQUIRE(uk.articles.size() == 1);
    CHECK(uk.articles[0].title == "У Києві відкрили новий міст через Дніпро");
    CHECK(uk.articles[0].body == "Міст будували чотири роки, і тепер ним поїдуть трамваї.");

    const Extraction en = extract_articles(
        {"page.txt",
         "UA | EN | RU\n"
         "Sign In\n"
         "* * *\n"
         "Home / World / Europe\n"
         "Night train returns to the Highlands after twenty years\n"
         "By: Ann Hill\n"
         "\n"
         "The sleeper service left Glasgow at midnight.\n"});
    REQUIRE(en.articles.size() == 1);
    CHECK(en.articles[0].title == "Night train returns to the Highlands after twenty years");
    CHECK(en.articles[0].author == "Ann Hill");
    CHECK(en.articles[0].body == "The sleeper service left Glasgow at midnight.");

    // A short headline right above the header lines is the title, whatever it looks like.
    const Extraction short_title = extract_articles(
        {"page.txt", "рус укр\nПогода\nDate: 2024-02-01\n\nЗавтра похолодає до мінус десяти.\n"});
    REQUIRE(short_title.articles.size() == 1);
    CHECK(short_title.articles[0].title == "Погода");
    CHECK(short_title.articles[0].published == "2024-02-01");

    // Three short words that are not all capitalised read like a headline; so does a Russian one.
    const Extraction ru = extract_articles({"page.txt", "Главная | Новости\nЦены снова выросли\n\nИнфляция ускорилась в марте.\n"});
    REQUIRE(ru.articles.size() == 1);
    CHECK(ru.articles[0].title == "Цены снова выросли");

    // A text of nothing but menus still gets its first line as the title.
    const Extraction menus = extract_articles({"page.txt", "ua en ru\nГоловна | Новини\n"});
    REQUIRE(menus.articles.size() == 1);
    CHECK(menus.articles[0].title == "ua en ru");
}

TEST_CASE("feed and WARC dates keep their offset for display and their instant for the index", "[formats][dates]") {
    const std::string rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Київ сьогодні</title>
<item><title>Нічний потяг</title><link>https://kyiv.example.ua/a</link><pubDate>Fri, 01 Mar 2019 01:30:00 +0300</pubDate>
<description>Потяг вирушив опівночі.</description></item>
<item><title>Night train</title><link>https://kyiv.example.ua/b</link><pubDate>Thu, 28 Feb 2019 17:30:00 EST</pubDate>
<description>The train left at midnight.</description></item>
</channel></rss>)";
    const Extraction r = extract_articles({"feed.xml", rss});
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].published == "2019-03-01T01:30:00+03:00");
    CHECK(r.articles[1].published == "2019-02-28T17:30:00-05:00");
    CHECK(newsdex::schema::date_key(r.articles[0].published) == "20190228223000");
    CHECK(newsdex::schema::date_key(r.articles[1].published) == "20190228223000");
}
