// The top level of a query, where a pasted headline's many plain words meet: how many of them a
// document must hold (SearchOptions::short_query_match / long_query_match) and the bonuses that
// reorder the documents that hold them. docs/quality.md has the measurements behind the defaults.
#include "query_builder.h"

#include "newsdex/language.h"
#include "newsdex/schema.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

namespace newsdex {
namespace {

/// The documents that hold at least `needed` of the query's plain words, as a filter. Xapian 1.4
/// has no minimum-should-match operator, so the words are ORed and this source keeps the
/// documents with enough of them. The counts come from the words' posting lists, read once per
/// (sub-)database: reading each candidate's term list instead costs a hundred times more
/// (measured: 330 against 3 ms per headline query). A posting source, not a match decider,
/// because Xapian hands it each shard with that shard's own document ids.
class MinimumWordsSource : public Xapian::PostingSource {
public:
    /// @p words: for each plain word, the index terms any one of which means the word is there.
    MinimumWordsSource(std::vector<std::vector<std::string>> words, std::size_t needed)
        : words_(std::move(words)), needed_(needed) {}

    Xapian::PostingSource* clone() const override { return new MinimumWordsSource(words_, needed_); }

    void init(const Xapian::Database& db) override {
        std::vector<std::uint8_t> words_in_doc(db.get_lastdocid() + 1, 0);  // at most 255 counted
        std::vector<std::uint32_t> counted_for(words_in_doc.size(), 0);     // word number + 1 last counted
        for (std::size_t w = 0; w < words_.size(); ++w) {
            for (const std::string& term : words_[w]) {
                for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
                    const Xapian::docid doc = *it;
                    if (doc >= words_in_doc.size() || counted_for[doc] == w + 1) continue;
                    counted_for[doc] = static_cast<std::uint32_t>(w + 1);
                    if (words_in_doc[doc] < 255) ++words_in_doc[doc];
                }
            }
        }
        matches_.clear();
        for (Xapian::docid doc = 1; doc < words_in_doc.size(); ++doc)
            if (words_in_doc[doc] >= needed_) matches_.push_back(doc);
        started_ = false;
        at_ = 0;
    }

    Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(matches_.size()); }
    Xapian::doccount get_termfreq_est() const override { return get_termfreq_min(); }
    Xapian::doccount get_termfreq_max() const override { return get_termfreq_min(); }

    void next(double) override {
        if (started_) ++at_;
        started_ = true;
    }
    void skip_to(Xapian::docid did, double) override {
        started_ = true;
        at_ = static_cast<std::size_t>(std::lower_bound(matches_.begin() + static_cast<std::ptrdiff_t>(std::min(at_, matches_.size())),
                                                        matches_.end(), did) - matches_.begin());
    }
    bool at_end() const override { return started_ && at_ >= matches_.size(); }
    Xapian::docid get_docid() const override { return matches_[at_]; }

private:
    std::vector<std::vector<std::string>> words_;
    std::size_t needed_;
    std::vector<Xapian::docid> matches_;  ///< this database's documents with enough words, ascending
    std::size_t at_ = 0;
    bool started_ = false;
};

Xapian::Query combine_all(Xapian::Query::op op, std::vector<Xapian::Query> parts) {
    parts.erase(std::remove_if(parts.begin(), parts.end(), [](const Xapian::Query& q) { return q.empty(); }),
                parts.end());
    if (parts.empty()) return {};
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(op, parts.begin(), parts.end());
}

Xapian::Query scaled(const Xapian::Query& query, double factor) {
    if (query.empty() || factor <= 0) return {};
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, factor);
}

}  // namespace

bool QueryBuilder::is_plain_word(const QueryNode& node) {
    return node.kind == QueryNode::Kind::word && !node.prefix && !node.required;
}

Xapian::Query QueryBuilder::top_level_and(const QueryNode& node) {
    std::vector<const QueryNode*> words;
    std::vector<Xapian::Query> word_queries, required;
    for (const auto& child : node.children) {
        Xapian::Query q = build_node(child, true, "");
        if (q.empty()) continue;  // punctuation only: nothing to match
        if (is_plain_word(child)) {
            words.push_back(&child);
            word_queries.push_back(std::move(q));
        } else {
            required.push_back(std::move(q));
        }
    }
    plain_words_ = words.size();
    word_match_ = plain_words_ >= options_.long_query_words ? options_.long_query_match : options_.short_query_match;

    std::size_t needed = words.size();
    if (word_match_ == WordMatch::any) needed = std::min<std::size_t>(1, words.size());
    if (word_match_ == WordMatch::minimum) {
        const double share = std::clamp(options_.minimum_should_match, 0.0, 1.0);
        needed = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(share * words.size() - 1e-9)), 1,
                                         std::max<std::size_t>(words.size(), 1));
    }

    // Under relaxed matching, a document holding every word should still come before one that
    // holds most of them with more weight: what strict AND gives for free.
    Xapian::Query every_word;
    if (needed < words.size() && words.size() > 1 && options_.all_words_bonus > 0)
        every_word = combine_all(Xapian::Query::OP_AND, word_queries);

    Xapian::Query matched;
    if (needed >= words.size()) {
        word_queries.insert(word_queries.end(), required.begin(), required.end());
        matched = combine_all(Xapian::Query::OP_AND, std::move(word_queries));
    } else {
        std::vector<std::vector<std::string>> word_terms;
        if (needed > 1)
            for (const auto& q : word_queries) word_terms.emplace_back(q.get_unique_terms_begin(), q.get_unique_terms_end());
        required.push_back(combine_all(Xapian::Query::OP_OR, std::move(word_queries)));
        matched = combine_all(Xapian::Query::OP_AND, std::move(required));
        if (needed > 1 && !matched.empty()) {
            auto* enough_words = new MinimumWordsSource(std::move(word_terms), needed);
            matched = Xapian::Query(Xapian::Query::OP_FILTER, matched, Xapian::Query(enough_words->release()));
        }
    }

    Xapian::Query bonus = combine_all(Xapian::Query::OP_OR, {scaled(proximity_bonus(words), options_.proximity_bonus),
                                                             scaled(title_bonus(words), options_.title_bonus),
                                                             scaled(every_word, options_.all_words_bonus)});
    if (bonus.empty() || matched.empty()) return matched;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, matched, bonus);
}

Xapian::Query QueryBuilder::proximity_bonus(const std::vector<const QueryNode*>& words) {
    if (options_.proximity_bonus <= 0 || words.size() < 2) return {};
    // Positions are kept for written forms only: each word stands for the forms of it the index
    // holds, so that "талібів" next to "переговори" still counts for "таліби переговорах".
    std::vector<Xapian::Query> forms_of_word;
    for (const QueryNode* word : words) {
        const auto tokens = analyzer_.tokenize(word->text);
        if (tokens.size() != 1) {
            forms_of_word.emplace_back();
            continue;
        }
        std::vector<std::string> forms = options_.use_stems ? inflected_forms(tokens.front().term)
                                                            : std::vector<std::string>{tokens.front().term};
        forms_of_word.push_back(Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end()));
    }
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 0; i + 1 < forms_of_word.size(); ++i) {
        if (forms_of_word[i].empty() || forms_of_word[i + 1].empty()) continue;
        const Xapian::Query pair[] = {forms_of_word[i], forms_of_word[i + 1]};
        pairs.emplace_back(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair), std::max(2u, options_.proximity_window));
    }
    return combine_all(Xapian::Query::OP_OR, std::move(pairs));
}

Xapian::Query QueryBuilder::title_bonus(const std::vector<const QueryNode*>& words) {
    if (options_.title_bonus <= 0) return {};
    std::vector<Xapian::Query> in_title;
    for (const QueryNode* word : words) {
        const auto tokens = analyzer_.tokenize(word->text);
        if (tokens.size() != 1) continue;
        const std::string& term = tokens.front().term;
        std::vector<Xapian::Query> forms{Xapian::Query(std::string(schema::kTitlePrefix) + term)};
        if (options_.use_stems)
            for (const std::string& lemma : word_lemmas(term)) forms.emplace_back(std::string(schema::kTitleStemPrefix) + lemma);
        in_title.emplace_back(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
    }
    return combine_all(Xapian::Query::OP_OR, std::move(in_title));
}

}  // namespace newsdex
