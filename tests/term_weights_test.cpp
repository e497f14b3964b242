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
    const auto results = searcher.search("lighthouse keeper retires");
    REQUIRE(results.hits.size() == 2);
    CHECK(results.hits[0].id == "opening");
    CHECK(results.hits[0].score > results.hits[1].score);
}
