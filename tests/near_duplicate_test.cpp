// The near-duplicate sketch: what counts as the same text, and its stored form.
#include "newsdex/near_duplicate.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace newsdex;
namespace nd = newsdex::near_duplicate;

namespace {

std::vector<std::string> random_words(unsigned seed, std::size_t n) {
    std::mt19937 rng(seed);
    std::vector<std::string> words;
    for (std::size_t i = 0; i < n; ++i) words.push_back("w" + std::to_string(rng() % 500));
    return words;
}

nd::Sketch sketch(const std::vector<std::string>& words) {
    std::vector<std::string_view> views(words.begin(), words.end());
    const auto s = nd::sketch_of(views);
    REQUIRE(s.has_value());
    return *s;
}

}  // namespace

TEST_CASE("a text with a few words changed is a near duplicate, another text is not", "[near_duplicate]") {
    const auto original = random_words(1, 300);
    auto edited = original;
    for (std::size_t i : {20u, 90u, 150u, 240u}) edited[i] = "changed";
    edited.erase(edited.begin() + 100, edited.begin() + 115);  // a sentence dropped
    const auto other = random_words(2, 300);
    CHECK(nd::near_duplicates(sketch(original), sketch(edited)));
    CHECK(nd::similarity(sketch(original), sketch(original)) == 1.0);
    CHECK_FALSE(nd::near_duplicates(sketch(original), sketch(other)));
    CHECK(nd::similarity(sketch(original), sketch(other)) < 0.1);
}

TEST_CASE("near duplicates share a band term, and the terms depend on the text only", "[near_duplicate]") {
    const auto original = random_words(3, 200);
    auto edited = original;
    edited[50] = "changed";
    const auto a = nd::band_terms(sketch(original), "XN");
    const auto b = nd::band_terms(sketch(edited), "XN");
    REQUIRE(a.size() == nd::kBands);
    CHECK(a == nd::band_terms(sketch(original), "XN"));
    std::size_t shared = 0;
    for (std::size_t i = 0; i < a.size(); ++i) shared += a[i] == b[i];
    CHECK(shared > 0);
    for (const auto& term : a) CHECK(term.rfind("XN", 0) == 0);
}

TEST_CASE("a text too short to sketch gets none", "[near_duplicate]") {
    const auto words = random_words(4, nd::kMinShingles + nd::kShingleWords - 2);
    std::vector<std::string_view> views(words.begin(), words.end());
    CHECK_FALSE(nd::sketch_of(views).has_value());
    CHECK_FALSE(nd::sketch_of({}).has_value());
}

TEST_CASE("a sketch's stored form reads back, anything else is refused", "[near_duplicate]") {
    const nd::Sketch s = sketch(random_words(5, 100));
    const std::string stored = nd::encode(s);
    CHECK(stored.size() == nd::kHashes * 4);
    const auto back = nd::decode(stored);
    REQUIRE(back.has_value());
    CHECK(back->mins == s.mins);
    CHECK_FALSE(nd::decode(stored.substr(1)).has_value());
    CHECK_FALSE(nd::decode("").has_value());
}
