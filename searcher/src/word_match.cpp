// The top level of a query, where a pasted headline's many plain words meet: how many of them a
// document must hold (SearchOptions::short_query_match / long_query_match) and the bonuses that
// reorder the documents that hold them. docs/quality.md has the measurements behind the defaults.
#include "query_builder.h"

#include "newsdex/language.h"
#include "newsdex/schema.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

namespace newsdex {
namespace {

/// The documents that hold at least `needed` of the query's plain words, as a filter. Xapian 1.4
/// has no minimum-should-match operator, so the words are ORed and this source keeps the
/// documents with enough of them, counted from the words' posting lists (reading each candidate's
/// term list instead costs a hundred times more: 330 against 3 ms per headline query). Two ways,
/// whichever needs less memory on the database at hand:
///  - lazily: a cursor per term, all walked in step, each skipped straight to the next document
///    that could hold enough words; memory per term (an open Xapian posting list keeps a B-tree
///    path of blocks, tens of KB), whatever the number of documents;
///  - by counting: the lists read one after another into a counter per document id; faster, and
///    exact about the number of matches, but memory per document, so only for small shards.
/// A posting source, not a match decider, because Xapian hands it each shard with that shard's own
/// document ids. Local databases only: xapian-tcpsrv cannot rebuild it, so an index with a remote
/// shard gets at_least() instead.
class MinimumWordsSource : public Xapian::PostingSource {
public:
    /// @p words: for each plain word, the index terms any one of which means the word is there.
    MinimumWordsSource(std::vector<std::vector<std::string>> words, std::size_t needed)
        : words_(std::move(words)), needed_(needed) {}

    Xapian::PostingSource* clone() const override { return new MinimumWordsSource(words_, needed_); }

    void init(const Xapian::Database& db) override {
        freq_min_ = freq_est_ = freq_max_ = 0;
        cursors_.clear();
        matches_.clear();
        at_ = 0;
        current_ = 0;
        at_end_ = needed_ == 0 || needed_ > words_.size();
        std::size_t terms = 0;
        for (const auto& w : words_) terms += w.size();
        counting_ = (static_cast<double>(db.get_lastdocid()) + 1) * kCountingBytesPerDocument <=
                    static_cast<double>(terms) * kOpenListBytes;
        if (at_end_) return;
        if (counting_) return count(db);
        for (std::size_t w = 0; w < words_.size(); ++w)
            for (const std::string& term : words_[w]) cursors_.push_back({db.postlist_begin(term), w, 0});
        word_doc_.assign(words_.size(), 0);
        live_.clear();
        live_.reserve(words_.size());
        estimate(db);
    }

    Xapian::doccount get_termfreq_min() const override { return freq_min_; }
    Xapian::doccount get_termfreq_est() const override { return freq_est_; }
    Xapian::doccount get_termfreq_max() const override { return freq_max_; }

    void next(double) override {
        if (!at_end_) seek(current_ + 1);
    }
    void skip_to(Xapian::docid did, double) override {
        if (!at_end_ && did > current_) seek(did);
    }
    bool at_end() const override { return at_end_; }
    Xapian::docid get_docid() const override { return current_; }

private:
    struct Cursor {
        Xapian::PostingIterator it;
        std::size_t word;
        Xapian::docid doc;  ///< where `it` stands; 0 before the first read
    };

    /// What each way costs: an open glass posting list (a cursor with a block per B-tree level
    /// and the current chunk; heaptrack showed 3.4 MB for about 80 open lists), and counting
    /// (a count and a last-word mark per document id, and the matching ids).
    static constexpr double kOpenListBytes = 32 * 1024;
    static constexpr double kCountingBytesPerDocument = 1 + 4 + 4;

    /// Counts the words of every document, reading the lists one at a time.
    void count(const Xapian::Database& db) {
        std::vector<std::uint8_t> words_in_doc(db.get_lastdocid() + 1, 0);  // at most 255 counted
        std::vector<std::uint32_t> counted_for(words_in_doc.size(), 0);     // word number + 1 last counted
        for (std::size_t w = 0; w < words_.size(); ++w)
            for (const std::string& term : words_[w])
                for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
                    const Xapian::docid doc = *it;
                    if (doc >= words_in_doc.size() || counted_for[doc] == w + 1) continue;
                    counted_for[doc] = static_cast<std::uint32_t>(w + 1);
                    if (words_in_doc[doc] < 255) ++words_in_doc[doc];
                }
        for (Xapian::docid doc = 1; doc < words_in_doc.size(); ++doc)
            if (words_in_doc[doc] >= needed_) matches_.push_back(doc);
        freq_min_ = freq_est_ = freq_max_ = static_cast<Xapian::doccount>(matches_.size());
    }

    /// Moves to the first document from @p target on that holds enough words.
    void seek(Xapian::docid target) {
        if (counting_) {
            at_ = static_cast<std::size_t>(std::lower_bound(matches_.begin() + static_cast<std::ptrdiff_t>(at_), matches_.end(), target) -
                                           matches_.begin());
            at_end_ = at_ == matches_.size();
            if (!at_end_) current_ = matches_[at_];
            return;
        }
        for (;;) {
            std::fill(word_doc_.begin(), word_doc_.end(), 0);
            for (Cursor& c : cursors_) {
                if (c.doc < target && c.it != Xapian::PostingIterator()) {
                    c.it.skip_to(target);
                    c.doc = c.it == Xapian::PostingIterator() ? 0 : *c.it;
                }
                if (c.doc >= target && (word_doc_[c.word] == 0 || c.doc < word_doc_[c.word])) word_doc_[c.word] = c.doc;
            }
            live_.clear();
            for (Xapian::docid d : word_doc_)
                if (d != 0) live_.push_back(d);
            if (live_.size() < needed_) {
                at_end_ = true;
                return;
            }
            // No document before the needed-th nearest word can hold needed words: every cursor
            // behind it skips there. When that is where they already stand, enough words meet.
            std::nth_element(live_.begin(), live_.begin() + static_cast<std::ptrdiff_t>(needed_ - 1), live_.end());
            const Xapian::docid pivot = live_[needed_ - 1];
            if (pivot == target) {
                current_ = target;
                return;
            }
            target = pivot;
        }
    }

    /// Bounds on how many of this database's documents hold enough words, from the terms'
    /// frequencies alone, so that Xapian can plan the match without reading the lists.
    void estimate(const Xapian::Database& db) {
        const double docs = static_cast<double>(db.get_doccount());
        const std::size_t n = words_.size(), k = needed_;
        std::vector<double> low(n, 0), high(n, 0), share(n, 0);  // per word
        for (std::size_t w = 0; w < n; ++w) {
            double absent = 1;
            for (const std::string& term : words_[w]) {
                const double tf = static_cast<double>(db.get_termfreq(term));
                low[w] = std::max(low[w], tf);
                high[w] += tf;
                if (docs > 0) absent *= 1 - std::min(1.0, tf / docs);
            }
            high[w] = std::min(high[w], docs);
            share[w] = 1 - absent;
        }
        // A match holds k words, so one of any n - k + 1 of them: at most the rarest n - k + 1.
        std::vector<double> sorted = high;
        std::sort(sorted.begin(), sorted.end());
        double rarest = 0, total_high = 0, total_low = 0;
        for (std::size_t w = 0; w < n; ++w) {
            if (w < n - k + 1) rarest += sorted[w];
            total_high += high[w];
            total_low += low[w];
        }
        const double max = std::min({docs, rarest, std::floor(total_high / static_cast<double>(k))});
        // Documents with fewer than k words hold at most k - 1 each; the rest at most n.
        const double min = std::max(0.0, std::ceil((total_low - static_cast<double>(k - 1) * docs) / static_cast<double>(n - k + 1)));
        // Words taken as independent: the chance a document holds at least k of them.
        std::vector<double> holds(k + 1, 0);  // holds[j]: P(exactly j so far), j = k meaning k or more
        holds[0] = 1;
        for (std::size_t w = 0; w < n; ++w)
            for (std::size_t j = k; j-- > 0;) {
                holds[j + 1] += holds[j] * share[w];
                holds[j] *= 1 - share[w];
            }
        // The words of one query come together more often than chance (a headline's words share
        // a story), so independence guesses low; halfway to the bound (in ratio) was nearer the
        // exact counts on 150 pasted headlines.
        const double est = std::clamp(std::round(std::sqrt(docs * holds[k] * max)), min, std::max(min, max));
        freq_min_ = static_cast<Xapian::doccount>(min);
        freq_max_ = static_cast<Xapian::doccount>(std::max(min, max));
        freq_est_ = static_cast<Xapian::doccount>(est);
    }

    std::vector<std::vector<std::string>> words_;
    std::size_t needed_;
    bool counting_ = false;
    std::vector<Xapian::docid> matches_;  ///< counting: the documents with enough words, ascending
    std::size_t at_ = 0;                  ///< counting: where in matches_
    std::vector<Cursor> cursors_;
    std::vector<Xapian::docid> word_doc_;  ///< per word: its first document from the target on, 0 when none
    std::vector<Xapian::docid> live_;      ///< scratch: the words' documents, for the pivot
    Xapian::docid current_ = 0;
    bool at_end_ = false;
    Xapian::doccount freq_min_ = 0, freq_est_ = 0, freq_max_ = 0;
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

/// A word pair whose rarer word is in more than this share of the documents (and more than this
/// many) gets no sequence bonus.
constexpr double kCommonPairShare = 0.01;
constexpr double kCommonPairDocuments = 100;

/// The most word clauses (a word's terms ORed) the remote form of a minimum may hold: 630 at 9
/// words needing 5. Measured with one of two shards remote (docs/query-language.md): up to 630
/// clauses a pasted headline took ~50 ms (median); 1,260 (10 words needing 5) ~0.5 s.
constexpr std::size_t kMaxRemoteMinimumClauses = 700;

/// C(n, k), or cap + 1 when it is larger than cap.
std::size_t choose_capped(std::size_t n, std::size_t k, std::size_t cap) {
    k = std::min(k, n - k);
    std::size_t c = 1;
    for (std::size_t i = 1; i <= k; ++i) {
        c = c * (n - k + i) / i;  // exact: a product of i consecutive numbers divides by i!
        if (c > cap) return cap + 1;
    }
    return c;
}

/// Every @p size-subset of 0..n-1, as the combination of its members' queries under @p inner,
/// all combined under @p outer.
Xapian::Query over_subsets(const std::vector<Xapian::Query>& words, std::size_t size, Xapian::Query::op inner,
                           Xapian::Query::op outer) {
    std::vector<Xapian::Query> clauses, members;
    std::vector<std::size_t> pick(size);
    for (std::size_t i = 0; i < size; ++i) pick[i] = i;
    const std::size_t n = words.size();
    for (;;) {
        members.clear();
        for (std::size_t i : pick) members.push_back(words[i]);
        clauses.push_back(combine_all(inner, members));
        // The next subset in lexicographic order: bump the last index that can still move.
        std::size_t i = size;
        while (i > 0 && pick[i - 1] == n - size + i - 1) --i;
        if (i == 0) break;
        ++pick[i - 1];
        for (std::size_t j = i; j < size; ++j) pick[j] = pick[j - 1] + 1;
    }
    return combine_all(outer, std::move(clauses));
}

/// The first letter of @p text is a capital.
bool starts_with_capital(const std::string& text) {
    UChar32 c = 0;
    for (std::int32_t i = 0, n = static_cast<std::int32_t>(text.size()); i < n;) {
        U8_NEXT(text.data(), i, n, c);
        if (c >= 0 && u_isalpha(c)) return u_isupper(c) != 0;
    }
    return false;
}

/// No plain word of @p node has a small letter: a Reuters headline, where a capital tells nothing.
bool all_capitals(const QueryNode& node) {
    for (const QueryNode& child : node.children) {
        if (child.kind != QueryNode::Kind::word) continue;
        UChar32 c = 0;
        for (std::int32_t i = 0, n = static_cast<std::int32_t>(child.text.size()); i < n;) {
            U8_NEXT(child.text.data(), i, n, c);
            if (c >= 0 && u_islower(c)) return false;
        }
    }
    return true;
}

}  // namespace

bool QueryBuilder::is_plain_word(const QueryNode& node) {
    return node.kind == QueryNode::Kind::word && !node.prefix && !node.required;
}

Xapian::Query QueryBuilder::top_level_and(const QueryNode& node) {
    std::vector<const QueryNode*> words;
    std::vector<Xapian::Query> word_queries, required;
    const bool names_told = ranking_.name_weight != 1 && !all_capitals(node);
    for (const auto& child : node.children) {
        Xapian::Query q = build_node(child, true, "");
        if (q.empty()) continue;  // punctuation only: nothing to match
        if (is_plain_word(child)) {
            // The first word of a headline is capitalised whatever it is.
            if (names_told && !words.empty() && starts_with_capital(child.text)) q = scaled(q, ranking_.name_weight);
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
    if (needed < words.size() && words.size() > 1 && ranking_.all_words_bonus > 0)
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
            Xapian::Query enough_words;
            if (!serialisable_) {
                enough_words = Xapian::Query((new MinimumWordsSource(std::move(word_terms), needed))->release());
            } else {
                enough_words = at_least(word_terms, needed);
                if (enough_words.empty()) {
                    word_match_ = WordMatch::any;
                    word_match_note_ = "matched any of the " + std::to_string(words.size()) + " words instead of at least " +
                                       std::to_string(needed) + ": the index has a remote shard, and a minimum over " +
                                       "that many words is too large a query to send it";
                }
            }
            if (!enough_words.empty()) matched = Xapian::Query(Xapian::Query::OP_FILTER, matched, enough_words);
        }
    }

    Xapian::Query bonus = combine_all(Xapian::Query::OP_OR, {scaled(proximity_bonus(words), ranking_.proximity_bonus),
                                                             scaled(sequence_pairs(words, true), ranking_.sequence_bonus),
                                                             scaled(sequence_pairs(words, false), ranking_.sequence_near_bonus),
                                                             scaled(title_bonus(words), ranking_.title_bonus),
                                                             scaled(every_word, ranking_.all_words_bonus)});
    if (bonus.empty() || matched.empty()) return matched;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, matched, bonus);
}

Xapian::Query QueryBuilder::at_least(const std::vector<std::vector<std::string>>& word_terms, std::size_t needed) {
    // The same test as MinimumWordsSource, in operators the remote protocol carries: some
    // `needed` words all present (an OR of ANDs), or, equivalently, no n - needed + 1 words all
    // absent (an AND of ORs). Both hold C(n, needed) * needed word clauses; the one with fewer
    // subsets has fewer operators.
    const std::size_t n = word_terms.size();
    const std::size_t ands = choose_capped(n, needed, kMaxRemoteMinimumClauses);
    if (ands > kMaxRemoteMinimumClauses / needed) return {};
    const std::size_t ors = choose_capped(n, needed - 1, kMaxRemoteMinimumClauses);  // C(n, n - needed + 1)
    std::vector<Xapian::Query> words;
    for (const auto& terms : word_terms) words.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    if (ands <= ors) return over_subsets(words, needed, Xapian::Query::OP_AND, Xapian::Query::OP_OR);
    return over_subsets(words, n - needed + 1, Xapian::Query::OP_OR, Xapian::Query::OP_AND);
}

Xapian::Query QueryBuilder::proximity_bonus(const std::vector<const QueryNode*>& words) {
    if (ranking_.proximity_bonus <= 0 || words.size() < 2) return {};
    // Positions are kept for written forms only: each word stands for the forms of it the index
    // holds, so that "талібів" next to "переговори" still counts for "таліби переговорах".
    std::vector<Xapian::Query> forms_of_word;
    for (const QueryNode* word : words) {
        const auto tokens = analyzer_.tokenize(word->text);
        if (tokens.size() != 1) {
            forms_of_word.emplace_back();
            continue;
        }
        std::vector<std::string> forms = ranking_.use_stems ? inflected_forms(tokens.front().term)
                                                            : std::vector<std::string>{tokens.front().term};
        forms_of_word.push_back(Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end()));
    }
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 0; i + 1 < forms_of_word.size(); ++i) {
        if (forms_of_word[i].empty() || forms_of_word[i + 1].empty()) continue;
        const Xapian::Query pair[] = {forms_of_word[i], forms_of_word[i + 1]};
        pairs.emplace_back(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair), std::max(2u, ranking_.proximity_window));
    }
    return combine_all(Xapian::Query::OP_OR, std::move(pairs));
}

Xapian::Query QueryBuilder::sequence_pairs(const std::vector<const QueryNode*>& words, bool ordered) {
    const double bonus = ordered ? ranking_.sequence_bonus : ranking_.sequence_near_bonus;
    if (bonus <= 0 || words.size() < 2) return {};
    const unsigned window = std::max(2u, ordered ? ranking_.sequence_window : ranking_.sequence_near_window);
    // Written forms only: they carry the positions, and one posting list per word keeps the
    // pairs as cheap as the words (a word of several tokens takes no part).
    std::vector<std::string> written;
    for (const QueryNode* word : words) {
        const auto tokens = analyzer_.tokenize(word->text);
        written.push_back(tokens.size() == 1 ? tokens.front().term : std::string());
    }
    // A pair of common words ("of the") is checked in thousands of documents for a bonus that
    // tells little: ten times the query's time on pasted headlines. Such pairs are left out.
    const double common = std::max(kCommonPairDocuments, kCommonPairShare * static_cast<double>(db_->get_doccount()));
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 0; i + 1 < written.size(); ++i) {
        if (written[i].empty() || written[i + 1].empty() || written[i] == written[i + 1]) continue;
        if (static_cast<double>(std::min(db_->get_termfreq(written[i]), db_->get_termfreq(written[i + 1]))) > common) continue;
        const Xapian::Query pair[] = {Xapian::Query(written[i]), Xapian::Query(written[i + 1])};
        pairs.emplace_back(ordered ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair), window);
    }
    return combine_all(Xapian::Query::OP_OR, std::move(pairs));
}

Xapian::Query QueryBuilder::title_bonus(const std::vector<const QueryNode*>& words) {
    if (ranking_.title_bonus <= 0) return {};
    std::vector<Xapian::Query> in_title;
    for (const QueryNode* word : words) {
        const auto tokens = analyzer_.tokenize(word->text);
        if (tokens.size() != 1) continue;
        const std::string& term = tokens.front().term;
        std::vector<std::string> forms{std::string(schema::kTitlePrefix) + term};
        if (ranking_.use_stems) add_lemma_terms(forms, word_lemmas(term), true);
        in_title.emplace_back(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
    }
    return combine_all(Xapian::Query::OP_OR, std::move(in_title));
}

}  // namespace newsdex
