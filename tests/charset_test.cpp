#include "charset.h"
#include "extractor.h"

#include <catch2/catch.hpp>
#include <unicode/unistr.h>

#include <string>

using namespace newsdex;

namespace {

// Encodes UTF-8 text into @p charset with ICU, the way a legacy site would have stored it.
std::string encode(const std::string& utf8, const char* charset) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
    std::string out(static_cast<std::size_t>(text.length()) * 4 + 16, '\0');
    const int32_t n = text.extract(0, text.length(), out.data(), static_cast<uint32_t>(out.size()), charset);
    out.resize(static_cast<std::size_t>(n));
    return out;
}

const std::string kRussian =
    "Городской совет утвердил новый маршрут трамвая, который свяжет вокзал с университетским кампусом. "
    "По словам мэра, строительство начнётся весной и займёт около двух лет, а стоимость проекта составит "
    "почти миллиард рублей.";
const std::string kUkrainian =
    "Міська рада затвердила новий маршрут трамвая, який з'єднає вокзал з університетським містечком. "
    "За словами мера, будівництво почнеться навесні й триватиме близько двох років, а їхня ґрунтовна "
    "підготовка вже триває.";

}  // namespace

TEST_CASE("undeclared Cyrillic code pages are detected and converted", "[charset]") {
    struct Case {
        const char* charset;
        const std::string* text;
    };
    const Case cases[] = {{"windows-1251", &kRussian}, {"KOI8-R", &kRussian},   {"IBM866", &kRussian},
                          {"ISO-8859-5", &kRussian},   {"KOI8-U", &kUkrainian}, {"windows-1251", &kUkrainian}};
    for (const auto& c : cases) {
        INFO(c.charset);
        const std::string bytes = encode(*c.text, c.charset);
        REQUIRE(bytes != *c.text);
        const Utf8Text converted = to_utf8(bytes);
        CHECK(converted.text == *c.text);
    }
}

TEST_CASE("Latin-1 text is not mistaken for a Cyrillic code page", "[charset]") {
    const std::string french = "Le caf\xE9 du march\xE9 a rouvert apr\xE8s des ann\xE9" "es de travaux \xE0 la gare.";
    CHECK(to_utf8(french).text == "Le café du marché a rouvert après des années de travaux à la gare.");
}

TEST_CASE("UTF-16 with a byte-order mark is converted", "[charset]") {
    const std::string le = std::string("\xFF\xFE", 2) + encode(kUkrainian, "UTF-16LE");
    const std::string be = std::string("\xFE\xFF", 2) + encode(kUkrainian, "UTF-16BE");
    CHECK(to_utf8(le).text == kUkrainian);
    CHECK(to_utf8(be).text == kUkrainian);
}

TEST_CASE("declared charsets are honoured: header first, then the document", "[charset]") {
    const std::string page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">"
                             "</head><body><p>" + kRussian + "</p></body></html>";
    const std::string bytes = encode(page, "KOI8-R");
    CHECK(declared_charset(bytes) == "koi8-r");
    CHECK(to_utf8(bytes).text == page);
    CHECK(charset_from_content_type("text/html; charset=\"Windows-1251\"") == "windows-1251");
    // The header wins over the page's own (here wrong) declaration.
    const std::string mislabelled = encode("<meta charset=\"iso-8859-5\"><p>" + kRussian + "</p>", "windows-1251");
    CHECK(to_utf8(mislabelled, "windows-1251").text == "<meta charset=\"iso-8859-5\"><p>" + kRussian + "</p>");
    CHECK(declared_charset("<?xml version=\"1.0\" encoding=\"KOI8-U\"?><rss/>") == "koi8-u");
}

TEST_CASE("invalid UTF-8 is repaired with U+FFFD, not dropped", "[charset]") {
    const std::string broken = "Київ \xC3\x28 мост \xFF";
    const std::string repaired = repair_utf8(broken);
    CHECK(repaired == "Київ \xEF\xBF\xBD( мост \xEF\xBF\xBD");
    // Mostly-valid UTF-8 with one broken byte stays UTF-8 rather than being re-decoded as a code page.
    const std::string mostly = kUkrainian + "\xFF";
    CHECK(to_utf8(mostly, "utf-8").text == kUkrainian + "\xEF\xBF\xBD");
}

TEST_CASE("an undeclared KOI8-R page is extracted as readable text", "[charset][html]") {
    const std::string page = "<html><head><title>Трамвай</title></head><body><article><p>" + kRussian +
                             "</p></article></body></html>";
    const Article a = extract_html(encode(page, "KOI8-R"), "page.html");
    CHECK(a.title == "Трамвай");
    CHECK(a.body == kRussian);
}

TEST_CASE("a UTF-16 JSON file is sniffed after conversion", "[charset][json]") {
    const std::string json = "{\"title\": \"Міст\", \"body\": \"" + kUkrainian + "\"}";
    const Member m{"a.json", std::string("\xFF\xFE", 2) + encode(json, "UTF-16LE")};
    const Extraction ex = extract_articles(m);
    REQUIRE(ex.articles.size() == 1);
    CHECK(ex.articles[0].title == "Міст");
    CHECK(ex.articles[0].body == kUkrainian);
}
