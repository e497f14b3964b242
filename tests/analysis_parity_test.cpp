// Parity: a sentence analysed as a document and the same sentence analysed as a query must give
// the same terms, because indexing and query building share the analyzer and the lemma decisions.
#include "newsdex/analyzer.h"
#include "newsdex/experimental.h"
#include "newsdex/indexer.h"
#include "newsdex/schema.h"
#include "newsdex/searcher.h"
#include "query_builder.h"
#include "query_parser.h"
#include "stored_lemmas.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <memory>
#include <set>
#include <string>

using namespace newsdex;

namespace {

// These tests read the Xapian database directly, so they index into one shard.
IndexOptions one_shard() {
    IndexOptions o;
    o.shards = 1;
    return o;
}

// Unprefixed word terms and Z lemma terms: what a free-text query can ask for.
bool is_text_term(const std::string& t) {
    if (t.empty()) return false;
    const unsigned char c = static_cast<unsigned char>(t[0]);
    if (c == 'Z') return t.size() > 1 && !(t[1] >= 'A' && t[1] <= 'Z');
    return !(c >= 'A' && c <= 'Z');
}

std::set<std::string> document_terms(const Xapian::Database& db, Xapian::docid id) {
    std::set<std::string> out;
    for (auto it = db.termlist_begin(id); it != db.termlist_end(id); ++it)
        if (is_text_term(*it)) out.insert(*it);
    return out;
}

std::set<std::string> query_terms(const Xapian::Database& db, const std::string& text) {
    Analyzer analyzer;
    StoredLemmas lemmas(db);
    QueryBuilder builder(analyzer, lemmas);
    // Every term a query can ask for: by default a word with lemmas is asked for by its lemmas
    // alone (its written form is indexed under them too); with the written form as well, the
    // query's terms are the document's.
    SearchOptions options;
    auto ranking = std::make_shared<experimental::Ranking>();
    ranking->written_form_counts = true;
    options.ranking = std::move(ranking);
    const Xapian::Query q = builder.build(parse_query(text), db, options);
    return std::set<std::string>(q.get_unique_terms_begin(), q.get_unique_terms_end());
}

// One indexing run that adds one article.
void index_one(const std::string& path, const IndexOptions& options, const std::string& id, const std::string& lang,
               const std::string& body) {
    Indexer indexer(path, options);
    Article a;
    a.id = id;
    a.lang = lang;
    a.body = body;
    indexer.add_article(a);
    indexer.commit();
}

struct Indexed {
    test::TempDir dir{"parity"};
    Xapian::Database db;
    explicit Indexed(const std::string& body, const std::string& lang) {
        index_one(dir.str(), one_shard(), "parity", lang, body);
        db = Xapian::Database(dir.str());
    }
};

}  // namespace

TEST_CASE("an English sentence gives the same terms as document and as query", "[analysis][parity]") {
    const std::string sentence = "Grain exports through the ports increased sharply in March, ministers said";
    Indexed index(sentence, "en");
    const auto doc = document_terms(index.db, 1);
    REQUIRE(doc.count("exports"));
    REQUIRE(doc.count("Zexport"));
    // A word written as its own lemma ("grain") has no lemma term in a new index: its written
    // form stands in. The query asks for both a lemma's term and its written form, so it asks
    // for every term of the document and, beyond them, only such pairs' other half.
    REQUIRE(doc.count("grain"));
    CHECK_FALSE(doc.count("Zgrain"));
    const auto query = query_terms(index.db, sentence);
    CHECK(query.count("Zgrain"));  // "grains" in another article has it
    for (const auto& term : doc) {
        INFO(term);
        CHECK(query.count(term));
    }
    for (const auto& term : query) {
        INFO(term);
        if (!doc.count(term)) CHECK(((term.size() > 1 && term[0] == 'Z' && doc.count(term.substr(1))) || doc.count("Z" + term)));
    }
}

TEST_CASE("an index made with every lemma term keeps that layout, and its queries ask for no extra terms",
          "[analysis][parity]") {
    const std::string sentence = "Grain exports through the ports increased sharply in March, ministers said";
    test::TempDir dir("parity-old-layout");
    IndexOptions every_lemma_term = one_shard();
    auto weights = std::make_shared<experimental::TermWeights>();
    weights->own_form_lemma_terms = true;
    every_lemma_term.weights = weights;
    index_one(dir.str(), every_lemma_term, "old", "en", sentence);
    // A later run with the default options adds to it in the layout it has.
    index_one(dir.str(), one_shard(), "later", "en", "Grain prices fell");
    Xapian::Database db(dir.str());
    CHECK(db.get_metadata(std::string(schema::kLemmaTermsKey)).empty());
    CHECK(document_terms(db, 1).count("Zgrain"));
    CHECK(document_terms(db, 2).count("Zgrain"));
    CHECK(query_terms(db, sentence) == document_terms(db, 1));
}

TEST_CASE("a Ukrainian sentence's terms are all asked for by the same sentence as a query", "[analysis][parity]") {
    // Cyrillic words without і, ї, є or ґ are also read as Russian by the query (the alphabet
    // cannot tell), so the query may ask for more terms, never for fewer.
    const std::string sentence = "Переговори щодо експорту зерна тривали у Києві та Одесі два дні";
    Indexed index(sentence, "uk");
    const auto doc = document_terms(index.db, 1);
    REQUIRE(doc.count("Zкиїв"));
    // Written as its lemma: the written form stands in for the lemma term.
    REQUIRE(doc.count("переговори"));
    REQUIRE_FALSE(doc.count("Zпереговори"));
    const auto query = query_terms(index.db, sentence);
    for (const auto& term : doc) {
        INFO(term);
        CHECK(query.count(term));
    }
}

TEST_CASE("a Russian sentence's terms are all asked for by the same sentence as a query", "[analysis][parity]") {
    const std::string sentence = "Переговоры об экспорте зерна прошли в Киеве, сообщили в министерстве";
    Indexed index(sentence, "ru");
    const auto doc = document_terms(index.db, 1);
    REQUIRE(doc.count("Zкиев"));
    const auto query = query_terms(index.db, sentence);
    for (const auto& term : doc) {
        INFO(term);
        CHECK(query.count(term));
    }
}

TEST_CASE("overlong words break neither the lemma table nor a query", "[analysis]") {
    std::string overlong;
    for (int i = 0; i < 150; ++i) overlong += "я";
    Indexed index("Слово " + overlong + " і ще слово", "uk");
    CHECK(index.db.get_doccount() == 1);
    CHECK(index.db.term_exists("слово"));
    CHECK_FALSE(index.db.term_exists(overlong));
    CHECK(query_terms(index.db, overlong).empty() == false);  // the exact term is still asked for
    CHECK(query_terms(index.db, "слово").count("Zслово"));
}

TEST_CASE("a later indexing run keeps the lemmas the index already holds", "[analysis]") {
    test::TempDir dir("stored");
    index_one(dir.str(), one_shard(), "first", "uk", "Перший текст");
    {
        // As if an earlier run (or an older dictionary) had decided this lemma.
        Xapian::WritableDatabase db(dir.str());
        db.set_metadata(schema::lemma_key(Language::uk, "зюзябрами", schema::LemmaKeys::compact),
                        schema::lemma_row("зюзябрами", {"зюзябра"}, schema::LemmaKeys::compact));
        db.commit();
    }
    index_one(dir.str(), one_shard(), "second", "uk", "Другий текст про зюзябрами");
    Xapian::Database db(dir.str());
    CHECK(db.term_exists("Zзюзябра"));
    CHECK(schema::split_lines(db.get_metadata(schema::forms_key("текст", schema::LemmaKeys::compact))).size() >= 1);
}

TEST_CASE("a new index keys its lemma table short, and one with the long keys of older versions is still read", "[analysis]") {
    test::TempDir dir("lemma-keys");
    index_one(dir.str(), one_shard(), "first", "uk", "Перший текст");
    {
        Xapian::WritableDatabase db(dir.str());
        CHECK(db.get_metadata(std::string(schema::kLemmaTableKey)) == schema::kLemmaTableShort);
        // A lemma only this row gives: the query side can reach it through the table alone.
        db.set_metadata(schema::lemma_key(Language::uk, "зюзябрами", schema::LemmaKeys::compact),
                        schema::lemma_row("зюзябрами", {"зюзябра"}, schema::LemmaKeys::compact));
        db.commit();
    }
    index_one(dir.str(), one_shard(), "second", "uk", "Другий текст про зюзябрами");
    auto hits = [&](const std::string& query) {
        Searcher searcher(dir.str());
        SearchOptions options;
        options.snippets = false;
        return searcher.search(query, options).hits.size();
    };
    // The lemma is in no article as written: it is found through the table's forms row.
    REQUIRE(hits("зюзябра") == 1);
    {
        // Rewrite the table as an index written before the short keys had it.
        Xapian::WritableDatabase db(dir.str());
        std::vector<std::pair<std::string, std::string>> rows;
        for (auto it = db.metadata_keys_begin(); it != db.metadata_keys_end(); ++it) rows.emplace_back(*it, db.get_metadata(*it));
        std::size_t rewritten = 0;
        for (const auto& [key, value] : rows) {
            std::string verbose, word;
            if (key.rfind("Lu:", 0) == 0) verbose = schema::lemma_key(Language::uk, word = key.substr(3), schema::LemmaKeys::verbose);
            else if (key.rfind("F:", 0) == 0) verbose = schema::forms_key(word = key.substr(2), schema::LemmaKeys::verbose);
            else continue;
            db.set_metadata(key, "");
            db.set_metadata(verbose, schema::join_lines(schema::lemma_row_items(word, value, schema::LemmaKeys::compact)));
            ++rewritten;
        }
        CHECK(rewritten >= 4);
        db.set_metadata(std::string(schema::kLemmaTableKey), "");
        db.commit();
    }
    CHECK(hits("зюзябра") == 1);
    // A later run on that index keeps writing the long keys.
    index_one(dir.str(), one_shard(), "third", "uk", "Третій текст про бабуїнами");
    Xapian::Database db(dir.str());
    CHECK(db.get_metadata(std::string(schema::kLemmaTableKey)).empty());
    CHECK_FALSE(db.get_metadata(schema::forms_key("текст", schema::LemmaKeys::verbose)).empty());
    CHECK(db.get_metadata(schema::forms_key("текст", schema::LemmaKeys::compact)).empty());
    CHECK(schema::split_lines(db.get_metadata(schema::lemma_key(Language::uk, "текст", schema::LemmaKeys::verbose))) ==
          std::vector<std::string>{"текст"});
    CHECK_FALSE(db.get_metadata(schema::lemma_key(Language::uk, "третій", schema::LemmaKeys::verbose)).empty());
}
