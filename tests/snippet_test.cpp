#include "newsdex/analyzer.h"
#include "snippet.h"

#include <unicode/unistr.h>

#include <catch2/catch.hpp>

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
