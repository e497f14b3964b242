#include "newsdex/analyzer.h"
#include "snippet.h"
#include "snippet_regions.h"

#include <nlohmann/json.hpp>

#include <unicode/unistr.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace newsdex;

namespace {

// The highlighted substrings, by code points as make_snippet reports them.
std::vector<std::string> highlighted(const Snippet& s) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s.text);
    std::vector<std::string> out;
    for (auto [begin, end] : s.highlights) {
        std::string part;
        u.tempSubString(u.moveIndex32(0, static_cast<int32_t>(begin)),
                        u.moveIndex32(0, static_cast<int32_t>(end)) - u.moveIndex32(0, static_cast<int32_t>(begin)))
            .toUTF8String(part);
        out.push_back(part);
    }
    return out;
}

}  // namespace

TEST_CASE("snippets highlight the indexed forms of the query's lemmas", "[snippet]") {
    Analyzer analyzer;
    HighlightSpec spec;
    spec.exact_terms = {"київ"};
    spec.forms = {{"києві", "київ"}, {"києва", "київ"}, {"київ", "київ"}};
    const auto s = make_snippet("Вчора у Києві, як і в усьому Києва регіоні, падав сніг. Кий лежав.", spec, analyzer, 200);
    CHECK(highlighted(s) == std::vector<std::string>{"Києві", "Києва"});
}

TEST_CASE("snippets highlight phrases across compound parts", "[snippet]") {
    Analyzer analyzer;
    HighlightSpec spec;
    spec.phrases = {{"івано", "франківськ"}};
    const auto s = make_snippet("Місто Івано-Франківськ і Івано Франківськ.", spec, analyzer, 200);
    CHECK(highlighted(s) == std::vector<std::string>{"Івано-Франківськ", "Івано Франківськ"});
}

TEST_CASE("a title is marked whole: every form and phrase, by code points", "[snippet]") {
    Analyzer analyzer;
    HighlightSpec spec;
    spec.forms = {{"києві", "київ"}, {"києва", "київ"}};
    spec.phrases = {{"нічний", "потяг"}};
    const std::string title = "З Києва до Львова — нічний потяг, у Києві ще один";
    const auto spans = highlight_whole(title, spec, analyzer);
    Snippet as_snippet{title, spans};
    CHECK(highlighted(as_snippet) == std::vector<std::string>{"Києва", "нічний потяг", "Києві"});
    CHECK(highlight_whole("Нічого спільного", spec, analyzer).empty());
    CHECK(highlight_whole("", spec, analyzer).empty());
}

namespace {

// The sample corpus's JSON bodies in three languages joined into one long text (about 30 KB),
// so that the snippet's region scan has far-apart places to choose from.
std::string long_text() {
    std::string text;
    for (const char* lang : {"uk", "ru", "en"}) {
        for (const auto& entry : std::filesystem::directory_iterator(std::string(NEWSDEX_SOURCE_DIR) + "/corpus/json/" + lang)) {
            std::ifstream in(entry.path());
            const auto article = nlohmann::json::parse(in);
            text += article.value("body", std::string()) + "\n";
        }
    }
    return text;
}

}  // namespace

TEST_CASE("snippets from the regions around matches equal snippets from the whole text", "[snippet]") {
    Analyzer analyzer;
    std::size_t compared = 0, narrowed = 0;
    {
        const std::string text = long_text();
        REQUIRE(text.size() > 25000);
        const auto tokens = analyzer.tokenize(text);
        for (std::size_t i = 0; i + 1 < tokens.size(); i += 23) {
            if (tokens[i].kind != TokenKind::word || tokens[i + 1].kind != TokenKind::word) continue;
            HighlightSpec word, form, phrase, prefix;
            word.exact_terms = {tokens[i].term};
            form.forms = {{tokens[i].term, "lemma"}, {tokens[i + 1].term, "other"}};
            phrase.phrases = {{tokens[i].term, tokens[i + 1].term}};
            prefix.prefixes = {tokens[i].term.substr(0, 4)};
            for (const HighlightSpec* spec : {&word, &form, &phrase, &prefix}) {
                for (std::size_t width : {120, 200}) {
                    const Snippet fast = make_snippet(text, *spec, analyzer, width);
                    const Snippet reference = make_snippet(text, *spec, analyzer, width, SnippetScan::whole_text);
                    CHECK(fast.text == reference.text);
                    CHECK(fast.highlights == reference.highlights);
                    REQUIRE_FALSE(reference.highlights.empty());
                    bool whole = true;
                    tokenize_near_matches(text, *spec, analyzer, width, whole);
                    narrowed += !whole;
                    ++compared;
                }
            }
        }
    }
    CHECK(compared > 300);
    CHECK(narrowed * 2 > compared);  // most queries need only a part of the text analysed
}

TEST_CASE("the snippet scan's rough fold agrees with the analyzer on ordinary words", "[snippet]") {
    Analyzer analyzer;
    for (const char* word : {"Києві", "М’ЯСО", "мʼясо", "ЁЛКА", "Ґанок", "Straße", "ÉCOLE", "моло́ко", "Ї", "Don't"})
        CHECK(rough_fold(word) == analyzer.normalize(word));
}
