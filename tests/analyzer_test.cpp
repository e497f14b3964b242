#include "newsdex/analyzer.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

using newsdex::Analyzer;

namespace {

std::vector<std::string> terms(const Analyzer& a, std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : a.tokenize(text)) out.push_back(t.term);
    return out;
}

}  // namespace

TEST_CASE("analyzer folds case and keeps Ukrainian letters", "[analyzer]") {
    Analyzer a;
    CHECK(terms(a, "Київ ЇЖАК Ґанок") == std::vector<std::string>{"київ", "їжак", "ґанок"});
    CHECK(terms(a, "The QUICK fox") == std::vector<std::string>{"the", "quick", "fox"});
}

TEST_CASE("analyzer unifies apostrophes inside words", "[analyzer]") {
    Analyzer a;
    const std::string expected = "м'ясо";
    for (const char* form : {"м'ясо", "м\u2019ясо", "м\u02BCясо", "м`ясо", "м\u00B4ясо", "М\u2019ЯСО"}) {
        INFO(form);
        CHECK(terms(a, form) == std::vector<std::string>{expected});
    }
}

TEST_CASE("analyzer drops stress marks, soft hyphens and zero-width characters", "[analyzer]") {
    Analyzer a;
    CHECK(terms(a, "за\u0301мок") == std::vector<std::string>{"замок"});
    CHECK(terms(a, "пере\u00ADговори") == std::vector<std::string>{"переговори"});
    CHECK(terms(a, "пере\u200Bговори") == std::vector<std::string>{"переговори"});
    // й and ї are letters of their own, never stripped of their marks.
    CHECK(terms(a, "йод їжа") == std::vector<std::string>{"йод", "їжа"});
    CHECK(terms(a, "и\u0306од") == std::vector<std::string>{"йод"});
}

TEST_CASE("analyzer folds ё to е", "[analyzer]") {
    Analyzer a;
    CHECK(terms(a, "Ёлка ёлка елка") == std::vector<std::string>{"елка", "елка", "елка"});
}

TEST_CASE("analyzer reports positions and byte offsets into the original text", "[analyzer]") {
    Analyzer a;
    const std::string text = "«Києві», — сказав він.";
    const auto tokens = a.tokenize(text, 10);
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[0].term == "києві");
    CHECK(tokens[0].position == 10);
    CHECK(tokens[2].position == 12);
    CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Києві");
    CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "сказав");
}

TEST_CASE("analyzer survives invalid UTF-8", "[analyzer]") {
    Analyzer a;
    const std::string text = "good \xff\xfe bad\xc3";
    const auto tokens = a.tokenize(text);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].term == "good");
    CHECK(tokens[1].term == "bad");
    CHECK(tokens[1].end <= text.size());
}

TEST_CASE("normalize gives the same form as tokenize", "[analyzer]") {
    Analyzer a;
    for (const char* w : {"Переговорів", "м’ясо", "Ёж", "ЗА\u0301МОК", "Apple"}) {
        INFO(w);
        const auto t = a.tokenize(w);
        REQUIRE(t.size() == 1);
        CHECK(a.normalize(w) == t[0].term);
    }
}

TEST_CASE("analyzer repairs words that mix Cyrillic and Latin look-alikes", "[analyzer]") {
    Analyzer a;
    CHECK(terms(a, "Kиїв") == std::vector<std::string>{"київ"});         // Latin K
    CHECK(terms(a, "мaмa") == std::vector<std::string>{"мама"});         // Latin a
    CHECK(terms(a, "Pоссия") == std::vector<std::string>{"россия"});     // Latin P
    CHECK(terms(a, "cоde") == std::vector<std::string>{"code"});         // Cyrillic о
    CHECK(terms(a, "Kуiv") == std::vector<std::string>{"kyiv"});         // Cyrillic у
    CHECK(terms(a, "з\u00E1мок") == std::vector<std::string>{"замок"});  // Latin á as a stress mark
    CHECK(terms(a, "caf\u00E9") == std::vector<std::string>{"caf\u00E9"});  // Latin words keep theirs
    CHECK(terms(a, "ixoрa") == std::vector<std::string>{"ixopa"});       // all look-alikes: majority wins
    // Both scripts have letters without a look-alike: a deliberate mix is left alone.
    CHECK(terms(a, "fїgд") == std::vector<std::string>{"fїgд"});
}

TEST_CASE("analyzer gives hyphenated compounds whole and by parts", "[analyzer]") {
    Analyzer a;
    const std::string text = "в Івано-Франківську сьогодні";
    const auto t = a.tokenize(text);
    REQUIRE(t.size() == 5);
    CHECK(t[1].term == "івано-франківську");
    CHECK(t[1].kind == newsdex::TokenKind::compound);
    CHECK(t[1].position == 1);
    CHECK(text.substr(t[1].begin, t[1].end - t[1].begin) == "Івано-Франківську");
    CHECK(t[2].term == "івано");
    CHECK(t[2].kind == newsdex::TokenKind::part);
    CHECK(t[2].position == 1);
    CHECK(t[3].term == "франківську");
    CHECK(t[3].position == 2);
    CHECK(t[4].term == "сьогодні");
    CHECK(t[4].position == 3);
    // A dash between spaced words joins nothing.
    CHECK(terms(a, "Київ — Львів") == std::vector<std::string>{"київ", "львів"});
}

TEST_CASE("analyzer keeps numbers, dates, e-mail addresses and URLs whole", "[analyzer]") {
    Analyzer a;
    CHECK(terms(a, "3,14 і 04.03.2021") == std::vector<std::string>{"3,14", "і", "04.03.2021"});
    CHECK(terms(a, "on 2021-03-04.") == std::vector<std::string>{"on", "2021-03-04", "2021", "03", "04"});
    const auto mail = terms(a, "пишіть: Olena.Koval@ukr.net.");
    CHECK(std::find(mail.begin(), mail.end(), "olena.koval@ukr.net") != mail.end());
    const std::string text = "див. https://Example.com/news/a-b?x=1, далі";
    const auto t = a.tokenize(text);
    REQUIRE(t.size() >= 3);
    CHECK(t[1].term == "https://example.com/news/a-b?x=1");
    CHECK(t[1].kind == newsdex::TokenKind::compound);
    CHECK(text.substr(t[1].begin, t[1].end - t[1].begin) == "https://Example.com/news/a-b?x=1");
    CHECK(t.back().term == "далі");
}

TEST_CASE("the Cyrillic fast path folds exactly like NFKC_Casefold", "[analyzer]") {
    Analyzer a;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    REQUIRE(U_SUCCESS(status));
    for (UChar32 c = 0x0400; c <= 0x04FF; ++c) {
        if (!u_isalpha(c) || c == 0x0401 || c == 0x0451 || c == 0x0400 || c == 0x0450 || c == 0x040D || c == 0x045D)
            continue;  // ё, ѐ, ѝ are folded further on purpose
        icu::UnicodeString word(static_cast<UChar32>(0x0434));  // д + c: a word of two letters
        word.append(c);
        std::string expected;
        nfkc_cf->normalize(word, status).toUTF8String(expected);
        std::string utf8;
        word.toUTF8String(utf8);
        INFO("U+" << std::hex << c);
        CHECK(a.normalize(utf8) == expected);
    }
}
