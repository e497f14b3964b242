#include "newsdex/schema.h"

#include <catch2/catch.hpp>

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
