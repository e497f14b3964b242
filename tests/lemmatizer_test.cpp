#include "newsdex/analyzer.h"
#include "newsdex/lemmatizer.h"
#include "newsdex/stemmer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

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

TEST_CASE("lemmatizers that share a cache ask the dictionary once per form", "[lemmatizer]") {
    auto shared = std::make_shared<SharedLemmaCache>();
    Lemmatizer first, second;
    first.set_shared_cache(shared);
    second.set_shared_cache(shared);
    const Lemmas decided = first.lemmas("переговорів", Language::uk);
    CHECK(second.lemmas("переговорів", Language::uk) == decided);
    CHECK(second.stats().shared == 1);
    CHECK(second.stats().dictionary + second.stats().fallback == 0);
    // The thread that decided a form reports it for the lemma table; the others do not.
    CHECK(first.take_new_entries().size() == 1);
    CHECK(second.take_new_entries().empty());
    // Another language is another form.
    second.lemmas("переговорів", Language::ru);
    CHECK(second.take_new_entries().size() == 1);
    CHECK(shared->size() == 2);
}

TEST_CASE("threads sharing a lemma cache agree on every form", "[lemmatizer]") {
    auto shared = std::make_shared<SharedLemmaCache>();
    const std::vector<std::string> words = {"переговорів", "києві", "стали", "зюзябрами", "руці", "пішли", "людей", "містом"};
    std::vector<std::vector<Lemmas>> seen(2);
    std::vector<std::size_t> reported(2);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < 2; ++t)
        threads.emplace_back([&, t] {
            Lemmatizer l;
            l.set_shared_cache(shared);
            for (int round = 0; round < 3; ++round)
                for (const auto& w : words) seen[t].push_back(l.lemmas(w, Language::uk));
            reported[t] = l.take_new_entries().size();
        });
    for (auto& th : threads) th.join();
    CHECK(seen[0] == seen[1]);
    CHECK(shared->size() == words.size());
    // Each form reported by at least one thread (both, if they met it at the same moment).
    CHECK(reported[0] + reported[1] >= words.size());
}
