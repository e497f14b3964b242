// Query tree → Xapian query, analysed with the same Analyzer as the indexer and the lemmas the
// indexer stored with the index.
#pragma once

#include "query_parser.h"

#include "newsdex/analyzer.h"
#include "newsdex/experimental.h"
#include "newsdex/searcher.h"
#include "stored_lemmas.h"

#include <xapian.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace newsdex {

/// What the snippet maker highlights: the positive words and phrases of the query.
struct HighlightSpec {
    std::set<std::string> exact_terms;         ///< normalized forms, for quoted words
    std::map<std::string, std::string> forms;  ///< indexed form → lemma it shares with an unquoted word
    std::vector<std::string> prefixes;         ///< normalized prefixes of word* terms
    std::vector<std::vector<std::string>> phrases;  ///< normalized word sequences
};

class QueryBuilder {
public:
    QueryBuilder(const Analyzer& analyzer, StoredLemmas& lemmas) : analyzer_(analyzer), lemmas_(lemmas) {}

    /// true: build queries that xapian-tcpsrv can run, for an index with a remote shard. Such a
    /// server only knows Xapian's own query parts, so a word minimum is written out in operators
    /// (or relaxed to any word when that grows too large; see word_match_note()).
    void set_serialisable(bool serialisable) { serialisable_ = serialisable; }

    /// The ranking fields of @p options (word matching, stems, bonuses) shape the query.
    Xapian::Query build(const QueryNode& node, const Xapian::Database& db, const SearchOptions& options = {});

    const HighlightSpec& highlights() const { return spec_; }

    /// Plain words of the last query's top level, and how they were matched.
    std::size_t plain_words() const { return plain_words_; }
    WordMatch word_match() const { return word_match_; }
    /// Why word_match() is not what the options asked for; empty when it is.
    const std::string& word_match_note() const { return word_match_note_; }

private:
    // word_match.cpp: the top-level conjunction of plain words, relaxed and given bonuses.
    Xapian::Query top_level_and(const QueryNode& node);
    Xapian::Query proximity_bonus(const std::vector<const QueryNode*>& words);
    Xapian::Query title_bonus(const std::vector<const QueryNode*>& words);
    /// Neighbouring words of the query, as written, in order within Ranking::sequence_window
    /// (@p ordered) or in either order within sequence_near_window.
    Xapian::Query sequence_pairs(const std::vector<const QueryNode*>& words, bool ordered);
    static bool is_plain_word(const QueryNode& node);
    /// Documents holding at least @p needed of the words (each given by its terms) in plain
    /// operators; empty when that query would be too large.
    static Xapian::Query at_least(const std::vector<std::vector<std::string>>& word_terms, std::size_t needed);

    Xapian::Query build_node(const QueryNode& node, bool positive, const std::string& field);
    Xapian::Query word_query(const QueryNode& node, bool positive, const std::string& field);
    Xapian::Query phrase_query(const std::vector<Token>& tokens, bool positive, const std::string& field,
                               Xapian::Query::op op, unsigned window);
    /// The written form of one word or its lemmas, weighted as one term.
    Xapian::Query word_forms(const std::string& term, bool positive, bool title);
    Xapian::Query field_terms(const std::string& field, const std::string& text);
    /// Spellings of @p term in the other of Ukrainian and Russian that the index holds in that
    /// language (SearchOptions::other_cyrillic).
    std::vector<std::string> other_cyrillic_spellings(const std::string& term);
    /// Lemma terms of @p term over its candidate languages, without duplicates.
    Lemmas word_lemmas(const std::string& term);
    /// Appends to @p terms, each once, the lemma terms of @p lemmas (`ZS` in a title, else `Z`)
    /// and, in an index that writes a lemma term only where the form differs, each lemma as a
    /// written form (`S` in a title), which stands in for the word written as its lemma.
    void add_lemma_terms(std::vector<std::string>& terms, const Lemmas& lemmas, bool title);
    /// Forms of @p term in the index that share one of its lemmas (bounded), @p term first.
    std::vector<std::string> inflected_forms(const std::string& term);
    /// Records what a positive unquoted word highlights: itself and its lemmas' forms. A function
    /// word (stop_words.h) is held back in stop_highlights_ instead.
    void highlight_word(const std::string& term);
    void highlight_forms(const std::string& term);
    /// After a build: the held-back function words are highlighted only when nothing else is.
    void highlight_stop_words_if_alone();

    const Analyzer& analyzer_;
    StoredLemmas& lemmas_;
    const Xapian::Database* db_ = nullptr;
    HighlightSpec spec_;
    std::vector<std::string> stop_highlights_;  ///< unquoted function words of the query
    SearchOptions options_;
    experimental::Ranking ranking_;  ///< options_.ranking, or the defaults
    const QueryNode* top_level_ = nullptr;  ///< the and_ node whose plain words may be relaxed
    std::size_t plain_words_ = 0;
    WordMatch word_match_ = WordMatch::all;
    std::string word_match_note_;
    bool serialisable_ = false;
};

}  // namespace newsdex
