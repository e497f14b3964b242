// The metric code of bench/eval against values computed by hand, and the harness end to end on
// the tiny judged set in tests/data/eval.
#include "bootstrap.h"
#include "evaluation.h"
#include "judged_set.h"
#include "known_item.h"
#include "xapian_peer.h"
#include "metrics.h"
#include "variants.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unistd.h>

using namespace newsdex::eval;
using Catch::Matchers::WithinAbs;

namespace {

const std::string kData = std::string(NEWSDEX_TEST_DATA_DIR) + "/eval";

}  // namespace

TEST_CASE("nDCG@10 with graded judgments, by hand", "[eval]") {
    // Judged: a=3, b=2, c=1, x=0; the run: x a z c b (z unjudged).
    // DCG  = 0/log2(2) + 3/log2(3) + 0/log2(4) + 1/log2(5) + 2/log2(6) = 1.892789 + 0.430677 + 0.773706 = 3.097171
    // IDCG = 3/log2(2) + 2/log2(3) + 1/log2(4)                          = 3 + 1.261860 + 0.5       = 4.761860
    const Grades grades{{"a", 3}, {"b", 2}, {"c", 1}, {"x", 0}};
    const std::vector<std::string> run{"x", "a", "z", "c", "b"};
    CHECK_THAT(ndcg_at(run, grades, 10), WithinAbs(3.097171 / 4.761860, 1e-6));
    // Cut at 3: only a counts (1.892789); the ideal still holds a, b, c.
    CHECK_THAT(ndcg_at(run, grades, 3), WithinAbs(1.892789 / 4.761860, 1e-6));
    // The ideal order is a perfect score; a run without relevant documents scores 0.
    CHECK_THAT(ndcg_at({"a", "b", "c"}, grades, 10), WithinAbs(1.0, 1e-12));
    CHECK(ndcg_at({"x", "z"}, grades, 10) == 0);
    // A query without relevant documents has nothing to find.
    CHECK(ndcg_at({"x"}, Grades{{"x", 0}}, 10) == 0);
}

TEST_CASE("MRR@10 counts the first relevant document within the cutoff", "[eval]") {
    const Grades grades{{"a", 3}, {"b", 2}, {"x", 0}};
    CHECK(reciprocal_rank_at({"x", "a", "b"}, grades, 10) == 0.5);
    CHECK(reciprocal_rank_at({"b"}, grades, 10) == 1.0);
    CHECK(reciprocal_rank_at({"x", "z", "a"}, grades, 2) == 0);
    std::vector<std::string> eleven(10, "x");
    eleven.push_back("a");  // rank 11: outside MRR@10
    CHECK(reciprocal_rank_at(eleven, grades, 10) == 0);
    CHECK_THAT(reciprocal_rank_at(eleven, grades, 11), WithinAbs(1.0 / 11, 1e-12));
}

TEST_CASE("Recall@100 is the share of relevant documents found", "[eval]") {
    const Grades grades{{"a", 3}, {"b", 2}, {"c", 1}, {"x", 0}};
    CHECK_THAT(recall_at({"x", "a", "z", "c"}, grades, 100), WithinAbs(2.0 / 3, 1e-12));
    CHECK_THAT(recall_at({"x", "a", "z", "c", "b"}, grades, 3), WithinAbs(1.0 / 3, 1e-12));
    CHECK(recall_at({"a", "a", "a"}, grades, 100) == Approx(1.0 / 3));  // a document found twice counts once
    CHECK(relevant_count(grades) == 3);
}

TEST_CASE("judged set files are read with their grades", "[eval]") {
    const JudgedSet set = read_judged_set("tiny", kData + "/queries.tsv", kData + "/qrels.tsv");
    REQUIRE(set.queries.size() == 4);
    CHECK(set.queries[1].id == "q2");
    CHECK(set.queries[1].text == "ферма дрони");
    REQUIRE(set.qrels.count("q1"));
    CHECK(set.qrels.at("q1").at("en-lighthouse") == 2);
    CHECK(set.qrels.at("q1").at("en-bakery") == 0);
    CHECK(set.qrels.count("q4") == 0);
    const auto corpus = read_corpus(kData + "/corpus.jsonl");
    REQUIRE(corpus.size() == 7);
    CHECK(corpus[3].id == "uk-drones");
    CHECK(corpus[3].lang == "uk");
}

TEST_CASE("the harness scores real searches on the tiny judged set", "[eval]") {
    const auto corpus = read_corpus(kData + "/corpus.jsonl");
    std::map<std::string, std::string> doc_lang;
    for (const auto& a : corpus) doc_lang[a.id] = a.lang;
    const JudgedSet set = read_judged_set("tiny", kData + "/queries.tsv", kData + "/qrels.tsv");
    const std::string db = (std::filesystem::temp_directory_path() / ("newsdex-eval-test-" + std::to_string(getpid()))).string();
    std::filesystem::remove_all(db);
    index_collection(corpus, db);

    // Without the page filled (or_fallback off), two-word queries need both words, so each query
    // finds one document. q1 finds en-lighthouse (grade 2) only: nDCG = 2 / (2 + 1/log2(3)) =
    // 0.760188, recall 1/2. q2 finds uk-drones through its stems ("фермах", "дронів"), q3
    // ru-metro: both perfect. q4 has no judgments and is not scored.
    auto strict = parse_variant("default");
    strict.options.or_fallback = false;
    const auto scores = score_variant(db, db + "-xapian", set, strict, doc_lang);
    REQUIRE(scores.size() == 3);
    CHECK(scores[0].qid == "q1");
    CHECK(scores[0].lang == "en");
    CHECK_THAT(scores[0].ndcg, WithinAbs(0.760188, 1e-6));
    CHECK(scores[0].reciprocal_rank == 1.0);
    CHECK(scores[0].recall == 0.5);
    CHECK(scores[1].lang == "uk");
    CHECK(scores[1].ndcg == Approx(1.0));
    CHECK(scores[2].reciprocal_rank == 1.0);

    const auto rows = summarize("tiny", "default", scores);
    REQUIRE(rows.size() == 4);  // all, en, ru, uk
    CHECK(rows[0].lang == "all");
    CHECK_THAT(rows[0].ndcg, WithinAbs((0.760188 + 1 + 1) / 3, 1e-6));
    CHECK_THAT(rows[0].recall, WithinAbs((0.5 + 1 + 1) / 3, 1e-12));
    CHECK(rows[1].lang == "en");

    // The default fills the short page: after en-lighthouse, the only article with both words,
    // comes en-museum with one of them (grade 1), and q1 is perfect too.
    const auto filled = score_variant(db, db + "-xapian", set, parse_variant("default"), doc_lang);
    REQUIRE(filled.size() == 3);
    CHECK(filled[0].ranking == std::vector<std::string>{"en-lighthouse", "en-museum"});
    CHECK(filled[0].ndcg == Approx(1.0));
    CHECK(filled[0].recall == 1.0);

    // Without stems the inflected Ukrainian words are not found, even by the OR fallback; in q3
    // "москва" is not "Москве", so strict AND finds nothing and the fallback finds "метро".
    const auto exact = score_variant(db, db + "-xapian", set, parse_variant("bm25-exact-and"), doc_lang);
    REQUIRE(exact.size() == 3);
    CHECK(exact[1].reciprocal_rank == 0);
    CHECK(exact[2].reciprocal_rank == 1.0);
    auto no_fallback = parse_variant("bm25-exact-and");
    no_fallback.options.or_fallback = false;
    CHECK(score_variant(db, db + "-xapian", set, no_fallback, doc_lang)[2].reciprocal_rank == 0);

    // Pooling: q4 has no judgments, and is run only when asked, for its ranking; its rows are
    // marked unjudged and the means leave it out.
    const auto pooled = score_variant(db, db + "-xapian", set, strict, doc_lang, true);
    REQUIRE(pooled.size() == 4);
    CHECK(pooled[0].ranking == std::vector<std::string>{"en-lighthouse"});
    CHECK(pooled[3].qid == "q4");
    CHECK_FALSE(pooled[3].judged);
    CHECK(pooled[0].judged);
    const auto pooled_rows = summarize("tiny", "default", pooled);
    REQUIRE(pooled_rows.size() == 4);
    CHECK(pooled_rows[0].queries == 3);
    CHECK_THAT(pooled_rows[0].ndcg, WithinAbs(rows[0].ndcg, 1e-12));
    std::filesystem::remove_all(db);
}

TEST_CASE("the written topical queries are judged and their judgments are well formed", "[eval]") {
    // bench/eval/topics: queries written for the project, graded by pooled assessment
    // (docs/quality.md). A topic nobody could find, a grade outside 0..2, a judgment of a query
    // that does not exist or a document judged twice would each skew the topical figures.
    const std::string dir = std::string(NEWSDEX_EVAL_TOPICS_DIR);
    const auto queries = read_queries(dir + "/topics.tsv");
    REQUIRE(queries.size() >= 45);
    std::map<std::string, std::size_t> per_lang;
    std::set<std::string> qids;
    for (const auto& q : queries) {
        INFO(q.id);
        CHECK(qids.insert(q.id).second);
        const std::string lang = q.id.substr(0, q.id.find('-'));
        CHECK((lang == "en" || lang == "uk" || lang == "ru"));
        ++per_lang[lang];
        CHECK_FALSE(q.text.empty());
    }
    CHECK(per_lang["en"] >= 15);
    CHECK(per_lang["uk"] >= 15);
    CHECK(per_lang["ru"] >= 15);

    std::size_t lines = 0;
    for_each_line(dir + "/qrels.tsv", [&](const std::string& line, std::size_t) {
        if (!line.empty() && line[0] != '#' && line.rfind("qid\t", 0) != 0) ++lines;
    });
    const auto qrels = read_qrels(dir + "/qrels.tsv");
    std::size_t judgments = 0;
    for (const auto& [qid, grades] : qrels) {
        INFO(qid);
        CHECK(qids.count(qid) == 1);
        for (const auto& [doc, grade] : grades) {
            CHECK((grade >= 0 && grade <= 2));
            CHECK(doc.find(':') != std::string::npos);  // a corpus id, "<source>:<key>"
        }
        judgments += grades.size();
    }
    CHECK(judgments == lines);  // no document judged twice for one query
    for (const auto& q : queries) {
        INFO(q.id);
        REQUIRE(qrels.count(q.id) == 1);
        CHECK(relevant_count(qrels.at(q.id)) > 0);
    }
}

TEST_CASE("the plain Xapian peer answers from its own database, stemming only when asked", "[eval]") {
    const auto corpus = read_corpus(kData + "/corpus.jsonl");
    std::map<std::string, std::string> doc_lang;
    for (const auto& a : corpus) doc_lang[a.id] = a.lang;
    const std::string db = (std::filesystem::temp_directory_path() / ("newsdex-eval-peer-" + std::to_string(getpid()))).string();
    std::filesystem::remove_all(db);
    index_with_xapian(corpus, db);
    XapianPeer peer(db);
    // "keepers" is only found as "keeper" through the English Snowball stemmer.
    CHECK(peer.search("keepers", "en", false, 10).empty());
    const auto stemmed = peer.search("keepers", "en", true, 10);
    REQUIRE_FALSE(stemmed.empty());
    CHECK(stemmed.front() == "en-lighthouse");
    // Capitals are stemmed too: an all-capitals headline must not fall back to written forms.
    const auto shouted = peer.search("KEEPERS", "en", true, 10);
    REQUIRE_FALSE(shouted.empty());
    CHECK(shouted.front() == "en-lighthouse");
    // OR of the words: a document with either one is found.
    CHECK(peer.search("keeper museum", "en", false, 10).size() >= 2);
    CHECK(snowball_name("uk") == "none");

    const JudgedSet set = read_judged_set("tiny", kData + "/queries.tsv", kData + "/qrels.tsv");
    const auto scores = score_variant("", db, set, parse_variant("xapian-plain"), doc_lang);
    REQUIRE(scores.size() == 3);
    CHECK(scores[0].reciprocal_rank == 1.0);  // "lighthouse keeper": both words in en-lighthouse
    // The lead-prior peer has a database of its own, built beside the plain one.
    const Variant lead = parse_variant("xapian-snowball-lead");
    CHECK(lead.peer_lead_words == 50);
    CHECK(peer_database_path(db, lead) == db + "-lead-50");
    CHECK(peer_database_path(db, parse_variant("xapian-snowball")) == db);
    std::filesystem::remove_all(db);
}

TEST_CASE("bootstrap intervals hold the mean and shrink with more queries", "[eval]") {
    std::map<std::string, double> constant, few, many, shifted;
    for (int i = 0; i < 50; ++i) constant["q" + std::to_string(i)] = 0.5;
    const Interval flat = bootstrap_mean(constant);
    CHECK(flat.low == Approx(0.5));
    CHECK(flat.high == Approx(0.5));
    for (int i = 0; i < 40; ++i) few["q" + std::to_string(i)] = i % 2;
    for (int i = 0; i < 4000; ++i) many["q" + std::to_string(i)] = i % 2;
    const Interval narrow = bootstrap_mean(many), wide = bootstrap_mean(few);
    CHECK(wide.low < 0.5);
    CHECK(wide.high > 0.5);
    CHECK(narrow.low < 0.5);
    CHECK(narrow.high > 0.5);
    CHECK(narrow.high - narrow.low < (wide.high - wide.low) / 3);
    // Paired: a constant gain on every query is certain however noisy the queries are.
    for (const auto& [qid, v] : many) shifted[qid] = v + 0.1;
    const Interval gain = bootstrap_difference(shifted, many);
    CHECK(gain.low == Approx(0.1));
    CHECK(gain.high == Approx(0.1));
    // Queries only one side holds are not compared.
    shifted["extra"] = 100;
    CHECK(bootstrap_difference(shifted, many).high == Approx(0.1));
}

TEST_CASE("known-item targets split into two stable halves by id", "[eval]") {
    std::size_t tune = 0;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = "source:" + std::to_string(i);
        CHECK(std::string(half_of(id)) == half_of(id));
        tune += std::string(half_of(id)) == kTuneHalf ? 1 : 0;
    }
    CHECK(tune > 400);
    CHECK(tune < 600);
    CHECK(known_item_set_names() == std::vector<std::string>{"headline-tune", "headline-test", "lead-tune", "lead-test"});
}

TEST_CASE("variants parse from specs and reject unknown settings", "[eval]") {
    const Variant v = parse_variant("mine=match:or,k1:0.9,b:0.4,stems:0,prox:0.5");
    CHECK(v.name == "mine");
    CHECK(v.options.long_query_match == newsdex::WordMatch::any);
    CHECK(v.ranking.bm25_k1 == 0.9);
    CHECK_FALSE(v.ranking.use_stems);
    CHECK(v.ranking.proximity_bonus == 0.5);
    CHECK_THROWS_AS(parse_variant("bad=k1:x"), std::invalid_argument);
    CHECK_THROWS_AS(parse_variant("bad=colour:red"), std::invalid_argument);
    CHECK_THROWS_AS(parse_variant("no-such-variant"), std::invalid_argument);
    CHECK(parse_variant("xapian-snowball").xapian_peer);
    CHECK(parse_variant("xapian-snowball").ranking.use_stems);
    CHECK_FALSE(parse_variant("default").xapian_peer);
    CHECK_THROWS_AS(parse_variant("bad=engine:lucene"), std::invalid_argument);
}

TEST_CASE("known-item queries are pasted text, not query syntax", "[eval]") {
    CHECK(query_words("U.S. AND JAPAN \"TALKS\" (NOT over)") ==
          std::vector<std::string>{"U.S", "and", "JAPAN", "TALKS", "not", "over"});
    CHECK(query_words("«Нафтогаз» — це -борг: 5 млрд") == std::vector<std::string>{"Нафтогаз", "це", "борг", "5", "млрд"});
    CHECK(lead_sentence("One two three. Four five six seven. Eight.", 4) == "One two three. Four five six seven.");
    CHECK(lead_sentence("Short one. Then the rest\nSecond paragraph.", 2) == "Short one.");
    CHECK(title_repeats_body("Перше речення тексту.", "Перше речення тексту. Далі інше."));
    CHECK_FALSE(title_repeats_body("Справжній заголовок", "Перше речення тексту."));
}

TEST_CASE("BSNLP topics are read from the source field", "[eval]") {
    CHECK(bsnlp_topic("dw.com (via BSNLP shared task, topic asia_bibi)") == "asia_bibi");
    CHECK(bsnlp_topic("unknown (via BSNLP shared task, topic covid-19)") == "covid-19");
    CHECK(bsnlp_topic("korrespondent.net") == "");
}
