// Forms of one lemma meet in both directions even when the query form is one the index never
// saw: each row indexes a one-sentence article and searches a form of another number, gender or
// case (past tense plural against singular, the Ukrainian к/ц, г/з, х/с alternations of the
// dative/locative, plural-only and suppletive nouns against their genitive). No article of the
// index holds the query form, so it is always unknown to the index and must be reduced the way
// the indexer reduces text: the suffix rules stored with the index, checked against its lemmas.
// Rows marked false must stay apart. Also the pieces on their own: SuffixRules, the plural-only
// candidates and the Ukrainian fallback stemmer's alternations.
#include "newsdex/analyzer.h"
#include "newsdex/indexer.h"
#include "newsdex/lemmatizer.h"
#include "newsdex/paradigm.h"
#include "newsdex/searcher.h"
#include "newsdex/stemmer.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace newsdex;

namespace {

struct Row {
    const char* lang;
    const char* query;
    const char* document;
    bool meet = true;
};

// clang-format off
const std::vector<Row> kRows = {
    // Ukrainian past tense: another number or gender than the query's.
    {"uk", "пішли", "Він пішов додому раніше."},
    {"uk", "пішов", "Вони пішли додому раніше."},
    {"uk", "заявив", "Вони заявили про відставку."},
    {"uk", "заявили", "Вона заявила про відставку."},
    {"uk", "сказала", "Міністр сказав кілька слів."},
    {"uk", "прийшли", "Вчора прийшла зима."},
    {"uk", "вів", "Вона вела переговори."},
    // Ukrainian consonant alternations in the dative/locative: к/ц, г/з, х/с.
    {"uk", "руці", "Моя рука болить."},
    {"uk", "рука", "Квітка в руці."},
    {"uk", "дорозі", "Дорога була довгою."},
    {"uk", "дорога", "На дорозі ями."},
    {"uk", "мусі", "Муха сіла на стіл."},
    {"uk", "Василівці", "Село Василівка святкує."},
    {"uk", "Василівка", "У Василівці свято."},
    {"uk", "Празі", "Прага прийняла саміт."},
    {"uk", "Києві", "Київ прийняв саміт."},
    // Plural-only and suppletive nouns against their genitive and other cases.
    {"uk", "люди", "Багато людей прийшло."},
    {"uk", "людей", "Люди прийшли на площу."},
    {"uk", "людьми", "Люди прийшли на площу."},
    {"uk", "діти", "Немає дітей удома."},
    {"uk", "гроші", "Немає грошей на рахунку."},
    {"uk", "грошей", "Гроші надійшли на рахунок."},
    {"uk", "двері", "Біля дверей черга."},
    {"uk", "ножиці", "Без ножиць не обійтися."},
    {"ru", "сутки", "Прошло трое суток."},
    {"ru", "суток", "Сутки прошли спокойно."},
    {"ru", "деньги", "Нет денег на ремонт."},
    {"ru", "денег", "Деньги закончились."},
    {"ru", "ножницы", "Без ножниц не обойтись."},
    {"ru", "брюки", "Купил пару брюк."},
    {"ru", "очков", "Очки лежат на столе."},
    // Personal and interrogative pronouns, which the dictionaries list form by form.
    {"uk", "хто", "Кого це стосується?"},
    {"uk", "кому", "Хто прийде завтра?"},
    {"uk", "вона", "Ми бачили її вчора."},
    {"ru", "кто", "Кому это нужно?"},
    {"ru", "она", "Мы видели ее вчера."},
    // Russian verbs and nouns the index never saw in the query's form.
    {"ru", "пошли", "Он пошёл домой."},
    {"ru", "сделал", "Они сделали выбор."},
    {"ru", "переговорах", "Переговоры продолжаются."},
    {"ru", "руке", "Рука болит."},
    // Verbs the dictionary does not know: every tense meets the infinitive through the stem.
    {"uk", "хайпувати", "Вони хайпували на цій темі."},
    {"uk", "хайпували", "Він хайпуватиме й далі."},
    {"uk", "донатити", "Вчора ми донатили на армію."},
    {"uk", "лайкати", "Вона лайкала кожен допис."},
    // Colloquial and uncontracted spellings the dictionary lists only in standard form.
    {"uk", "взути", "Не встиг взуть чоботи."},
    {"uk", "їсти", "Я йім хліб."},
    {"uk", "нова", "Новая хата стоїть."},
    {"uk", "уточнюючись", "Він говорив, уточнюючися щохвилини."},
    // ґ typed as г, and the reverse.
    {"uk", "ґудзик", "Відірвався гудзик від пальта."},
    {"uk", "гудзик", "Бракує одного гудзика на пальті."},
    {"uk", "гудзиком", "Пришила новий ґудзик."},
    {"uk", "Гданськ", "Ми поїхали до Ґданська."},
    // Indefinite pronoun compounds: the pronoun part inflects.
    {"uk", "що-будь", "Чи знаєте ви чого-будь про це?"},
    {"uk", "чого-будь", "Скажи що-будь."},
    {"uk", "хто-небудь", "Чи бачив ти кого-небудь?"},
    // Must stay apart: the rules reach only words the dictionary derives the form from.
    {"uk", "що-будь", "Хто-небудь прийде.", false},
    {"uk", "хайпувати", "Хата стоїть.", false},
    {"uk", "коти", "Кит плаває в океані.", false},
    {"uk", "лиси", "Темний ліс шумить.", false},
    {"uk", "пішли", "Пішак стоїть на дошці.", false},
    {"ru", "пошли", "Пошлина выросла.", false},
    {"uk", "руці", "Ручка не пише.", false},
    {"uk", "дорозі", "Дорожчання хліба.", false},
    {"ru", "суток", "Сутенёр арестован.", false},
    {"ru", "денег", "День прошёл.", false},
    {"uk", "кого", "Комар літає.", false},
};
// clang-format on

bool found(const SearchResults& results, const std::string& id) {
    return std::any_of(results.hits.begin(), results.hits.end(), [&](const Hit& h) { return h.id == id; });
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("forms of one lemma meet in both directions when the query form is new to the index", "[analysis][paradigm]") {
    Lemmatizer probe;
    if (!probe.has_dictionary(Language::uk) || !probe.has_dictionary(Language::ru))
        FAIL("Hunspell dictionaries uk_UA and ru_RU are required (tools/install-deps.sh installs them)");
    // Rows share an index only when no row's query word is written in another's article, so
    // every query form stays one the index never saw (an index per row would load the
    // dictionaries dozens of times).
    Analyzer analyzer;
    struct Group {
        std::set<std::string> words, queries;
        std::vector<std::size_t> rows;
    };
    std::vector<Group> groups;
    for (std::size_t i = 0; i < kRows.size(); ++i) {
        std::set<std::string> words;
        for (const Token& t : analyzer.tokenize(kRows[i].document)) words.insert(t.term);
        const std::string query = analyzer.normalize(kRows[i].query);
        REQUIRE(words.count(query) == 0);
        auto fits = [&](const Group& g) {
            if (g.words.count(query)) return false;
            for (const auto& q : g.queries)
                if (words.count(q)) return false;
            return true;
        };
        auto it = std::find_if(groups.begin(), groups.end(), fits);
        if (it == groups.end()) it = groups.insert(groups.end(), Group{});
        it->words.insert(words.begin(), words.end());
        it->queries.insert(query);
        it->rows.push_back(i);
    }
    CHECK(groups.size() < 6);
    SearchOptions options;
    options.snippets = false;
    options.limit = 1000;
    options.collapse_duplicates = false;
    for (const Group& g : groups) {
        test::TempDir dir("paradigm");
        {
            IndexOptions io;
            io.shards = 1;
            Indexer indexer(dir.str(), io);
            for (std::size_t i : g.rows) {
                Article a;
                a.id = "row-" + std::to_string(i);
                a.lang = kRows[i].lang;
                a.body = kRows[i].document;
                indexer.add_article(a);
            }
            indexer.commit();
        }
        Searcher searcher(dir.str());
        for (std::size_t i : g.rows) {
            const Row& r = kRows[i];
            INFO("row " << i << " [" << r.lang << "] query «" << r.query << "» document «" << r.document << "»");
            CHECK(found(searcher.search(r.query, options), "row-" + std::to_string(i)) == r.meet);
        }
    }
}

TEST_CASE("a query form the suffix rules reduce finds no other word of its root", "[analysis][paradigm]") {
    // The dictionary lists вживано apart from вживаний; both share the fallback stem. The suffix
    // rules take вживаного to вживаний, which the index holds: the stem's neighbours (вживано)
    // must not join (a form the rules do not reach still borrows its neighbours' lemmas).
    test::TempDir dir("root");
    {
        IndexOptions io;
        io.shards = 1;
        Indexer indexer(dir.str(), io);
        for (const auto& [id, body] : {std::pair{"adj", "Це вживаний автомобіль."}, std::pair{"adv", "Слово широко вживано в пресі."}}) {
            Article a;
            a.id = id;
            a.lang = "uk";
            a.body = body;
            indexer.add_article(a);
        }
        indexer.commit();
    }
    Searcher searcher(dir.str());
    SearchOptions options;
    options.snippets = false;
    const SearchResults r = searcher.search("вживаного", options);
    CHECK(found(r, "adj"));
    CHECK_FALSE(found(r, "adv"));
}

TEST_CASE("a sharded index stores the suffix rules in every shard", "[analysis][paradigm]") {
    test::TempDir dir("paradigm-shards");
    {
        IndexOptions io;
        io.shards = 2;
        Indexer indexer(dir.str(), io);
        for (int i = 0; i < 6; ++i) {
            Article a;
            a.id = "a" + std::to_string(i);
            a.lang = "uk";
            a.body = i % 2 ? "Він пішов додому." : "Моя рука болить.";
            indexer.add_article(a);
        }
        indexer.commit();
    }
    Searcher searcher(dir.str());
    SearchOptions options;
    options.snippets = false;
    options.collapse_duplicates = false;  // the three articles of each kind share their text
    CHECK(searcher.search("пішли", options).hits.size() == 3);
    CHECK(searcher.search("руці", options).hits.size() == 3);
}

TEST_CASE("suffix rules of an affix file run backwards", "[analysis][paradigm]") {
    const SuffixRules rules = SuffixRules::from_affix_file(
        "SET UTF-8\n"
        "SFX A Y 3\n"
        "SFX A ка ці [^к]ка\n"
        "SFX A а у а\n"
        "SFX A ЁК ЬКА/B ЁК\n"
        "SFX B Y 1\n"
        "SFX B 0 ся .\n");
    CHECK(rules.size() == 4);
    CHECK(contains(rules.roots_of("руці"), "рука"));
    CHECK(contains(rules.roots_of("руку"), "рука"));
    CHECK(!contains(rules.roots_of("руку"), "руку"));     // never the form itself
    CHECK(rules.roots_of("кці").empty());                  // [^к]ка: кка is no root; a root has 3 letters
    CHECK(contains(rules.roots_of("пенька"), "пенек"));   // folded like words: lower case, ё → е
    CHECK(contains(rules.roots_of("молися"), "моли"));      // 0 strip, continuation flags dropped
    // The text stored with an index reads back to the same rules.
    const SuffixRules again = SuffixRules::parse(rules.serialize());
    CHECK(again.size() == rules.size());
    CHECK(again.serialize() == rules.serialize());
    CHECK(affix_condition_holds(U"[^к]ка", U"рука"));
    CHECK(!affix_condition_holds(U"[^к]ка", U"кка"));
    CHECK(affix_condition_holds(U".", U"x"));
    CHECK(!affix_condition_holds(U"ка", U"а"));
}

TEST_CASE("plural-only nouns: candidates for the nominative of a genitive", "[analysis][paradigm]") {
    CHECK(contains(plural_only_nominatives("суток", Language::ru), "сутки"));
    CHECK(contains(plural_only_nominatives("денег", Language::ru), "деньги"));
    CHECK(contains(plural_only_nominatives("ножниц", Language::ru), "ножницы"));
    CHECK(contains(plural_only_nominatives("людей", Language::uk), "люди"));
    CHECK(contains(plural_only_nominatives("дверей", Language::uk), "двері"));
    CHECK(contains(plural_only_nominatives("ножиць", Language::uk), "ножиці"));
    CHECK(contains(plural_only_nominatives("людьми", Language::uk), "люди"));
    CHECK(plural_only_nominatives("suток", Language::en).empty());
    CHECK(plural_only_nominatives("ця", Language::uk).empty());
}

TEST_CASE("the dictionary gives a plural-only genitive its nominative too", "[analysis][paradigm]") {
    Lemmatizer l;
    if (!l.has_dictionary(Language::uk) || !l.has_dictionary(Language::ru)) FAIL("Hunspell dictionaries uk_UA and ru_RU are required");
    CHECK(contains(l.lemmas("суток", Language::ru), "сутки"));
    CHECK(contains(l.lemmas("денег", Language::ru), "деньги"));
    CHECK(contains(l.lemmas("людей", Language::uk), "люди"));
    CHECK(contains(l.lemmas("дітьми", Language::uk), "діти"));
    // A word that is its own lemma for another reason gains nothing.
    CHECK(l.lemmas("також", Language::uk) == Lemmas{"також"});
    CHECK(!l.suffix_rules(Language::uk).empty());
}

TEST_CASE("colloquial short forms get the lemma of their full spelling", "[analysis][paradigm]") {
    CHECK(contains(variant_spellings("приходим", Language::uk), "приходимо"));
    CHECK(contains(variant_spellings("стріляємся", Language::uk), "стріляємося"));
    CHECK(contains(variant_spellings("купаєть", Language::uk), "купається"));
    CHECK(contains(variant_spellings("фабрикантови", Language::uk), "фабрикантові"));
    CHECK(contains(variant_spellings("взуєм", Language::uk), "взуємо"));
    CHECK(contains(variant_spellings("надоїм", Language::uk), "надоїмо"));
    CHECK(contains(variant_spellings("взуть", Language::uk), "взути"));              // short infinitive
    CHECK(contains(variant_spellings("уточнюючися", Language::uk), "уточнюючись"));  // ся ~ сь
    CHECK(contains(variant_spellings("вмиюсь", Language::uk), "вмиюся"));
    CHECK(contains(variant_spellings("йім", Language::uk), "їм"));                   // йі ~ ї
    CHECK(contains(variant_spellings("найвбогішая", Language::uk), "найвбогіша"));   // long adjective forms
    CHECK(contains(variant_spellings("новую", Language::uk), "нову"));
    CHECK(contains(variant_spellings("новеє", Language::uk), "нове"));
    CHECK(contains(variant_spellings("чорниї", Language::uk), "чорні"));
    CHECK(contains(variant_spellings("гудзика", Language::uk), "ґудзика"));         // г for ґ
    CHECK(contains(variant_spellings("ґданська", Language::uk), "гданська"));
    CHECK(variant_spellings("салім", Language::uk).empty());  // a name, not a verb
    CHECK(variant_spellings("салем", Language::uk).empty());
    CHECK(variant_spellings("приходим", Language::ru).empty());
    Lemmatizer l;
    if (!l.has_dictionary(Language::uk)) FAIL("Hunspell dictionary uk_UA is required");
    CHECK(contains(l.lemmas("приходим", Language::uk), "приходити"));
    CHECK(contains(l.lemmas("стріляємся", Language::uk), "стрілятися"));
    CHECK(contains(l.lemmas("взуть", Language::uk), "взути"));
    CHECK(contains(l.lemmas("йім", Language::uk), "їсти"));
    CHECK(contains(l.lemmas("уточнюючися", Language::uk), "уточнюючись"));
    CHECK(contains(l.lemmas("чорниї", Language::uk), "чорний"));
    CHECK(contains(l.lemmas("гудзика", Language::uk), "ґудзик"));
    CHECK(contains(l.lemmas("гудзика", Language::uk), ukrainian_stem("гудзика")));  // the written spelling's stem stays
}

TEST_CASE("pronoun forms and their lemmas", "[analysis][paradigm]") {
    CHECK(pronoun_lemmas("кого", Language::uk) == std::vector<std::string>{"хто"});
    CHECK(pronoun_lemmas("його", Language::uk) == std::vector<std::string>{"він", "воно"});
    CHECK(pronoun_lemmas("им", Language::ru) == std::vector<std::string>{"он", "оно", "они"});
    CHECK(pronoun_lemmas("хто", Language::uk).empty());
    CHECK(pronoun_lemmas("кого", Language::en).empty());
    Lemmatizer l;
    if (!l.has_dictionary(Language::uk)) FAIL("Hunspell dictionary uk_UA is required");
    CHECK(contains(l.lemmas("кого", Language::uk), "хто"));
    CHECK(contains(l.lemmas("кого", Language::uk), "кого"));
}

TEST_CASE("indefinite pronoun compounds inflect their pronoun part", "[analysis][paradigm]") {
    CHECK(pronoun_lemmas("чого-будь", Language::uk) == std::vector<std::string>{"що-будь"});
    CHECK(pronoun_lemmas("кому-небудь", Language::uk) == std::vector<std::string>{"хто-небудь"});
    CHECK(pronoun_lemmas("будь-чого", Language::uk) == std::vector<std::string>{"будь-що"});
    CHECK(pronoun_lemmas("що-будь", Language::uk) == std::vector<std::string>{"що-будь"});  // its own lemma
    CHECK(pronoun_lemmas("чего-нибудь", Language::ru) == std::vector<std::string>{"что-нибудь"});
    CHECK(pronoun_lemmas("кого-то", Language::ru) == std::vector<std::string>{"кто-то"});
    CHECK(pronoun_lemmas("чого-небудь-таки", Language::uk).empty());
    CHECK(pronoun_lemmas("Івано-Франківськ", Language::uk).empty());
    CHECK(pronoun_lemmas("рок-будь", Language::uk).empty());
    Lemmatizer l;
    CHECK(contains(l.lemmas("чого-будь", Language::uk), "що-будь"));
    CHECK(contains(l.lemmas("чого-будь", Language::uk), ukrainian_stem("чого-будь")));  // the stem stays
}

TEST_CASE("the Ukrainian fallback stemmer undoes fleeting vowels and comparatives", "[analysis][paradigm]") {
    CHECK(ukrainian_stem("вимисел") == ukrainian_stem("вимислу"));
    CHECK(ukrainian_stem("вітер") == ukrainian_stem("вітрами"));
    CHECK(ukrainian_stem("виліт") == ukrainian_stem("вильоту"));
    CHECK(ukrainian_stem("вагоміше") == ukrainian_stem("вагоміш"));
    CHECK(ukrainian_stem("вагоміший") == ukrainian_stem("вагоміш"));
    CHECK(ukrainian_stem("вагоміший") != ukrainian_stem("вагомий"));  // the degrees stay apart
    CHECK(ukrainian_stem("12345") == "12345");
    CHECK(ukrainian_stem("кит") != ukrainian_stem("кіт"));
}

TEST_CASE("the Ukrainian fallback stemmer brings every tense of a verb to its infinitive", "[analysis][paradigm]") {
    // Verbs the dictionary does not know: infinitive, short infinitive, future, past, present,
    // imperative and adverbial participles, reflexive or not.
    for (const char* form : {"хайпувати", "хайпуватиму", "хайпуватимуть", "хайпував", "хайпувала", "хайпували", "хайпую",
                             "хайпуєш", "хайпують", "хайпуй", "хайпуйте", "хайпуючи", "хайпувавши", "хайпуватися", "хайпувалися"})
        CHECK(ukrainian_stem(form) == ukrainian_stem("хайпувати"));
    for (const char* form : {"лайкати", "лайкав", "лайкала", "лайкаю", "лайкаєш", "лайкають", "лайкай", "лайкаючи", "лайкатимемо"})
        CHECK(ukrainian_stem(form) == ukrainian_stem("лайкати"));
    for (const char* form : {"донатити", "донатив", "донатила", "донатиш", "донатимо", "донатитиму", "донативши"})
        CHECK(ukrainian_stem(form) == ukrainian_stem("донатити"));
    for (const char* form : {"зафоловити", "зафоловив", "зафоловили", "зафоловиш"})
        CHECK(ukrainian_stem(form) == ukrainian_stem("зафоловити"));
    // Nouns whose forms end like a past tense (генерала, Ярослав) still meet their other forms.
    for (const char* form : {"генерала", "генерали", "генералу", "генералом", "генералами"})
        CHECK(ukrainian_stem(form) == ukrainian_stem("генерал"));
    for (const char* form : {"ярослава", "ярославу", "ярославом"}) CHECK(ukrainian_stem(form) == ukrainian_stem("ярослав"));
    for (const char* form : {"посла", "послом"}) CHECK(ukrainian_stem(form) == ukrainian_stem("посол"));
    for (const char* form : {"стола", "столом"}) CHECK(ukrainian_stem(form) == ukrainian_stem("стіл"));
    CHECK(ukrainian_stem("сила") == ukrainian_stem("сили"));  // too short a stem to lose its л
    CHECK(ukrainian_stem("хайпувати") != ukrainian_stem("хата"));
}
