// The ranking options of SearchOptions on a small index: word matching for long queries (the
// minimum's filter against a count by hand, in both its forms), the OR fallback, exact forms
// only, and the bonuses.
#include "newsdex/analyzer.h"
#include "newsdex/experimental.h"
#include "newsdex/indexer.h"
#include "newsdex/schema.h"
#include "newsdex/searcher.h"
#include "newsdex/shards.h"
#include "query_builder.h"
#include "query_parser.h"
#include "stored_lemmas.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sys/resource.h>
#include <sys/wait.h>
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
        add("a-name", "", "london");
        add("a-word", "", "meeting");
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

// @p o with research settings (newsdex/experimental.h) changed by @p set.
template <class Set>
SearchOptions ranked(SearchOptions o, Set set) {
    auto ranking = std::make_shared<experimental::Ranking>(experimental::or_default(o.ranking));
    set(*ranking);
    o.ranking = std::move(ranking);
    return o;
}

// The form as typed counts as well as its lemmas, so that "walking" is told from "walked"; the
// default (once, through the lemmas) has its own test below.
SearchOptions base() {
    SearchOptions o;
    o.snippets = false;
    o.limit = 50;
    return ranked(o, [](auto& r) { r.written_form_counts = true; });
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
    o = ranked(o, [](auto& r) { r.use_stems = false; });
    CHECK(ids(s.search("walking", o)) == std::set<std::string>{"walking"});
}

TEST_CASE("bonuses raise the documents they are about and no others", "[ranking]") {
    SmallIndex index;
    Searcher s(index.path());
    SearchOptions o = base();

    const auto plain = s.search("red apple", o);
    CHECK(score_of(plain, "adjacent") == Approx(score_of(plain, "apart")));
    o = ranked(o, [](auto& r) {
        r.proximity_bonus = 1;
        r.proximity_window = 2;
    });
    const auto near = s.search("red apple", o);
    CHECK(score_of(near, "adjacent") > score_of(near, "apart") * 1.5);
    CHECK(score_of(near, "apart") == Approx(score_of(plain, "apart")));

    o = base();
    const auto stems = s.search("walking", o);
    o = ranked(o, [](auto& r) { r.exact_form_bonus = 1; });
    const auto exact = s.search("walking", o);
    CHECK(score_of(exact, "walking") > score_of(stems, "walking"));
    CHECK(score_of(exact, "walked") == Approx(score_of(stems, "walked")));

    o = base();
    o.long_query_match = WordMatch::any;
    const auto relaxed = s.search("alpha beta gamma delta epsilon", o);
    o = ranked(o, [](auto& r) { r.all_words_bonus = 1; });
    const auto every = s.search("alpha beta gamma delta epsilon", o);
    CHECK(score_of(every, "five") == Approx(2 * score_of(relaxed, "five")));  // the only one with all five
    CHECK(score_of(every, "three") == Approx(score_of(relaxed, "three")));

    o = base();
    const auto body = s.search("harbour news", o);
    o = ranked(o, [](auto& r) { r.title_bonus = 1; });
    const auto title = s.search("harbour news", o);
    CHECK(score_of(title, "in-title") > score_of(body, "in-title"));
    CHECK(score_of(title, "in-body") == Approx(score_of(body, "in-body")));
}

TEST_CASE("word pairs as written: in order side by side, or in either order within a window", "[ranking]") {
    SmallIndex index;
    Searcher s(index.path());
    SearchOptions o = base();
    // "adjacent": red apple green pear; "apart": red pear green apple.
    const auto plain = s.search("red apple", o);
    o = ranked(o, [](auto& r) { r.sequence_bonus = 1; });
    const auto ordered = s.search("red apple", o);
    CHECK(score_of(ordered, "adjacent") > score_of(plain, "adjacent") * 1.5);
    CHECK(score_of(ordered, "apart") == Approx(score_of(plain, "apart")));
    // The other order is not the sequence.
    const auto reversed_plain = s.search("apple red", base());
    const auto reversed = s.search("apple red", o);
    CHECK(score_of(reversed, "adjacent") == Approx(score_of(reversed_plain, "adjacent")));
    // Ordered within three positions: "red pear green" leaves green two after red.
    const auto gap_plain = s.search("red green", base());
    o = ranked(o, [](auto& r) { r.sequence_window = 2; });
    CHECK(score_of(s.search("red green", o), "apart") == Approx(score_of(gap_plain, "apart")));
    o = ranked(o, [](auto& r) { r.sequence_window = 3; });
    CHECK(score_of(s.search("red green", o), "apart") > score_of(gap_plain, "apart") * 1.5);

    o = base();
    o = ranked(o, [](auto& r) {
        r.sequence_near_bonus = 1;
        r.sequence_near_window = 2;
    });
    const auto near = s.search("apple red", o);
    CHECK(score_of(near, "adjacent") > score_of(reversed_plain, "adjacent") * 1.5);  // either order
    CHECK(score_of(near, "apart") == Approx(score_of(reversed_plain, "apart")));      // four apart
    o = ranked(o, [](auto& r) { r.sequence_near_window = 4; });
    CHECK(score_of(s.search("apple red", o), "apart") > score_of(reversed_plain, "apart") * 1.5);
}

TEST_CASE("a capitalised word inside a query in small letters weighs name_weight", "[ranking]") {
    SmallIndex index;
    Searcher s(index.path());
    SearchOptions o = base();
    o.short_query_match = WordMatch::any;
    const auto plain = s.search("the meeting in London", o);
    o = ranked(o, [](auto& r) { r.name_weight = 2; });
    const auto names = s.search("the meeting in London", o);
    CHECK(score_of(names, "a-name") == Approx(2 * score_of(plain, "a-name")));
    CHECK(score_of(names, "a-word") == Approx(score_of(plain, "a-word")));
    // A headline in capitals tells no names; the first word is capitalised whatever it is.
    CHECK(score_of(s.search("THE MEETING IN LONDON", o), "a-name") == Approx(score_of(plain, "a-name")));
    const auto first = s.search("London meeting", o);
    CHECK(score_of(first, "a-name") == Approx(score_of(s.search("London meeting", base()), "a-name")));
}

TEST_CASE("written_form_counts: the form as typed counts as well as its lemma, or only through it", "[ranking]") {
    SmallIndex index;
    Searcher s(index.path());
    SearchOptions o = base();
    const auto both = s.search("walking", o);
    CHECK(score_of(both, "walking") > score_of(both, "walked"));
    o = ranked(o, [](auto& r) { r.written_form_counts = false; });
    const auto lemma = s.search("walking", o);
    REQUIRE(lemma.hits.size() == 2);
    CHECK(score_of(lemma, "walking") == Approx(score_of(lemma, "walked")));
}

namespace {

// Eight words, each written in one of two forms that share a stem, so that a word is found
// through its exact term in some documents and only through its lemma term in others.
const char* const kForms[][2] = {{"river", "rivers"},   {"bridge", "bridges"}, {"train", "trains"},   {"market", "markets"},
                                 {"harbour", "harbours"}, {"garden", "gardens"}, {"castle", "castles"}, {"forest", "forests"}};
constexpr std::size_t kWords = 8;
const char* kEightWords = "river bridge train market harbour garden castle forest";

/// Documents holding pseudo-random subsets of the eight words, spread over three shards, and
/// how many of the words each holds. With @p far_ids, each shard also holds a copy of its first
/// document at id 1,000,000,000: too many ids to count per id, so the filter walks the lists.
struct MixedIndex {
    test::TempDir dir{"wm-mixed"};
    std::map<std::string, std::size_t> words_in;

    explicit MixedIndex(bool far_ids = false) {
        IndexOptions options;
        options.shards = 3;
        auto indexer = std::make_unique<Indexer>(dir.str(), options);
        std::uint32_t state = 12345;
        auto next = [&] { return state = state * 1103515245u + 12345u, (state >> 16) & 0x7fff; };
        for (int d = 0; d < 150; ++d) {
            Article a;
            a.id = "doc-" + std::to_string(d);
            a.lang = "en";
            a.body = "today " + std::to_string(d);
            std::size_t held = 0;
            for (std::size_t w = 0; w < kWords; ++w) {
                if (next() % 100 < 45) continue;
                a.body += std::string(" ") + kForms[w][next() % 2];
                ++held;
            }
            words_in[a.id] = held;
            indexer->add_article(a);
        }
        indexer->commit();
        indexer.reset();  // lets go of the shards' write locks
        if (!far_ids) return;
        for (const auto& path : shards::local_paths(dir.str())) {
            Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
            Xapian::Document copy = db.get_document(*db.postlist_begin(""));
            Article a = schema::decode_article(copy.get_data());
            const std::string original = a.id;
            a.id = "far-copy-of-" + original;
            copy.set_data(schema::encode_article(a));
            copy.remove_term(schema::id_term(original));
            copy.add_boolean_term(schema::id_term(a.id));
            db.replace_document(1'000'000'000u, copy);  // times three shards: still a 32-bit id
            db.commit();
            words_in[a.id] = words_in.at(original);
        }
    }

    std::set<std::string> holding_at_least(std::size_t k) const {
        std::set<std::string> out;
        for (const auto& [id, held] : words_in)
            if (held >= k) out.insert(id);
        return out;
    }
};

SearchOptions at_least(std::size_t k) {
    SearchOptions o = base();
    o.limit = 1000;
    o.collapse_duplicates = false;  // two documents may hold the same words
    o.or_fallback = false;
    o.long_query_match = WordMatch::minimum;
    o.minimum_should_match = static_cast<double>(k) / kWords;
    return o;
}

}  // namespace

TEST_CASE("a minimum keeps exactly the documents holding enough words, in every shard", "[ranking]") {
    const bool far_ids = GENERATE(false, true);  // counted per id, or walked lazily
    MixedIndex index(far_ids);
    Searcher s(index.dir.str());
    for (std::size_t k = 2; k < kWords; ++k) {
        INFO("at least " << k << " of " << kWords << (far_ids ? ", lists walked" : ", documents counted"));
        const auto expected = index.holding_at_least(k);
        REQUIRE_FALSE(expected.empty());
        const auto results = s.search(kEightWords, at_least(k));
        CHECK(ids(results) == expected);
        CHECK(results.estimated_matches == expected.size());
        CHECK(results.word_match == WordMatch::minimum);
    }
}

TEST_CASE("the operator form of a minimum, for remote shards, matches as the local filter does", "[ranking][remote]") {
    MixedIndex index(true);
    Searcher s(index.dir.str());
    Xapian::Database db;
    for (const auto& path : shards::local_paths(index.dir.str())) db.add_database(Xapian::Database(path));
    Analyzer analyzer;
    StoredLemmas lemmas(db);
    for (std::size_t k = 2; k < kWords; ++k) {
        INFO("at least " << k << " of " << kWords);
        QueryBuilder builder(analyzer, lemmas);
        builder.set_serialisable(true);
        SearchOptions options = at_least(k);
        // Both sides weigh with the same scheme, so that their scores can be compared.
        options = ranked(options, [](auto& r) { r.weighting = experimental::Ranking::Weighting::bm25; });
        const experimental::Ranking& ranking = experimental::or_default(options.ranking);
        const Xapian::Query query = builder.build(parse_query(kEightWords), db, options);
        // Serialisable: no posting source, which is what a remote server cannot rebuild.
        CHECK_NOTHROW(Xapian::Query::unserialise(query.serialise()));
        CHECK(builder.word_match_note().empty());
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(Xapian::BM25Weight(ranking.bm25_k1, 0, 1, ranking.bm25_b, 0.5));
        enquire.set_query(query);
        std::map<std::string, double> found;
        const Xapian::MSet mset = enquire.get_mset(0, 1000);
        for (auto it = mset.begin(); it != mset.end(); ++it)
            found[schema::decode_article(it.get_document().get_data()).id] = it.get_weight();
        std::set<std::string> found_ids;
        for (const auto& [id, weight] : found) found_ids.insert(id);
        CHECK(found_ids == index.holding_at_least(k));
        // Weighed as with the posting source: the filter adds no weight either way.
        for (const auto& hit : s.search(kEightWords, options).hits) CHECK(hit.score == Approx(found[hit.id]));
    }
}

TEST_CASE("a minimum needs memory for its words, not for every document id", "[ranking]") {
#if defined(__SANITIZE_ADDRESS__)
    WARN("skipped under AddressSanitizer, whose allocator does not live under an address-space limit");
    return;
#else
    // One document at id 3,000,000,000: a filter that kept a counter per document id would ask
    // for gigabytes, which the address-space limit below turns into bad_alloc.
    test::TempDir dir("wm-sparse");
    {
        IndexOptions options;
        options.shards = 1;
        Indexer indexer(dir.str(), options);
        Article a;
        a.id = "low";
        a.lang = "en";
        a.body = "alpha beta gamma delta epsilon";
        indexer.add_article(a);
        indexer.commit();
    }
    {
        Xapian::WritableDatabase db(dir.str(), Xapian::DB_OPEN);
        Xapian::Document high = db.get_document(1);
        Article a = schema::decode_article(high.get_data());
        a.id = "high";
        high.set_data(schema::encode_article(a));
        high.remove_term(schema::id_term("low"));
        high.add_boolean_term(schema::id_term("high"));
        high.add_value(schema::kContentSlot, "a copy that is not collapsed");
        db.replace_document(3'000'000'000u, high);
        db.commit();
    }
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        long pages = 0;
        std::ifstream("/proc/self/statm") >> pages;
        const rlim_t limit = static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE)) + (256u << 20);
        const rlimit cap{limit, limit};
        int status = 3;
        try {
            if (::setrlimit(RLIMIT_AS, &cap) == 0) {
                Searcher s(dir.str());
                SearchOptions o = base();
                o.long_query_match = WordMatch::minimum;
                o.minimum_should_match = 0.6;
                status = ids(s.search("alpha beta gamma delta epsilon zeta", o)) == std::set<std::string>{"low", "high"} ? 0 : 1;
            }
        } catch (const std::bad_alloc&) {
            status = 2;
        } catch (...) {
            status = 4;
        }
        ::_exit(status);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);  // 1: wrong hits, 2: out of memory, 3: no limit set, 4: other error
#endif
}

TEST_CASE("the default weighs words as BM25 with k1 2 and b 0.75 (docs/quality.md)", "[ranking]") {
    SmallIndex index;
    Searcher s(index.path());
    SearchOptions o;
    o.snippets = false;
    o.limit = 50;
    o = ranked(o, [](auto& r) { r.use_stems = false; });  // the query is then the one written term, which Xapian can weigh alone
    const auto results = s.search("alpha", o);
    REQUIRE(results.hits.size() == 4);

    Xapian::Database db;
    for (const auto& path : shards::local_paths(index.path())) db.add_database(Xapian::Database(path));
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight(2, 0, 1, 0.75, 0.5));
    enquire.set_query(Xapian::Query("alpha"));
    const Xapian::MSet mset = enquire.get_mset(0, 50);
    REQUIRE(mset.size() == results.hits.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const std::string id = schema::decode_article(it.get_document().get_data()).id;
        INFO(id);
        CHECK(score_of(results, id) == Approx(it.get_weight()));
    }
    // Shorter documents rank higher for the same one occurrence: b normalises for length.
    CHECK(score_of(results, "one") > score_of(results, "five"));
}

TEST_CASE("by default a word counts through its lemmas once, the form as typed no more (docs/quality.md)", "[ranking]") {
    SmallIndex index;
    Searcher s(index.path());
    SearchOptions o;
    o.snippets = false;
    CHECK_FALSE(o.ranking);
    const experimental::Ranking& defaults = experimental::or_default(o.ranking);
    CHECK_FALSE(defaults.written_form_counts);
    CHECK(defaults.name_weight == 1);
    CHECK(defaults.sequence_bonus == 0);
    CHECK(defaults.sequence_near_bonus == 0);
    CHECK_FALSE(o.other_cyrillic);
    const auto results = s.search("walking", o);
    REQUIRE(results.hits.size() == 2);
    CHECK(score_of(results, "walking") == Approx(score_of(results, "walked")));
}
