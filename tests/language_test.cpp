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

TEST_CASE("stemmers bring inflected forms together", "[stemmer]") {
    Stemmer s;
    CHECK(s.stem("negotiations", Language::en) == s.stem("negotiation", Language::en));
    CHECK(s.stem("переговорах", Language::ru) == s.stem("переговоры", Language::ru));
    CHECK(s.stem("переговорів", Language::uk) == s.stem("переговори", Language::uk));
    CHECK(s.stem("переговорах", Language::uk) == s.stem("переговори", Language::uk));
    CHECK(s.stem("мостом", Language::uk) == s.stem("мосту", Language::uk));
    CHECK(s.stem("anything", Language::other).empty());
}
