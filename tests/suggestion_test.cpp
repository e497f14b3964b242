// "Did you mean" in the searcher library: the keyboard-layout conversions, the spelling data the
// indexer gathers, and the suggester's choice between them.
#include "test_support.h"

#include "keyboard_layout.h"
#include "newsdex/indexer.h"
#include "newsdex/suggest.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <set>

using newsdex::CyrillicLayout;
using newsdex::cyrillic_keys_to_latin;
using newsdex::latin_keys_to_cyrillic;

TEST_CASE("Latin keys typed for Ukrainian and Russian give the Cyrillic meant", "[suggest]") {
    CHECK(latin_keys_to_cyrillic("rbtd", CyrillicLayout::ukrainian) == "киев");
    CHECK(latin_keys_to_cyrillic("rb]d", CyrillicLayout::ukrainian) == "київ");
    CHECK(latin_keys_to_cyrillic("rb]d", CyrillicLayout::russian) == "киъв");
    CHECK(latin_keys_to_cyrillic("ghbdtn", CyrillicLayout::russian) == "привет");
    CHECK(latin_keys_to_cyrillic("Ghbdtn VBH", CyrillicLayout::russian) == "Привет МИР");
    CHECK(latin_keys_to_cyrillic("gjkswz", CyrillicLayout::ukrainian) == "поліця");
    CHECK(latin_keys_to_cyrillic("gjkswz", CyrillicLayout::russian) == "полыця");
    // Punctuation keys are letters between letters; a comma after a word stays a comma.
    CHECK(latin_keys_to_cyrillic("cj,frf", CyrillicLayout::russian) == "собака");
    CHECK(latin_keys_to_cyrillic("ltym,", CyrillicLayout::russian) == "день,");
    CHECK(latin_keys_to_cyrillic("'dhjgf", CyrillicLayout::ukrainian) == "європа");
    CHECK(latin_keys_to_cyrillic("g`znm", CyrillicLayout::ukrainian) == "п'ять");
    // The query's syntax stays: operators, field names, quotes, exclusion, prefix.
    CHECK(latin_keys_to_cyrillic("title:rbtd AND vjcn", CyrillicLayout::russian) == "title:киев AND мост");
    CHECK(latin_keys_to_cyrillic("-rbtd \"vjcn ltym\" gthtujdjh*", CyrillicLayout::russian) == "-киев \"мост день\" переговор*");
    CHECK(latin_keys_to_cyrillic("vjcn NEAR/3 rbtd OR (ltym NOT yjxm)", CyrillicLayout::russian) ==
          "мост NEAR/3 киев OR (день NOT ночь)");
    CHECK(latin_keys_to_cyrillic("вже Київ", CyrillicLayout::ukrainian) == "вже Київ");
}

TEST_CASE("Cyrillic keys typed for English give the Latin meant", "[suggest]") {
    CHECK(cyrillic_keys_to_latin("пкфшт") == "grain");
    CHECK(cyrillic_keys_to_latin("Икучше") == "Brexit");
    CHECK(cyrillic_keys_to_latin("руддщ цщкдв") == "hello world");
    CHECK(cyrillic_keys_to_latin("ыгтыуе") == "sunset");   // ы is the s key on the Russian layout
    CHECK(cyrillic_keys_to_latin("іґтіуе").substr(0, 1) == "s");  // і on the Ukrainian one
    CHECK(cyrillic_keys_to_latin("ешеду:пкфшт ЩК ифтл") == "title:grain OR bank");
    CHECK(cyrillic_keys_to_latin("grain") == "grain");
}

namespace {

newsdex::Article article(const std::string& id, const std::string& title, const std::string& body, const std::string& lang) {
    newsdex::Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.lang = lang;
    return a;
}

// A small index in three languages, with spelling data as any index newsdex writes.
struct SpellingIndex {
    newsdex::test::TempDir dir{"suggest"};
    std::string db = dir / "db";
    SpellingIndex() {
        newsdex::Indexer indexer(db, [] {
            newsdex::IndexOptions o;
            o.shards = 2;
            return o;
        }());
        for (int i = 0; i < 6; ++i) {
            indexer.add_article(article("brexit" + std::to_string(i), "Brexit talks resume in Brussels",
                                        "Negotiators met again over the Brexit deal and fishing rights, day " + std::to_string(i) + ".", "en"));
            indexer.add_article(article("kyiv" + std::to_string(i), "У Києві відкрили новий міст",
                                        "Київ отримав ще одну переправу через Дніпро, день " + std::to_string(i) + ".", "uk"));
            indexer.add_article(article("privet" + std::to_string(i), "Привет из Москвы", "Мост через реку открыли, день " + std::to_string(i) + ".", "ru"));
        }
        std::string late = "Start";
        for (int w = 0; w < 80; ++w) late += " filler";
        indexer.add_article(article("late", "Nothing", late + " zanzibarian", "en"));
        indexer.commit();
    }
};

}  // namespace

TEST_CASE("the index holds the words of titles and leads as spelling data", "[suggest]") {
    SpellingIndex index;
    Xapian::Database db(index.db);  // through the stub: every shard
    std::set<std::string> words;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) words.insert(*it);
    for (const char* w : {"brexit", "brussels", "negotiators", "києві", "київ", "привет", "москвы", "мост", "filler"})
        CHECK(words.count(w) == 1);
    CHECK(words.count("zanzibarian") == 0);  // after the lead
    CHECK(words.count("in") == 0);           // too short to correct
    CHECK(db.get_spelling_suggestion("brexti") == "brexit");
}

TEST_CASE("a misspelt or mistyped query is offered the one that finds articles", "[suggest]") {
    SpellingIndex index;
    newsdex::Suggester suggester(index.db);
    using Reason = newsdex::Suggestion::Reason;

    auto s = suggester.suggest("Brexti");
    REQUIRE(s);
    CHECK(s->query == "Brexit");  // in the case it was typed
    CHECK(s->matches == 6);
    CHECK(s->reason == Reason::spelling);
    s = suggester.suggest("Brexti talks");
    REQUIRE(s);
    CHECK(s->query == "Brexit talks");
    s = suggester.suggest("title:Brexti lang:en");
    REQUIRE(s);
    CHECK(s->query == "title:Brexit lang:en");
    // An excluded word is not what the user looks for: nothing to correct there.
    CHECK(!suggester.suggest("talks -Brexti"));

    s = suggester.suggest("ghbdtn");
    REQUIRE(s);
    CHECK(s->query == "привет");
    CHECK(s->reason == Reason::keyboard_layout);
    s = suggester.suggest("rb]d");
    REQUIRE(s);
    CHECK(s->query == "київ");
    s = suggester.suggest("икуч");  // "brex" typed on ЙЦУКЕН: not a word; the prefix form is
    CHECK(!s);
    s = suggester.suggest("икучше");
    REQUIRE(s);
    CHECK(s->query == "brexit");
    CHECK(s->matches == 6);

    // Queries that find enough, or nothing better, get nothing.
    CHECK(!suggester.suggest("Brexit"));
    CHECK(!suggester.suggest("qqqzzzxxx"));
    // The options apply to the count: with a filter that excludes every match, nothing is better.
    newsdex::SearchOptions only_uk;
    only_uk.languages = {"uk"};
    CHECK(!suggester.suggest("Brexti", only_uk));
}

TEST_CASE("an index built without spelling data holds none, and the layout fix still works", "[suggest]") {
    newsdex::test::TempDir dir("nospelling");
    const std::string db = dir / "db";
    {
        newsdex::IndexOptions o;
        o.shards = 2;
        o.spelling = false;  // newsdex index --no-spelling
        newsdex::Indexer indexer(db, o);
        for (int i = 0; i < 6; ++i) {
            indexer.add_article(article("brexit" + std::to_string(i), "Brexit talks resume in Brussels",
                                        "Negotiators met again over the Brexit deal, day " + std::to_string(i) + ".", "en"));
            indexer.add_article(article("kyiv" + std::to_string(i), "Київ", "Київ отримав ще одну переправу, день " + std::to_string(i) + ".", "uk"));
        }
        indexer.commit();
    }
    Xapian::Database xdb(db);
    CHECK(xdb.spellings_begin() == xdb.spellings_end());
    CHECK(xdb.get_spelling_suggestion("brexti").empty());
    CHECK(xdb.get_doccount() == 12);
    newsdex::Suggester suggester(db);
    CHECK_FALSE(suggester.suggest("Brexti").has_value());
    const auto layout = suggester.suggest("rb]d");
    REQUIRE(layout.has_value());
    CHECK(layout->query == "київ");
}

TEST_CASE("a typo is corrected to the word one edit away before a commoner one two edits away", "[suggest]") {
    // «рекорд» in one title, «веков» in five: рековд is one edit from the first, two from the other.
    newsdex::test::TempDir dir{"suggest-nearest"};
    const std::string db = dir / "db";
    {
        newsdex::Indexer indexer(db);
        indexer.add_article(article("record", "Новый рекорд на марафоне", "Бегун улучшил время, день первый.", "ru"));
        for (int i = 0; i < 5; ++i)
            indexer.add_article(article("ages" + std::to_string(i), "История веков", "Летопись и хроники, том " + std::to_string(i) + ".", "ru"));
        indexer.commit();
    }
    newsdex::Suggester suggester(db);
    auto s = suggester.suggest("рековд");
    REQUIRE(s);
    CHECK(s->query == "рекорд");
    CHECK(s->matches == 1);
    // One edit away (a letter too many); and two edits away (a swap and a letter too many), where
    // no word is one edit away and Xapian's suggestion still finds it.
    s = suggester.suggest("вековв");
    REQUIRE(s);
    CHECK(s->query == "веков");
    s = suggester.suggest("вкеово");
    REQUIRE(s);
    CHECK(s->query == "веков");

    // Xapian's suggestion alone, for comparison (SuggestOptions::nearest_first off): still a
    // suggestion, whichever word its own order prefers.
    newsdex::SuggestOptions xapian_only;
    xapian_only.nearest_first = false;
    CHECK(suggester.suggest("рековд", {}, xapian_only));
}
