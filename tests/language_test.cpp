#include "newsdex/language.h"
#include "newsdex/stemmer.h"

#include <catch2/catch.hpp>

using namespace newsdex;

TEST_CASE("language detection by alphabet and function words", "[language]") {
    CHECK(detect_language("Учора в Києві відбулися переговори щодо експорту зерна.") == Language::uk);
    CHECK(detect_language("Вчера в Киеве прошли переговоры об экспорте зерна.") == Language::ru);
    CHECK(detect_language("Talks on grain exports were held in Kyiv yesterday.") == Language::en);
    CHECK(detect_language("12345 !!!", Language::uk) == Language::uk);
}

TEST_CASE("the declared language only breaks ties", "[language]") {
    CHECK(detect_language("Talks on grain exports were held in the port.", Language::ru) == Language::en);
    CHECK(detect_language("Мама мила раму", Language::uk) == Language::uk);
    CHECK(detect_language("Мама мила раму", Language::ru) == Language::ru);
}

TEST_CASE("language codes", "[language]") {
    CHECK(language_from_code("uk_UA") == Language::uk);
    CHECK(language_from_code("ru-RU") == Language::ru);
    CHECK(language_from_code("en") == Language::en);
    CHECK(language_from_code("eng") == Language::en);
    CHECK(language_from_code("de") == Language::other);
    CHECK(language_from_code("ukr") == Language::uk);
    CHECK(language_code(Language::uk) == "uk");
}

TEST_CASE("query words are assigned languages by alphabet", "[language]") {
    CHECK(word_languages("київ") == std::vector<Language>{Language::uk});
    CHECK(word_languages("объём") == std::vector<Language>{Language::ru});
    CHECK(word_languages("мост") == std::vector<Language>{Language::uk, Language::ru});
    CHECK(word_languages("bridge") == std::vector<Language>{Language::en});
    CHECK(word_languages("2021").empty());
}

TEST_CASE("an article's word is lemmatized in the article's language when its alphabet allows", "[language]") {
    // Shared Cyrillic letters: the article decides; a letter of one language only: that language.
    CHECK(term_language("мост", Language::ru) == Language::ru);
    CHECK(term_language("мост", Language::uk) == Language::uk);
    CHECK(term_language("мост", Language::en) == Language::uk);
    CHECK(term_language("київ", Language::ru) == Language::uk);
    CHECK(term_language("объём", Language::uk) == Language::ru);
    // Both alphabets' own letters in one word: as a word of both, the article's if Cyrillic.
    CHECK(term_language("їы", Language::ru) == Language::ru);
    CHECK(term_language("їы", Language::en) == Language::uk);
    CHECK(term_language("bridge", Language::uk) == Language::en);
    CHECK(term_language("nato-нато", Language::ru) == Language::ru);
    CHECK(term_language("2021", Language::uk) == Language::other);
    CHECK(term_language("news@example.com", Language::en) == Language::other);
    // The same answer as the first of word_languages() whenever the article's language is not one of them.
    for (std::string_view w : {"київ", "объём", "мост", "bridge", "2021", "www.example.com"}) {
        const auto langs = word_languages(w);
        CHECK(term_language(w, Language::other) == (langs.empty() ? Language::other : langs.front()));
    }
}

TEST_CASE("stemmers bring inflected forms together", "[stemmer]") {
    Stemmer s;
    CHECK(s.stem("negotiations", Language::en) == s.stem("negotiation", Language::en));
    CHECK(s.stem("переговорах", Language::ru) == s.stem("переговоры", Language::ru));
    CHECK(s.stem("переговорів", Language::uk) == s.stem("переговори", Language::uk));
    CHECK(s.stem("переговорах", Language::uk) == s.stem("переговори", Language::uk));
    CHECK(s.stem("мостом", Language::uk) == s.stem("мосту", Language::uk));
    CHECK(s.stem("anything", Language::other).empty());
}

TEST_CASE("a Cyrillic article quoting English at length stays Cyrillic", "[language]") {
    std::string text = "Помер один із творців мультфільмів. Про це повідомив його син в Інстаграмі, як пише видання. ";
    text += "Words cant begin to describe how i am feeling right now. You were my mentor and my best friend and the ";
    text += "reason I love to make people laugh. I will miss you so much, and the world will miss you too.";
    CHECK(detect_language(text) == Language::uk);
}

TEST_CASE("English stock tables without function words are English", "[language]") {
    CHECK(detect_language("CINRAM LTD 4TH QTR NET\nShr 45 cts vs 58 cts\nNet 1.1 mln vs 829,000\nSales 7.9 mln vs 9.4 mln") ==
          Language::en);
    CHECK(detect_language("Die Regierung hat am Montag beschlossen, dass die Steuern nicht steigen und das ist gut.") ==
          Language::other);
}
