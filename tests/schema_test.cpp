#include "newsdex/schema.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace newsdex;

TEST_CASE("date keys from ISO 8601", "[schema]") {
    CHECK(schema::date_key("2021-03-04") == "20210304000000");
    CHECK(schema::date_key("2021-03-04T05:06:07Z") == "20210304050607");
    CHECK(schema::date_key("2021-03-04 05:06") == "20210304050600");
    CHECK(schema::date_key("1987") == "19870101000000");
    CHECK(schema::date_key("2019-06") == "20190601000000");
    CHECK(schema::date_key("yesterday").empty());
    CHECK(schema::date_key("2021-13-01") == "20210101000000");
}

TEST_CASE("hosts from URLs", "[schema]") {
    CHECK(schema::url_host("https://www.Example.com/a/b?c") == "example.com");
    CHECK(schema::url_host("http://user@news.example:8080/x") == "news.example");
    CHECK(schema::url_host("not a url").empty());
}

TEST_CASE("long ids are hashed into a term Xapian accepts", "[schema]") {
    const std::string long_id(1000, 'x');
    const std::string term = schema::id_term(long_id);
    CHECK(term.size() <= 240);
    CHECK(term != schema::id_term(long_id + "y"));
    CHECK(schema::id_term("abc") == "Qabc");
}

TEST_CASE("stored articles round-trip", "[schema]") {
    Article a{"id1", "https://x.example/1", "Заголовок", "Автор", "2021-01-02", "uk", "Джерело", "Текст\nдругий", "a.zip!b.html"};
    const Article b = schema::decode_article(schema::encode_article(a));
    CHECK(b.id == a.id);
    CHECK(b.title == a.title);
    CHECK(b.body == a.body);
    CHECK(b.origin == a.origin);
    CHECK(b.lang == a.lang);
}

TEST_CASE("stored articles survive any bytes and reject garbage", "[schema]") {
    Article a;
    a.body = std::string("binary\0data\xff", 12) + std::string(300, 'x');
    a.title = "«Київ»";
    const Article b = schema::decode_article(schema::encode_article(a));
    CHECK(b.body == a.body);
    CHECK(b.title == a.title);
    CHECK(schema::decode_article("").title.empty());
    CHECK(schema::decode_article("\x01\xff\xff").title.empty());
    CHECK(schema::decode_article("{\"title\":\"x\"}").title.empty());
}

// The date model (docs/schema.md, "Dates"): one instant in UTC whatever the format wrote.
TEST_CASE("dates with offsets and Z are stored as their instant in UTC", "[schema][dates]") {
    // 01:30 in Kyiv on 1 March is still 28 February in UTC.
    CHECK(schema::date_key("2019-03-01T01:30:00+03:00") == "20190228223000");
    CHECK(schema::date_key("2019-03-01T01:30:00+0300") == "20190228223000");
    CHECK(schema::date_key("2019-03-01T01:30+03") == "20190228223000");
    CHECK(schema::date_key("2019-03-01 01:30:00 +03:00") == "20190228223000");
    CHECK(schema::date_key("2019-03-01T01:30:00.250+03:00") == "20190228223000");
    CHECK(schema::date_key("2019-02-28T22:30:00Z") == "20190228223000");
    CHECK(schema::date_key("2019-02-28T22:30:00z") == "20190228223000");
    CHECK(schema::date_key("2019-02-28T17:30:00-05:00") == "20190228223000");
    CHECK(schema::date_key("2019-02-28T22:30:00 UTC") == "20190228223000");
    CHECK(schema::date_key("2019-03-01T04:00:00+05:30") == "20190228223000");
    // Across a year and a leap day.
    CHECK(schema::date_key("2021-01-01T00:15:00+02:00") == "20201231221500");
    CHECK(schema::date_key("2020-02-29T23:00:00-02:00") == "20200301010000");
    CHECK(schema::date_key("2019-03-01T24:00:00Z") == "20190302000000");
    // The query side keys the same way: --until 2019-02-28T22:30Z includes the minute.
    CHECK(schema::date_key_end("2019-03-01T01:30+03:00") == "20190228223059");
}

TEST_CASE("RFC 822 dates with numeric offsets, GMT and zone names", "[schema][dates]") {
    CHECK(schema::date_key("Fri, 01 Mar 2019 01:30:00 +0300") == "20190228223000");
    CHECK(schema::date_key("01 Mar 2019 01:30:00 +0300") == "20190228223000");
    CHECK(schema::date_key("Fri, 1 Mar 2019 01:30 +0300") == "20190228223000");
    CHECK(schema::date_key("Thu, 28 Feb 2019 22:30:00 GMT") == "20190228223000");
    CHECK(schema::date_key("Thu, 28 Feb 2019 22:30:00 UT") == "20190228223000");
    CHECK(schema::date_key("Thu, 28 Feb 2019 17:30:00 EST") == "20190228223000");
    CHECK(schema::date_key("Thu, 28 Feb 2019 18:30:00 EDT") == "20190228223000");
    CHECK(schema::date_key("Thu, 28 Feb 2019 14:30:00 PST") == "20190228223000");
    CHECK(schema::date_key("Thursday, 28-Feb-19 22:30:00 GMT") == "20190228223000");  // RFC 850
    CHECK(schema::date_key("Fri, 01 Mar 2019 00:30:00 EET") == "20190228223000");
    // Moscow time by ICU's history: +04:00 in 2012, +03:00 since 2014.
    CHECK(schema::date_key("Fri, 01 Mar 2019 01:30:00 MSK") == "20190228223000");
    CHECK(schema::date_key("Thu, 01 Mar 2012 01:30:00 MSK") == "20120229213000");
    // A zone by its IANA id, summer time included (Kyiv is +03:00 in July).
    CHECK(schema::date_key("2019-07-01T01:30:00 Europe/Kiev") == "20190630223000");
    CHECK(schema::date_key("2019-01-01T01:30:00 Europe/Kiev") == "20181231233000");
}

TEST_CASE("local times without a zone are taken as written, dates alone are whole days", "[schema][dates]") {
    CHECK(schema::date_key("2019-03-01T01:30:00") == "20190301013000");
    CHECK(schema::date_key("2019-03-01 01:30") == "20190301013000");
    CHECK(schema::date_key("Fri, 01 Mar 2019 01:30:00") == "20190301013000");
    // A day is the same day in every zone: never shifted, wherever it was published.
    CHECK(schema::date_key("2019-03-01") == "20190301000000");
    CHECK(schema::date_key_end("2019-03-01") == "20190301235959");
    CHECK(schema::date_key("1 Mar 2019") == "20190301000000");
    CHECK(schema::date_key("2019-02-30") == "20190201000000");  // no such day: the month
    CHECK(schema::date_key("2021-03-04T05:06:07+25:00") == "20210304050607");  // no such offset: as written

    const auto kyiv = schema::parse_date("Fri, 01 Mar 2019 01:30:00 +0300");
    REQUIRE(kyiv);
    CHECK(kyiv->utc_key == "20190228223000");
    CHECK(kyiv->iso == "2019-03-01T01:30:00+03:00");  // shown as published
    CHECK(kyiv->zoned);
    const auto gmt = schema::parse_date("Thu, 28 Feb 2019 22:30:00 GMT");
    REQUIRE(gmt);
    CHECK(gmt->iso == "2019-02-28T22:30:00Z");
    const auto est = schema::parse_date("Thu, 28 Feb 2019 17:30:00 EST");
    REQUIRE(est);
    CHECK(est->iso == "2019-02-28T17:30:00-05:00");
    const auto local = schema::parse_date("2019-03-01T01:30:00");
    REQUIRE(local);
    CHECK(local->iso == "2019-03-01T01:30:00");
    CHECK(!local->zoned);
    const auto day = schema::parse_date("2019-03-01");
    REQUIRE(day);
    CHECK(day->whole_day);
    CHECK(day->iso == "2019-03-01");
    CHECK(!schema::parse_date("yesterday"));
    CHECK(!schema::parse_date("Mar 2019"));
}

TEST_CASE("hosts: IPv6, IDN in either spelling, ports, user info, case", "[schema][hosts]") {
    CHECK(schema::url_host("http://[2001:DB8:0:0:0:0:0:1]:8080/news") == "[2001:db8::1]");
    CHECK(schema::url_host("http://[::1]/") == "[::1]");
    CHECK(schema::url_host("https://user:secret@News.Example.COM:443/a?b#c") == "news.example.com");
    CHECK(schema::url_host("http://192.0.2.7:8080/x") == "192.0.2.7");
    CHECK(schema::url_host("HTTPS://WWW.EXAMPLE.ORG.") == "example.org");
    // One stored form for an IDN host, Unicode, whichever spelling the URL used.
    CHECK(schema::url_host("https://кирилиця.укр/новини") == "кирилиця.укр");
    CHECK(schema::url_host("https://КИРИЛИЦЯ.УКР/") == "кирилиця.укр");
    CHECK(schema::url_host("https://xn--h1aaafh2a9b4d.xn--j1amh/x") == "кирилиця.укр");
    CHECK(schema::url_host("https://www.xn--h1aaafh2a9b4d.xn--j1amh/x") == "кирилиця.укр");
    CHECK(schema::url_host("http://%D0%BA%D0%B8%D1%80%D0%B8%D0%BB%D0%B8%D1%86%D1%8F.%D1%83%D0%BA%D1%80/") == "кирилиця.укр");
    CHECK(schema::url_host("https://пример.рф:8443/путь") == "пример.рф");
    CHECK(schema::url_host("https://my_site.example/a") == "my_site.example");
    CHECK(schema::url_host("mailto:someone@example.com").empty());
    CHECK(schema::url_host("/relative/path").empty());
    CHECK(schema::url_host("http://[::1").empty());
}

TEST_CASE("lemma-table rows are written relative to their key's word and read back whole", "[schema]") {
    using schema::LemmaKeys;
    const std::vector<std::vector<std::string>> cases = {
        {"говорити"},                    // shares all but the ending
        {"рік", "ріка"},                 // two readings, one longer than the form
        {"йти"},                         // nothing shared
        {"роками"},                      // the form itself
        {"сутки", "суток", "сутками"},   // several, in order
    };
    const std::vector<std::string> words = {"говорили", "року", "ішов", "роками", "сутки"};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string row = schema::lemma_row(words[i], cases[i], LemmaKeys::compact);
        CHECK(std::count(row.begin(), row.end(), '\n') + 1 == static_cast<std::ptrdiff_t>(cases[i].size()));
        CHECK(schema::lemma_row_items(words[i], row, LemmaKeys::compact) == cases[i]);
        CHECK(schema::lemma_row(words[i], cases[i], LemmaKeys::verbose) == schema::join_lines(cases[i]));
        CHECK(schema::lemma_row_items(words[i], schema::join_lines(cases[i]), LemmaKeys::verbose) == cases[i]);
    }
    // A lemma repeats its form: the row keeps only what differs.
    CHECK(schema::lemma_row("говорили", {"говорити"}, LemmaKeys::compact).size() < std::string("говорити").size() / 2);
    // A word that shares less than its last 94 bytes is written whole.
    const std::string long_word(60, 'a');
    const std::string other(60, 'b');
    const std::string whole = schema::lemma_row(long_word + long_word, {other}, LemmaKeys::compact);
    CHECK(whole.size() == other.size() + 1);
    CHECK(schema::lemma_row_items(long_word + long_word, whole, LemmaKeys::compact) == std::vector<std::string>{other});
    // A line no writer made (a count beyond the word) is skipped, not misread.
    CHECK(schema::lemma_row_items("ab", "~x\n\"c", LemmaKeys::compact) == std::vector<std::string>{"c"});
}
