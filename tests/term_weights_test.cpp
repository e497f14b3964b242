// What each part of an article weighs (experimental::TermWeights): title and lead words count more within the
// document, so the ranking prefers articles whose opening is about the query.
#include "document_builder.h"
#include "test_support.h"

#include "newsdex/language.h"

#include "newsdex/indexer.h"
#include "newsdex/searcher.h"

#include <catch2/catch.hpp>

#include <xapian.h>

using namespace newsdex;

namespace {

Xapian::termcount wdf_of(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

Article make_article(std::string id, std::string title, std::string body) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.lang = "en";
    return a;
}

}  // namespace

TEST_CASE("title and lead words get their weight per occurrence, the rest of the body 1", "[weights]") {
    experimental::TermWeights weights;
    weights.title = 3;
    weights.lead = 2;
    weights.lead_words = 4;
    DocumentBuilder builder(false, weights);
    // Body words 1-4 are the lead; "harbour" appears once in it and once after it.
    Article a = make_article("w", "Crane", "harbour barge arrived today and the harbour cheered loudly");
    const Xapian::Document doc = builder.build(a);
    CHECK(wdf_of(doc, "crane") == 3);
    CHECK(wdf_of(doc, "barge") == 2);
    CHECK(wdf_of(doc, "cheered") == 1);
    CHECK(wdf_of(doc, "harbour") == 2 + 1);
    // Lemma terms weigh as their word.
    const auto lemmas = builder.lemmatizer().lemmas("arrived", Language::en);
    REQUIRE_FALSE(lemmas.empty());
    CHECK(wdf_of(doc, "Z" + lemmas.front()) == 2);

    // Without a lead every body word counts once.
    DocumentBuilder flat(false, experimental::TermWeights{1, 1, 0});
    Article b = make_article("f", "Crane", "harbour barge arrived today and the harbour cheered loudly");
    const Xapian::Document flat_doc = flat.build(b);
    CHECK(wdf_of(flat_doc, "crane") == 1);
    CHECK(wdf_of(flat_doc, "barge") == 1);
    CHECK(wdf_of(flat_doc, "harbour") == 2);
}

TEST_CASE("lead_norm_words scales the lead weight by the body's BM25 length norm", "[weights]") {
    experimental::TermWeights weights;
    weights.lead = 4;
    weights.lead_words = 2;
    weights.lead_norm_words = 8;
    DocumentBuilder builder(false, weights);
    // 8 body words: the norm is 1, the lead weighs 4.
    Article at_norm = make_article("n", "", "harbour barge one two three four five six");
    CHECK(wdf_of(builder.build(at_norm), "barge") == 4);
    // 24 words: 0.25 + 0.75 * 3 = 2.5, so 10.
    Article longer = make_article("l", "", "harbour barge "
                                              "a1 a2 a3 a4 a5 a6 a7 a8 a9 b1 b2 b3 b4 b5 b6 b7 b8 b9 c1 c2 c3 c4");
    const Xapian::Document long_doc = builder.build(longer);
    CHECK(wdf_of(long_doc, "barge") == 10);
    CHECK(wdf_of(long_doc, "c4") == 1);
    // 2 words: 0.25 + 0.75 / 4 = 0.4375, so 2 (rounded), never below 1.
    Article shorter = make_article("s", "", "harbour barge");
    CHECK(wdf_of(builder.build(shorter), "barge") == 2);
    // Off (0): the lead weighs as given whatever the length.
    weights.lead_norm_words = 0;
    DocumentBuilder plain(false, weights);
    Article again = make_article("p", "", "harbour barge a1 a2 a3 a4 a5 a6 a7 a8 a9 b1 b2 b3 b4 b5 b6 b7 b8 b9 c1 c2 c3 c4");
    CHECK(wdf_of(plain.build(again), "barge") == 4);
}

TEST_CASE("with the default weights, an article that opens with the query words ranks first", "[weights]") {
    test::TempDir dir;
    const std::string db = dir / "db";
    const std::string filler =
        "The council met on Tuesday to discuss the budget for the coming year and several other items on the agenda, "
        "including road repairs, school meals, library hours, park maintenance, street lighting and waste collection. "
        "Members debated each item at length before voting, and the minutes will be published next week. ";
    {
        Indexer indexer(db);
        // The same words, once near the start and once deep in the body, in articles of one length.
        indexer.add_article(make_article("opening", "", "Lighthouse keeper retires after forty years. " + filler + filler));
        indexer.add_article(make_article("later", "", filler + filler + "Lighthouse keeper retires after forty years. "));
        indexer.commit();
    }
    Searcher searcher(db);
    // The two are one text reordered, so one story cluster: list both to compare their scores.
    SearchOptions every;
    every.collapse_duplicates = false;
    const auto results = searcher.search("lighthouse keeper retires", every);
    REQUIRE(results.hits.size() == 2);
    CHECK(results.hits[0].id == "opening");
    CHECK(results.hits[0].score > results.hits[1].score);
}

TEST_CASE("the term-family switches leave out exactly their terms", "[weights]") {
    // "harbours" reduces to another term than itself, "harbour" to itself (Snowball for English).
    Article base = make_article("t", "Harbour", "harbours harbour barge");
    experimental::TermWeights every;
    every.own_form_lemma_terms = true;
    DocumentBuilder all(false, every);
    Article a1 = base;
    const Xapian::Document full = all.build(a1);
    REQUIRE(all.lemmatizer().lemmas("harbour", Language::en) == all.lemmatizer().lemmas("harbours", Language::en));
    const std::string z = "Z" + all.lemmatizer().lemmas("harbour", Language::en).front();
    REQUIRE(z == "Zharbour");
    CHECK(wdf_of(full, z) == 1 + 3 + 3);  // title, and two lead words
    CHECK(wdf_of(full, "ZSharbour") == 1);
    CHECK(wdf_of(full, "harbour") == 1 + 3);

    SECTION("own_form_lemma_terms off (the default): only the forms that differ from the lemma give it a term") {
        experimental::TermWeights w;
        Article a = base;
        const Xapian::Document doc = DocumentBuilder(false, w).build(a);
        CHECK(wdf_of(doc, z) == 3);             // "harbours" only
        CHECK(wdf_of(doc, "ZSharbour") == 0);   // the title says "Harbour", its own lemma
        CHECK(wdf_of(doc, "harbour") == 1 + 3); // which the written form carries
        CHECK(wdf_of(doc, "Sharbour") == 1);
    }
    SECTION("lemma_terms off: no lemma term at all, written forms as before") {
        experimental::TermWeights w = every;
        w.lemma_terms = false;
        Article a = base;
        const Xapian::Document doc = DocumentBuilder(false, w).build(a);
        CHECK(wdf_of(doc, z) == 0);
        CHECK(wdf_of(doc, "ZSharbour") == 0);
        CHECK(wdf_of(doc, "harbours") == 3);
    }
    SECTION("written_forms off: lemma terms only") {
        experimental::TermWeights w = every;
        w.written_forms = false;
        Article a = base;
        const Xapian::Document doc = DocumentBuilder(false, w).build(a);
        CHECK(wdf_of(doc, "harbour") == 0);
        CHECK(wdf_of(doc, "harbours") == 0);
        CHECK(wdf_of(doc, "Sharbour") == 0);
        CHECK(wdf_of(doc, z) == 1 + 3 + 3);
    }
}
