// The case table of the analysis issue: for every row, an article holding the document form is
// indexed, and searching the query form must find it (or, for a "must not meet" row, must not).
// It runs the real pipeline: Analyzer, Lemmatizer with the Hunspell dictionaries, the lemma table
// stored with the index, and the searcher's query builder.
#include "newsdex/indexer.h"
#include "newsdex/lemmatizer.h"
#include "newsdex/searcher.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace newsdex;

namespace {

struct Case {
    const char* lang;
    const char* query;
    const char* document;  ///< a sentence holding the document form
    bool meet = true;      ///< false: the two must stay apart
};

// clang-format off
const std::vector<Case> kCases = {
    // Ukrainian: inflection through dictionary lemmas.
    {"uk", "переговори", "Тривають переговорів раунди."},
    {"uk", "переговори", "Йдеться про переговорах у Стамбулі."},
    {"uk", "переговорів", "Нові переговори відбудуться."},
    {"uk", "Київ", "Концерт відбувся в Києві."},
    {"uk", "Київ", "Мер Києва заявив."},
    {"uk", "Києві", "Приїхав у Київ."},
    {"uk", "війна", "Наслідки війни відчутні."},
    {"uk", "війна", "Країна живе війною."},
    {"uk", "рік", "Це сталося в році."},
    {"uk", "рік", "Понад десять років."},
    {"uk", "місто", "У містах світло є."},
    {"uk", "місто", "Вулиці міста чисті."},
    {"uk", "Україна", "Експорт України зріс."},
    {"uk", "Україна", "В Україні тепло."},
    {"uk", "Львів", "У Львові пройшов турнір."},
    {"uk", "Одеса", "В Одесі штормить."},
    {"uk", "Дніпро", "У Дніпрі відкрили міст."},
    {"uk", "зерно", "Ціни на зерна зросли."},
    {"uk", "експорт", "Обсяги експорту зросли."},
    {"uk", "уряд", "Рішення уряду ухвалене."},
    {"uk", "вибори", "Говорили про вибори на виборах."},
    {"uk", "вибори", "Явка на виборах низька."},
    {"uk", "депутат", "Кілька депутатів проти."},
    {"uk", "закон", "Згідно з законом це можна."},
    {"uk", "іти", "Він ішов додому."},
    {"uk", "піти", "Вона пішла на роботу."},
    {"uk", "зробити", "Вони зробили все."},
    {"uk", "вийти", "Люди вийшли на вулиці."},
    {"uk", "міст", "Проїхали мостом через річку."},
    {"uk", "міст", "Нові мости відкрили."},
    {"uk", "говорити", "Він говорить правду."},
    {"uk", "писати", "Вона пише листи."},
    {"uk", "читати", "Учень читав книжку."},
    {"uk", "новий", "З новою силою."},
    {"uk", "український", "Серед українських компаній."},
    {"uk", "гривня", "Коштує сто гривень."},
    {"uk", "долар", "Мільйон доларів інвестицій."},
    {"uk", "Зеленський", "Заява Зеленського прозвучала."},
    {"uk", "Нафтогаз", "Керівництво Нафтогазу змінили."},
    {"uk", "сім'я", "Допомога для сім’ї переселенців."},
    {"uk", "об’єкт", "Кілька обʼєктів інфраструктури."},
    // Ukrainian: apostrophes, stress, invisible characters, mixed scripts, compounds.
    {"uk", "м’ясо", "Ціни на м'ясо зросли."},
    {"uk", "м'ясо", "Ціни на мʼясо зросли."},
    {"uk", "мʼясо", "Ціни на м`ясо зросли."},
    {"uk", "м'ясо", "Продаж м’ясом не обмежений."},
    {"uk", "п'ять", "Понад пʼяти тисяч людей."},
    {"uk", "за́мок", "Старий замок відреставрували."},
    {"uk", "замок", "Туристи оглянули за́мок і парк."},
    {"uk", "замок", "Біля за\u0301мку людно."},
    {"uk", "замок", "Відвідали з\u00E1мок у горах."},
    {"ru", "молоко", "Купили мол\u00F3ко утром."},
    {"uk", "переговори", "Тривають пере\u00ADговори щодо зерна."},
    {"uk", "Україна", "Підтримка Укра\u200Bїни зросла."},
    {"uk", "Київ", "Столиця Kиїв прийняла гостей."},
    {"uk", "Київ", "Дороги у Kиєві ремонтують."},
    {"uk", "мама", "Моя мaмa і тато."},
    {"uk", "Івано-Франківськ", "Фестиваль в Івано-Франківську триває."},
    {"uk", "Івано-Франківськ", "Місто Івано Франківськ приймає гостей."},
    {"uk", "Франківськ", "Фестиваль в Івано-Франківськ приїхав."},
    {"uk", "Укренерго", "Компанія Укренерго повідомила."},
    // Ukrainian і and ї are never folded to и or a Latin i.
    {"uk", "кит", "Кіт спить на дивані.", false},
    {"uk", "лис", "Темний ліс шумить.", false},
    {"uk", "їх", "Усі вони прийшли, їх багато."},
    {"uk", "ix", "Усі вони прийшли, їх багато.", false},
    {"uk", "иж", "Ми бачили їжака та їжу.", false},
    // Russian.
    {"ru", "переговоры", "Речь шла о переговорах в Стамбуле."},
    {"ru", "Москва", "Встреча прошла в Москве."},
    {"ru", "Киев", "Делегация прибыла в Киеве."},
    {"ru", "ёлка", "Нарядили елку на площади."},
    {"ru", "елка", "Зажгли ёлки в парках."},
    {"ru", "ещё", "Стало еще холоднее."},
    {"ru", "объём", "Рост объема торговли."},
    {"ru", "мост", "Проехали мостом через реку."},
    {"ru", "сталь", "Цены на стали выросли."},
    {"ru", "стать", "Они стали лидерами."},
    {"ru", "сделать", "Они сделали выбор."},
    {"ru", "лучший", "Награда лучшего игрока."},
    {"ru", "хороший", "Была хорошая погода."},
    {"ru", "война", "Последствия войны видны."},
    {"ru", "год", "Это было в году кризиса."},
    {"ru", "город", "В городах светло."},
    {"ru", "президент", "Заявление президента прозвучало."},
    {"ru", "выборы", "Явка на выборах низкая."},
    {"ru", "экспорт", "Рост экспорта зерна."},
    {"ru", "правительство", "Решение правительства принято."},
    {"ru", "ребенок", "Рождение ребёнка в семье."},
    {"ru", "человек", "Жизнь человека бесценна."},
    {"ru", "страна", "Во многих странах так."},
    {"ru", "Россия", "Экспорт России упал."},
    {"ru", "Россия", "Экспорт Pоссии упал."},
    {"ru", "Санкт-Петербург", "Форум в Санкт-Петербурге открылся."},
    {"ru", "нефть", "Цены на нефти растут."},
    {"ru", "рубль", "Стоит сто рублей."},
    {"ru", "доллар", "Миллион долларов инвестиций."},
    {"ru", "компания", "Акции компании выросли."},
    {"ru", "банк", "Кредиты банков дорожают."},
    {"ru", "замо́к", "Старый замок отреставрировали."},
    {"ru", "Ёжик", "Лесной ежик спит."},
    // English.
    {"en", "negotiation", "The negotiations went on."},
    {"en", "talks", "Grain talk continues."},
    {"en", "running", "He runs every day."},
    {"en", "bridge", "Two bridges were built."},
    {"en", "city", "Many cities flooded."},
    {"en", "country", "Poorer countries suffer."},
    {"en", "price", "Grain prices rose."},
    {"en", "export", "The company exported wheat."},
    {"en", "market", "Markets fell sharply."},
    {"en", "company", "Two companies merged."},
    {"en", "grow", "The economy is growing."},
    {"en", "increase", "Output increased sharply."},
    {"en", "government", "Several governments agreed."},
    {"en", "election", "The elections were held."},
    {"en", "minister", "The ministers met."},
    {"en", "trade", "Trading was halted."},
    {"en", "rates", "The rate was raised."},
    {"en", "analysts", "One analyst said so."},
    {"en", "reported", "The report came out."},
    {"en", "COVID-19", "The covid-19 wave passed."},
    {"en", "well-known", "It is a well known fact."},
    {"en", "Kyiv", "The mayor of Kуiv spoke."},
    {"en", "example.com", "Read more at https://example.com/news/today."},
    {"en", "ivan@ukr.net", "Write to ivan@ukr.net for details."},
    {"en", "2021-03-04", "It happened on 2021-03-04 at noon."},
    {"en", "03", "It happened on 2021-03-04 at noon."},
    {"en", "3.14", "Pi is about 3.14 as we know."},
    {"en", "don't", "I don’t know."},
    {"en", "cafe", "The café opened.", false},
};
// clang-format on

bool found(const SearchResults& results, const std::string& id) {
    return std::any_of(results.hits.begin(), results.hits.end(), [&](const Hit& h) { return h.id == id; });
}

}  // namespace

TEST_CASE("query forms and document forms meet in the same term", "[analysis][cases]") {
    Lemmatizer probe;
    if (!probe.has_dictionary(Language::uk) || !probe.has_dictionary(Language::ru))
        FAIL("Hunspell dictionaries uk_UA and ru_RU are required (tools/install-deps.sh installs them)");
    REQUIRE(kCases.size() >= 100);
    test::TempDir dir("cases");
    {
        Indexer indexer(dir.str());
        for (std::size_t i = 0; i < kCases.size(); ++i) {
            Article a;
            a.id = "case-" + std::to_string(i);
            a.lang = kCases[i].lang;
            a.body = kCases[i].document;
            indexer.add_article(a);
        }
        indexer.commit();
    }
    Searcher searcher(dir.str());
    SearchOptions options;
    options.limit = 1000;
    options.snippets = false;
    options.collapse_duplicates = false;  // several rows hold the same text in other spellings
    for (std::size_t i = 0; i < kCases.size(); ++i) {
        const Case& c = kCases[i];
        INFO("row " << i << " [" << c.lang << "] query «" << c.query << "» document «" << c.document << "»");
        CHECK(found(searcher.search(c.query, options), "case-" + std::to_string(i)) == c.meet);
    }
}
