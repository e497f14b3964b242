// Article → Xapian document, following common/internal/newsdex/schema.h.
#pragma once

#include "newsdex/analyzer.h"
#include "newsdex/article.h"
#include "newsdex/experimental.h"
#include "newsdex/indexer.h"
#include "newsdex/lemmatizer.h"

#include <xapian.h>

namespace newsdex {

class DocumentBuilder {
public:
    /// @p lemma_positions: give lemma terms positions too (phrases and NEAR on lemmas; a larger
    /// index). Off by default: positions stay on the written forms only.
    explicit DocumentBuilder(bool lemma_positions = false, experimental::TermWeights weights = {})
        : lemma_positions_(lemma_positions), weights_(weights) {}

    /// Fills in the article's language (detected, the declared one as a hint) before building.
    Xapian::Document build(Article& article);

    /// Whether a word written as its own lemma gets the lemma's terms (TermWeights::own_form_lemma_terms):
    /// the shard's layout (schema::kLemmaTermsKey) decides, whatever the options say.
    void set_own_form_lemma_terms(bool on) { weights_.own_form_lemma_terms = on; }

    /// The lemmatizer, whose new entries the indexer stores with the index at each commit.
    Lemmatizer& lemmatizer() { return lemmatizer_; }

    /// The words of the last article built that go into the index's spelling data ("did you
    /// mean"), each once: the written words of its title and of its first kSpellingLeadWords
    /// body words, letters only, at least three letters long.
    const std::vector<std::string>& spelling_words() const { return spelling_words_; }
    /// Not the whole text: that made the spelling data 3.4 times larger and added 3.4 times as
    /// much indexing CPU time (docs/cli.md); a typo is corrected to a common word, which leads hold.
    static constexpr std::uint32_t kSpellingLeadWords = 50;

private:
    void index_tokens(Xapian::Document& doc, const std::vector<Token>& tokens, Language lang, bool title);
    Xapian::termcount weight_of(const Token& token, bool title, std::uint32_t body_start, Xapian::termcount lead) const;
    /// The weight of a lead word in a body of @p words words (TermWeights::lead_norm_words).
    Xapian::termcount lead_weight(std::size_t words) const;
    void index_words(Xapian::Document& doc, std::string_view text, std::string_view prefix);
    void collect_spelling(const std::vector<Token>& title, const std::vector<Token>& body);

    Analyzer analyzer_;
    Lemmatizer lemmatizer_;
    bool lemma_positions_;
    experimental::TermWeights weights_;
    std::vector<std::string> spelling_words_;
};

}  // namespace newsdex
