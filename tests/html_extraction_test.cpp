// HTML main text: each signal of html_content.cpp on a small page of its own, switched on and off
// through MainTextParams where it is a parameter, so that a test fails when the signal stops working.
#include "extractor.h"
#include "html_content.h"

#include <catch2/catch.hpp>
#include <libxml/HTMLparser.h>

#include <memory>
#include <string>

using namespace newsdex;

namespace {

std::string main_text(const std::string& html, const MainTextParams& params = {}) {
    std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc(
        htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
        xmlFreeDoc);
    REQUIRE(doc);
    return html_main_text(xmlDocGetRootElement(doc.get()), params);
}

bool has(const std::string& text, const std::string& passage) { return text.find(passage) != std::string::npos; }

const std::string kPara1 =
    "The ferry between the two islands will run twice a day from April, the harbour office said on Monday morning.";
const std::string kPara2 =
    "Until now the boat sailed only on weekdays, which left weekend visitors stranded on the smaller island overnight.";
const std::string kPara3 =
    "The extra sailings are paid for by a tourism levy that the island council introduced last year, officials added.";

std::string paragraphs() { return "<p>" + kPara1 + "</p><p>" + kPara2 + "</p><p>" + kPara3 + "</p>"; }

}  // namespace

TEST_CASE("HTML main text: prose paragraphs win over menus, link lists and footers", "[html][maintext]") {
    const std::string page =
        "<html><body><div class='top'><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></div>"
        "<div class='page'><div class='story'>" + paragraphs() + "</div>"
        "<ul><li><a href='/1'>Island bus timetable changes for the summer season explained</a></li>"
        "<li><a href='/2'>Harbour wall repairs to start once the storm season is over</a></li></ul></div>"
        "<div class='bottom'><a href='/terms'>Terms of use and the privacy policy of this website</a></div></body></html>";
    const std::string text = main_text(page);
    CHECK(has(text, kPara1));
    CHECK(has(text, kPara3));
    CHECK_FALSE(has(text, "Island bus timetable"));
    CHECK_FALSE(has(text, "Terms of use"));
    CHECK_FALSE(has(text, "Sport"));
}

TEST_CASE("HTML main text: text in divs separated by <br>, without <p>", "[html][maintext]") {
    const std::string page = "<html><body><div><a href='/'>Front page</a> | <a href='/a'>Archive</a></div><div><div>" + kPara1 +
                             "<br><br>" + kPara2 + "</div><div>" + kPara3 +
                             "</div></div><div>&lt;&lt; <a href='/list'>Back to the list of all news</a></div></body></html>";
    const std::string text = main_text(page);
    CHECK(has(text, kPara1));
    CHECK(has(text, kPara2));
    CHECK(has(text, kPara3));
    CHECK_FALSE(has(text, "Back to the list"));
}

TEST_CASE("HTML main text: JSON-LD articleBody vouches for short lines and linked paragraphs", "[html][maintext][markup]") {
    // Too short to be prose on its own, no sentence end, and mostly a link: density alone drops it.
    const std::string short_line = "Sailings resume at dawn each day";
    const std::string linked = "Tickets are sold at the harbour office";
    const std::string page =
        "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"articleBody\":\"" + kPara1 + " " +
        short_line + " " + linked + " " + kPara2 + "\"}</script></head><body><div class='a'><p>" + kPara1 + "</p><p>" +
        short_line + "</p><p><a href='/t'>" + linked + "</a></p><p>" + kPara2 + "</p><p>" + kPara3 + "</p></div></body></html>";
    MainTextParams off;
    off.metadata_hints = false;
    const std::string without = main_text(page, off);
    CHECK_FALSE(has(without, short_line));
    CHECK_FALSE(has(without, linked));
    const std::string with = main_text(page);
    CHECK(has(with, short_line));
    CHECK(has(with, linked));
    CHECK(has(with, kPara3));  // paragraphs the articleBody left out still count by density
}

TEST_CASE("HTML main text: og:description marks the standfirst as article text", "[html][maintext][markup]") {
    const std::string standfirst = "Weekend ferries return to the islands";
    const std::string page = "<html><head><meta property='og:description' content='" + standfirst +
                             "'></head><body><div class='story'><div class='lead'>" + standfirst + "</div>" + paragraphs() +
                             "</div></body></html>";
    MainTextParams off;
    off.metadata_hints = false;
    CHECK_FALSE(has(main_text(page, off), standfirst));
    CHECK(has(main_text(page), standfirst));
}

TEST_CASE("HTML main text: <article> markup is cross-checked against density", "[html][maintext][markup]") {
    MainTextParams trust;
    trust.markup_share = 0.3;
    SECTION("an itemprop=articleBody that holds the body is the root, the prose-like notice beside it is not") {
        const std::string notice =
            "This website is run by volunteers, and every article is checked by two editors before it appears, so please be patient.";
        const std::string page = "<html><body><div class='wrap'><div itemprop='articleBody'>" + paragraphs() +
                                 "</div><div class='x'><p>" + notice + "</p></div></div></body></html>";
        MainTextParams never;
        never.markup_share = 2;
        CHECK(has(main_text(page, never), notice));
        const std::string text = main_text(page, trust);
        CHECK(has(text, kPara2));
        CHECK_FALSE(has(text, notice));
    }
    SECTION("one <article> teaser among many is not taken for the page's article") {
        std::string teasers;
        for (int i = 0; i < 4; ++i)
            teasers += "<article><a href='/s" + std::to_string(i) +
                       "'>Another story from the islands, number " + std::to_string(i) + "</a><p>A short summary, as teasers have.</p></article>";
        const std::string page = "<html><body><div class='body'>" + paragraphs() + "</div><div class='feed'>" + teasers +
                                 "</div></body></html>";
        const std::string text = main_text(page, trust);
        CHECK(has(text, kPara1));
        CHECK(has(text, kPara3));
    }
}

TEST_CASE("HTML main text: repeated records (a comment thread without class names saying so)", "[html][maintext][records]") {
    std::string thread;
    for (int i = 0; i < 5; ++i)
        thread += "<div class='r'><div class='who'>reader" + std::to_string(i) +
                  "</div><div class='said'>I have lived on the island for years and the weekend boat has always been a problem, "
                  "so this is welcome news for all of us, comment " +
                  std::to_string(i) + ".</div><div class='acts'><a href='#'>Reply</a></div></div>";
    const std::string page =
        "<html><body><div class='col'><h1>Weekend ferries</h1>" + paragraphs() + "<div class='talk'>" + thread + "</div></div></body></html>";
    MainTextParams off;
    off.record_penalty = 0;
    CHECK(has(main_text(page, off), "comment 3"));
    MainTextParams on;
    on.record_penalty = 1;
    // The paragraphs share their parent with the thread: the root is one of them, and its
    // sibling paragraphs join it.
    on.join_share = 0.1;
    const std::string text = main_text(page, on);
    CHECK(has(text, kPara1));
    CHECK(has(text, kPara3));
    CHECK_FALSE(has(text, "comment 3"));
}

TEST_CASE("HTML main text: a plain run of <p> paragraphs is not a set of records", "[html][maintext][records]") {
    MainTextParams on;
    on.record_penalty = 1;
    const std::string page = "<html><body><div class='story'>" + paragraphs() + "<p><a href='/x'>A linked paragraph</a> " +
                             kPara1 + "</p></div></body></html>";
    const std::string text = main_text(page, on);
    CHECK(has(text, kPara1));
    CHECK(has(text, kPara2));
    CHECK(has(text, kPara3));
}

TEST_CASE("HTML main text: siblings of the root that are prose join it", "[html][maintext]") {
    // The second column's parent also holds a long link list, so density alone stops at the first column.
    std::string links;
    for (int i = 0; i < 12; ++i)
        links += "<li><a href='/l" + std::to_string(i) + "'>A much longer link to another island story number " +
                 std::to_string(i) + "</a></li>";
    const std::string page = "<html><body><div class='cols'><div class='c1'>" + paragraphs() + "</div><div class='c2'><p>" +
                             kPara2 + " And a second column.</p></div><ul>" + links + "</ul></div></body></html>";
    MainTextParams off;
    off.join_share = 2;
    CHECK_FALSE(has(main_text(page, off), "a second column"));
    MainTextParams on;
    on.join_share = 0.1;
    const std::string text = main_text(page, on);
    CHECK(has(text, "a second column"));
    CHECK_FALSE(has(text, "story number 3"));
}

TEST_CASE("HTML main text: extract_html uses the page's windows-1251 declaration", "[html][maintext]") {
    // "Паром ходить" in windows-1251 inside a paragraph of Russian prose, declared in a meta tag.
    const std::string cp1251_para =
        "\xCF\xE0\xF0\xEE\xEC \xE1\xF3\xE4\xE5\xF2 \xF5\xEE\xE4\xE8\xF2\xFC \xE4\xE2\xE0\xE6\xE4\xFB \xE2 "
        "\xE4\xE5\xED\xFC, \xF1\xEE\xEE\xE1\xF9\xE8\xEB\xE8 \xE2 \xEF\xEE\xF0\xF2\xF3, \xE8 \xE1\xE8\xEB\xE5\xF2\xFB "
        "\xEF\xF0\xEE\xE4\xE0\xFE\xF2 \xE2 \xEA\xE0\xF1\xF1\xE5.";
    const std::string page = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'></head>"
                             "<body><div><a href='/'>Home</a></div><div class='t'><p>" + cp1251_para + "</p><p>" + cp1251_para +
                             "</p></div></body></html>";
    const Article a = extract_html(page, "ru.html");
    CHECK(has(a.body, "Паром будет ходить дважды в день"));
}
