// Research settings: the ranking and term-weighting alternatives bench/eval compares
// (docs/quality.md). Experimental and not installed: no embedder can depend on them, so they may
// change or go in any release. A SearchOptions or IndexOptions that carries none gets the
// defaults below, which are the settings that ranked best.
#pragma once

#include <cstddef>
#include <memory>

namespace newsdex::experimental {

/// How much each part of an article counts in ranking: each occurrence of a word adds this much to
/// its within-document frequency, which BM25 saturates and normalises by length as one field
/// (BM25F-style, rather than separate fields scored apart). The defaults ranked best on the
/// held-out queries of docs/quality.md; the other values exist so bench/eval can compare them.
/// Set through IndexOptions::weights.
struct TermWeights {
    unsigned title = 1;        ///< a title word
    unsigned lead = 3;         ///< a word among the first lead_words words of the body
    unsigned lead_words = 50;  ///< how far the lead reaches (0: no lead)
    /// Body length, in words, at which the lead weight stands as given (0: always as given).
    /// Otherwise the lead weight is multiplied by BM25's length norm (1 - b + b * words /
    /// lead_norm_words, b = 0.75) of the body, so that the search's normalisation by the whole
    /// document's length leaves a lead word's weight about the same in a long story as in a
    /// short one: the lead as a field of its own length (BM25F) within one Xapian field.
    unsigned lead_norm_words = 0;
    /// Not a weight, the other index-time research switch: give each article its near-duplicate
    /// sketch and band terms (story clusters). Off, articles are never clustered with another; it
    /// exists so that bench/index_cost_bench can measure what the sketches cost.
    bool sketches = true;
    /// Research switches for what a family of terms costs to write (bench/index_cost_bench,
    /// issue 14); an index written with either off is not searched correctly. lemma_terms: the
    /// `Z`/`ZS` lemma terms. written_forms: the unprefixed written forms (and `S` title forms).
    bool lemma_terms = true;
    bool written_forms = true;
    /// true: a word written as its own lemma gets the lemma's `Z` (`ZS`) term too, as in indexes
    /// made before 2026-12-02. false (the default): its written form stands in for that term, which
    /// the query adds to the lemma's synonym (schema::kLemmaTermsKey, docs/schema.md): the same
    /// matches, 4-6 % less index and 15-18 % less indexing CPU in English and Russian
    /// (docs/benchmarks.md). Only a new index takes it; an existing shard keeps its layout.
    bool own_form_lemma_terms = false;
};

/// How a search weighs what matches. Set through SearchOptions::ranking.
struct Ranking {
    /// Xapian's weighting scheme for the words. The default, BM25 with k1 = 2 and b = 0.75, ranked
    /// best on the tuning half of the known-item queries of docs/quality.md (a plateau from k1 2
    /// to 3) and held on the test half, where it beat DPH in Russian; the others exist so
    /// bench/eval can compare them. bm25_k1/bm25_b apply to bm25 and bm25plus only.
    enum class Weighting { bm25, bm25plus, dph, pl2, inl2, lm };
    Weighting weighting = Weighting::bm25;
    /// Pseudo-relevance feedback: the feedback_terms best terms of the first feedback_documents
    /// hits are added to the query, weighted feedback_weight, and it runs again (0: off).
    std::size_t feedback_terms = 0;
    std::size_t feedback_documents = 3;
    double feedback_weight = 0.3;

    /// BM25 term-frequency saturation (k1) and document-length normalization (b).
    double bm25_k1 = 2;
    double bm25_b = 0.75;
    /// false: plain words match their exact written form only (the no-stemming baseline).
    bool use_stems = true;
    /// Under relaxed matching (any, minimum), extra weight, as a multiple of their word weight, for
    /// documents that hold every plain word (0: none; it lost on held-out pasted headlines).
    double all_words_bonus = 0;
    /// Extra weight, as a multiple of its BM25 weight, for a plain word found in exactly the form
    /// typed rather than only as another form of its stem.
    double exact_form_bonus = 0;
    /// Extra weight, as a multiple of its BM25 weight, for a plain word found in the title.
    double title_bonus = 0;
    /// Extra weight, as a multiple of their BM25 weights, for two neighbouring plain words of the
    /// query found within proximity_window words of each other (in any order, any inflection).
    double proximity_bonus = 0;
    unsigned proximity_window = 3;
    /// Extra weight, as a multiple of their BM25 weights, for two neighbouring plain words of the
    /// query found in the query's order, as written, within sequence_window positions (2: side by
    /// side): the ordered-window feature of the sequential dependence model, on the written forms
    /// only, which carry positions (a cheap lookup, unlike proximity_bonus's inflected forms).
    double sequence_bonus = 0;
    unsigned sequence_window = 2;
    /// The same for the two words in either order within sequence_near_window positions, as
    /// written (the unordered window of the sequential dependence model).
    double sequence_near_bonus = 0;
    unsigned sequence_near_window = 8;
    /// Weight of a plain word written with a capital inside a query that is not all capitals (a
    /// name: «Зеленський», «Brexit»), as a multiple of an ordinary word's (1: the same).
    double name_weight = 1;
    /// true: a word with lemmas is matched by its written form as well as by its lemmas, so that
    /// the form as typed, being indexed under its lemma too, counts twice. Off by default: on the
    /// held-out headlines of docs/quality.md counting it once gained in English and Russian.
    bool written_form_counts = false;
};

/// The settings an options struct carries, else the defaults.
template <class Settings>
const Settings& or_default(const std::shared_ptr<const Settings>& settings) {
    static const Settings defaults{};
    return settings ? *settings : defaults;
}

}  // namespace newsdex::experimental
