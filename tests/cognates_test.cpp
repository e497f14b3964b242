// Ukrainian and Russian spellings of one root (SearchOptions::other_cyrillic): the letter
// correspondences, and a search that finds the other language's article only when asked.
#include "cognates.h"
#include "test_support.h"

#include "newsdex/indexer.h"
#include "newsdex/searcher.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace newsdex;

namespace {

bool has(const std::vector<std::string>& list, const std::string& word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

std::set<std::string> ids(const SearchResults& r) {
    std::set<std::string> out;
    for (const auto& h : r.hits) out.insert(h.id);
    return out;
}

}  // namespace

TEST_CASE("cognate spellings follow the letter correspondences, one or two letters at a time", "[cognates]") {
    const auto from_ru = cognate_spellings("мост", true, false);
    CHECK(has(from_ru, "міст"));
    CHECK(has(cognate_spellings("киев", true, false), "київ"));
    CHECK(has(cognate_spellings("київ", false, true), "киев"));
    CHECK(has(cognate_spellings("вибори", false, true), "выборы"));        // two letters
    CHECK(has(cognate_spellings("коронавірус", false, true), "коронавирус"));
    CHECK(has(cognate_spellings("об'єкт", false, true), "объект"));        // apostrophe and є
    // One direction only: a Ukrainian word is not spelled towards Ukrainian.
    CHECK_FALSE(has(cognate_spellings("київ", false, true), "кіїв"));
    // Never the word itself, never twice.
    CHECK_FALSE(has(from_ru, "мост"));
    std::set<std::string> unique(from_ru.begin(), from_ru.end());
    CHECK(unique.size() == from_ru.size());
    // Nothing to change: nothing.
    CHECK(cognate_spellings("рада", true, true).empty());
    CHECK(cognate_spellings("brexit", true, true).empty());
}

TEST_CASE("other_cyrillic: a Russian query finds the Ukrainian article about the same bridge", "[cognates]") {
    test::TempDir dir("cognates");
    const std::string db = dir / "db";
    {
        Indexer indexer(db);
        auto add = [&](const char* id, const char* lang, const char* title, const char* body) {
            Article a;
            a.id = id;
            a.lang = lang;
            a.title = title;
            a.body = body;
            indexer.add_article(a);
        };
        add("uk-bridge", "uk", "Новий міст у Києві",
            "Міська рада Києва затвердила проєкт нового пішохідного мосту через Дніпро. Міст збудують за два роки.");
        add("ru-bridge", "ru", "Новый мост в Киеве",
            "Городской совет Киева утвердил проект нового пешеходного моста через Днепр. Мост построят за два года.");
        add("uk-other", "uk", "Вибори до ради", "У неділю в місті відбулися вибори до міської ради.");
        indexer.commit();
    }
    Searcher searcher(db);
    SearchOptions o;
    o.snippets = false;
    CHECK(ids(searcher.search("мост Киев", o)) == std::set<std::string>{"ru-bridge"});
    o.other_cyrillic = true;
    // The articles with both words (a short page goes on with those holding one: not these).
    o.or_fallback = false;
    CHECK(ids(searcher.search("мост Киев", o)) == std::set<std::string>{"ru-bridge", "uk-bridge"});
    CHECK(ids(searcher.search("міст Київ", o)) == std::set<std::string>{"ru-bridge", "uk-bridge"});
    // Words the other language does not hold stay as they are.
    CHECK(ids(searcher.search("пешеходного", o)) == std::set<std::string>{"ru-bridge"});
}
