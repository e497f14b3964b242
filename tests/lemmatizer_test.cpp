#include "newsdex/analyzer.h"
#include "newsdex/lemmatizer.h"
#include "newsdex/stemmer.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace newsdex;

namespace {

bool has(const Lemmas& lemmas, const std::string& lemma) {
    return std::find(lemmas.begin(), lemmas.end(), lemma) != lemmas.end();
}

}  // namespace

TEST_CASE("dictionary lemmas give every reading of an ambiguous form", "[lemmatizer]") {
    Lemmatizer l;
    REQUIRE(l.has_dictionary(Language::uk));
    REQUIRE(l.has_dictionary(Language::ru));
    const Lemmas kyiv = l.lemmas("києві", Language::uk);
    CHECK(has(kyiv, "київ"));  // the proper noun, found although the term is lower case
    CHECK(has(kyiv, "кий"));
    const Lemmas stali = l.lemmas("стали", Language::ru);
    CHECK(has(stali, "сталь"));
    CHECK(has(stali, "стать"));
    CHECK(l.lemmas("м'ясом", Language::uk) == Lemmas{"м'ясо"});
    // ё in the dictionary's lemma is folded like the text.
    CHECK(l.lemmas("ребенка", Language::ru) == Lemmas{"ребенок"});
}

TEST_CASE("words the dictionary does not know get the rule-based stem", "[lemmatizer]") {
    Lemmatizer l;
    const auto before = l.stats().fallback;
    CHECK(!l.lemmas("зюзябрами", Language::uk).empty());
    CHECK(l.stats().fallback > before);
    // A compound whose parts the dictionary does not know gets the rules' stem, which strips the
    // last part's ending.
    const auto unknown = l.lemmas("зюзябра-хрюмбрами", Language::uk);
    CHECK(unknown == Lemmas{RuleLemmatizer().stem("зюзябра-хрюмбрами", Language::uk)});
    CHECK(l.lemmas("anything", Language::other).empty());
    CHECK(l.lemmas("negotiations", Language::en) == Lemmas{"negoti"});
}

TEST_CASE("hyphenated compounds get their parts' dictionary lemmas and keep the stem", "[lemmatizer]") {
    Lemmatizer l;
    RuleLemmatizer rules;
    // A compound the dictionary lists: its own lemma (Hunspell accepts the others part by part and
    // "stems" them to themselves, or for Russian to nothing).
    CHECK(has(l.lemmas("віце-президента", Language::uk), "віце-президент"));
    // Both parts inflect: each part's lemma; a part that is its own lemma stays first.
    CHECK(has(l.lemmas("вечора-зустрічі", Language::uk), "вечір-зустріч"));
    CHECK(has(l.lemmas("вечір-зустріч", Language::uk), "вечір-зустріч"));
    CHECK(has(l.lemmas("джерел-агентств", Language::uk), "джерело-агентство"));
    // A first part the dictionary does not know stays as written.
    CHECK(has(l.lemmas("человека-паука", Language::ru), "человек-паук"));
    CHECK(has(l.lemmas("санкт-петербурге", Language::ru), "санкт-петербург"));
    // The stem stays, so a form the index never saw still meets the compound by rules.
    CHECK(has(l.lemmas("вечора-зустрічі", Language::uk), rules.stem("вечора-зустрічі", Language::uk)));
    // Pronoun compounds keep their table lemma, not a join of their parts (що-бути).
    CHECK(has(l.lemmas("чого-будь", Language::uk), "що-будь"));
    CHECK_FALSE(has(l.lemmas("чого-будь", Language::uk), "що-бути"));
}

TEST_CASE("lemmas are cached per word form and reported once as new", "[lemmatizer]") {
    Lemmatizer l;
    l.lemmas("переговорів", Language::uk);
    l.lemmas("переговорів", Language::uk);
    l.lemmas("переговорів", Language::ru);  // another language is another entry
    CHECK(l.stats().lookups == 3);
    CHECK(l.stats().cache_hits == 1);
    const auto entries = l.take_new_entries();
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].form == "переговорів");
    CHECK(entries[0].lemmas == Lemmas{"переговори"});
    CHECK(l.take_new_entries().empty());
}

TEST_CASE("a rule-only lemmatizer never loads a dictionary", "[lemmatizer]") {
    Lemmatizer l("", false);
    CHECK_FALSE(l.has_dictionary(Language::uk));
    CHECK(l.lemmas("переговорів", Language::uk) == Lemmas{RuleLemmatizer().stem("переговорів", Language::uk)});
}

TEST_CASE("the Ukrainian fallback stemmer undoes alternations and stems each part", "[stemmer]") {
    CHECK(ukrainian_stem("хірт") == ukrainian_stem("хорту"));
    CHECK(ukrainian_stem("віл") == ukrainian_stem("волами"));
    CHECK(ukrainian_stem("українець") == ukrainian_stem("українця"));
    CHECK(ukrainian_stem("вагонопотік") == ukrainian_stem("вагонопотокові"));
    CHECK(ukrainian_stem("дзвінок") == ukrainian_stem("дзвінка"));
    CHECK(ukrainian_stem("ярослав") == ukrainian_stem("ярослава"));  // a name ending like a past tense
    CHECK(ukrainian_stem("риби-молоти") == ukrainian_stem("риба-молот"));
    CHECK(ukrainian_stem("сміються") == ukrainian_stem("сміятися"));
    CHECK(ukrainian_stem("кит") != ukrainian_stem("кіт"));
}

TEST_CASE("the Russian fallback stem undoes the alternations Snowball leaves", "[stemmer]") {
    Stemmer s;
    auto same = [&](const char* a, const char* b) { return s.stem(a, Language::ru) == s.stem(b, Language::ru); };
    CHECK(same("элиминировать", "элиминирует"));  // -ова- / -у-
    CHECK(same("засушивать", "засушивая"));        // the adverbial participle
    CHECK(same("упаренный", "упарен"));            // short adjectives and participles
    CHECK(same("компетентный", "компетентен"));
    CHECK(same("камешек", "камешка"));              // fleeting vowels
    CHECK(same("хозяйка", "хозяек"));
    CHECK(same("проспорить", "проспорьте"));        // imperative plural
    CHECK(same("переговорах", "переговоры"));
    CHECK_FALSE(same("весна", "вес"));
    CHECK_FALSE(same("кот", "кит"));
}

TEST_CASE("lemmas stored with an index are used before the dictionary", "[lemmatizer]") {
    Lemmatizer l;
    l.set_stored_lookup([](Language lang, std::string_view form) {
        return lang == Language::uk && form == "києві" ? Lemmas{"київ"} : Lemmas{};
    });
    CHECK(l.lemmas("києві", Language::uk) == Lemmas{"київ"});  // not {кий, київ} from Hunspell
    CHECK(l.stats().stored == 1);
    CHECK(has(l.lemmas("переговорів", Language::uk), "переговори"));
    const auto entries = l.take_new_entries();
    REQUIRE(entries.size() == 1);  // the stored form is not new
    CHECK(entries[0].form == "переговорів");
}
