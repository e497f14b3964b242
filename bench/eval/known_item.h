// Known-item judged sets made from a news corpus: each query has exactly one relevant article,
// indexed without its title, among the rest of the corpus as distractors.
#pragma once

#include "newsdex/article.h"

#include <cstdint>
#include <string>
#include <vector>

namespace newsdex::eval {

struct KnownItemOptions {
    /// Targets and distractors together, per language; 0: every article of the language, as on
    /// the archives the project is checked on (a few thousand distractors flatter any ranking).
    std::size_t docs_per_lang = 0;
    std::size_t queries_per_lang = 1000;  ///< targets per language, both halves together
    std::uint64_t seed = 20261126;
    std::size_t min_headline_words = 3;
    std::size_t min_lead_words = 6;
    std::size_t max_lead_words = 15;  ///< a pasted sentence, not a paragraph
};

/// Targets fall into two halves by a hash of their id: settings are tuned on one and reported on
/// the other, so that a gain that only fits the queries at hand is not mistaken for one.
inline constexpr const char* kTuneHalf = "tune";
inline constexpr const char* kTestHalf = "test";

/// The half a target with this id belongs to: kTuneHalf or kTestHalf.
const char* half_of(const std::string& id);

/// What make_known_item_sets writes into its output directory: the corpus, and for each
/// known-item kind and half NAME-HALF.queries.tsv and NAME-HALF.qrels.tsv (known_item_set_names()),
/// and topics.queries.tsv / topics.qrels.tsv.
struct KnownItemFiles {
    static constexpr const char* corpus = "corpus.jsonl";
    static constexpr const char* topic_queries = "topics.queries.tsv";
    static constexpr const char* topic_qrels = "topics.qrels.tsv";
    /// The topic queries with the topic's documents in both Ukrainian and Russian relevant: what
    /// a search across the two languages (SearchOptions::other_cyrillic) finds.
    static constexpr const char* both_topic_queries = "topics-uk-ru.queries.tsv";
    static constexpr const char* both_topic_qrels = "topics-uk-ru.qrels.tsv";
};

/// "headline-tune", "headline-test", "lead-tune", "lead-test".
std::vector<std::string> known_item_set_names();

/// The BSNLP shared-task documents of the corpora were collected per news topic; their source
/// field says which ("... (via BSNLP shared task, topic brexit)"). A topic's query is what a
/// reader would type for it, and every document of the topic in the collection is relevant.
struct TopicQuery {
    const char* lang;
    const char* topic;
    const char* query;
};
const std::vector<TopicQuery>& bsnlp_topic_queries();

/// The BSNLP topic of an article from its source field, or "".
std::string bsnlp_topic(const std::string& source);

/// Words of @p text as a user would paste them into the search box: split on spaces, edge
/// punctuation and query syntax (quotes, brackets, ':', '*', leading '-' or '+') removed, and
/// AND/OR/NOT/NEAR lower-cased so that an upper-case headline is not read as operators.
std::vector<std::string> query_words(const std::string& text);

/// The first sentence of the first paragraph of @p body (cut at ". ", "! ", "? " or "…" once it
/// has at least @p min_words words), or the whole paragraph.
std::string lead_sentence(const std::string& body, std::size_t min_words);

/// True when @p title merely repeats the start of @p body (sources without headlines use the first
/// sentence as title): such an article cannot give a headline query.
bool title_repeats_body(const std::string& title, const std::string& body);

/// Reads the corpora, picks per language (by the records' `lang`) targets with a real headline and
/// distractors, deterministically from the seed, and writes the KnownItemFiles into @p out_dir.
/// Returns a one-line summary per language. Throws std::runtime_error.
std::vector<std::string> make_known_item_sets(const std::vector<std::string>& corpus_paths, const std::string& out_dir,
                                              const KnownItemOptions& options);

}  // namespace newsdex::eval
