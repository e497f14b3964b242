// The ranking options of SearchOptions on a small index: word matching for long queries, the OR
// fallback, exact forms only, and the bonuses.
#include "newsdex/indexer.h"
#include "newsdex/searcher.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <unistd.h>

using namespace newsdex;

namespace {

class SmallIndex {
public:
    SmallIndex() : path_((std::filesystem::temp_directory_path() / ("newsdex-wm-" + std::to_string(getpid()))).string()) {
        std::filesystem::remove_all(path_);
        IndexOptions options;
        options.shards = 3;  // the word-count filter must see each shard's own document ids
        Indexer indexer(path_, options);
        auto add = [&](const char* id, const char* title, const char* body) {
            Article a;
            a.id = id;
            a.title = title;
            a.body = body;
            a.lang = "en";
            indexer.add_article(a);
        };
        add("five", "", "alpha beta gamma delta epsilon");
        add("three", "", "alpha beta gamma");
        add("one", "", "alpha");
        add("zeta", "", "zeta");
        add("zeta-alpha", "", "zeta alpha text");
        add("adjacent", "", "red apple green pear");
        add("apart", "", "red pear green apple");
        add("walking", "", "walking");
        add("walked", "", "walked");
        add("in-title", "harbour", "news of the day");
        add("in-body", "", "news of the harbour");
        indexer.commit();
    }
    ~SmallIndex() { std::filesystem::remove_all(path_); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::set<std::string> ids(const SearchResults& r) {
    std::set<std::string> out;
    for (const auto& h : r.hits) out.insert(h.id);
    return out;
}

double score_of(const SearchResults& r, const std::string& id) {
    for (const auto& h : r.hits)
        if (h.id == id) return h.score;
    return -1;
}

SearchOptions base() {
    SearchOptions o;
    o.snippets = false;
    o.limit = 50;
    o.exact_form_bonus = o.title_bonus = o.proximity_bonus = o.all_words_bonus = 0;
    return o;
}

const char* kLong = "alpha beta gamma delta epsilon zeta";  // six plain words: a long query

}  // namespace

TEST_CASE("long queries: all, any, or a minimum share of the words", "[ranking]") {
    SmallIndex index;
    Searcher s(index.path());
    SearchOptions o = base();
    o.long_query_words = 5;

    o.long_query_match = WordMatch::all;
    o.or_fallback = false;
    CHECK(s.search(kLong, o).hits.empty());  // no document holds all six
    o.or_fallback = true;
    CHECK(ids(s.search(kLong, o)) == std::set<std::string>{"five", "three", "one", "zeta", "zeta-alpha"});

    o.long_query_match = WordMatch::any;
    const auto any = s.search(kLong, o);
    CHECK(ids(any).size() == 5);
    CHECK(any.hits.front().id == "five");  // holds the most words

    o.long_query_match = WordMatch::minimum;
    o.minimum_should_match = 0.5;  // 3 of 6
    CHECK(ids(s.search(kLong, o)) == std::set<std::string>{"five", "three"});
    o.minimum_should_match = 0.75;  // ceil(4.5) = 5 of 6
    CHECK(ids(s.search(kLong, o)) == std::set<std::string>{"five"});
    o.minimum_should_match = 1.0;
    o.or_fallback = false;
    CHECK(s.search(kLong, o).hits.empty());

    // Short queries keep their own rule.
    CHECK(ids(s.search("alpha beta", o)) == std::set<std::string>{"five", "three"});
}

TEST_CASE("words marked with + stay required when the others are relaxed", "[ranking]") {
    SmallIndex index;
    Searcher s(index.path());
    SearchOptions o = base();
    o.short_query_match = o.long_query_match = WordMatch::any;
    CHECK(ids(s.search("+zeta alpha beta gamma delta epsilon", o)) == std::set<std::string>{"zeta-alpha"});
    // AND binds the words on both its sides; at least one of the other words must still match.
    CHECK(ids(s.search("zeta AND alpha text beta gamma delta", o)) == std::set<std::string>{"zeta-alpha"});
    CHECK(ids(s.search("zeta alpha text beta gamma delta", o)).size() == 5);
}

TEST_CASE("use_stems=false matches the exact written form only", "[ranking]") {
    SmallIndex index;
    Searcher s(index.path());
    SearchOptions o = base();
    CHECK(ids(s.search("walking", o)) == std::set<std::string>{"walking", "walked"});
    o.use_stems = false;
    CHECK(ids(s.search("walking", o)) == std::set<std::string>{"walking"});
}

TEST_CASE("bonuses raise the documents they are about and no others", "[ranking]") {
    SmallIndex index;
    Searcher s(index.path());
    SearchOptions o = base();

    const auto plain = s.search("red apple", o);
    CHECK(score_of(plain, "adjacent") == Approx(score_of(plain, "apart")));
    o.proximity_bonus = 1;
    o.proximity_window = 2;
    const auto near = s.search("red apple", o);
    CHECK(score_of(near, "adjacent") > score_of(near, "apart") * 1.5);
    CHECK(score_of(near, "apart") == Approx(score_of(plain, "apart")));

    o = base();
    const auto stems = s.search("walking", o);
    o.exact_form_bonus = 1;
    const auto exact = s.search("walking", o);
    CHECK(score_of(exact, "walking") > score_of(stems, "walking"));
    CHECK(score_of(exact, "walked") == Approx(score_of(stems, "walked")));

    o = base();
    o.long_query_match = WordMatch::any;
    const auto relaxed = s.search("alpha beta gamma delta epsilon", o);
    o.all_words_bonus = 1;
    const auto every = s.search("alpha beta gamma delta epsilon", o);
    CHECK(score_of(every, "five") == Approx(2 * score_of(relaxed, "five")));  // the only one with all five
    CHECK(score_of(every, "three") == Approx(score_of(relaxed, "three")));

    o = base();
    const auto body = s.search("harbour news", o);
    o.title_bonus = 1;
    const auto title = s.search("harbour news", o);
    CHECK(score_of(title, "in-title") > score_of(body, "in-title"));
    CHECK(score_of(title, "in-body") == Approx(score_of(body, "in-body")));
}
