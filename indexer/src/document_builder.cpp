#include "document_builder.h"

#include "near_duplicate_terms.h"

#include "newsdex/language.h"
#include "newsdex/schema.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace newsdex {
namespace {

std::string content_key(const std::vector<Token>& tokens) {
    std::uint64_t h = schema::kStableHashStart;
    for (const auto& t : tokens) h = schema::stable_hash(" ", schema::stable_hash(t.term, h));
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

// A word worth suggesting: letters only (no digits, no joined compound), three or more of them.
bool spelling_word(const Token& t) {
    if (t.kind == TokenKind::compound || t.term.size() > schema::kMaxWordBytes) return false;
    std::size_t letters = 0;
    for (std::size_t i = 0; i < t.term.size(); ++i) {
        const auto c = static_cast<unsigned char>(t.term[i]);
        if (c < 0x80 && !(c >= 'a' && c <= 'z') && c != '\'') return false;  // digits, '_', '.', ...
        if ((c & 0xC0) != 0x80) ++letters;
    }
    return letters >= 3;
}

}  // namespace

void DocumentBuilder::collect_spelling(const std::vector<Token>& title, const std::vector<Token>& body) {
    spelling_words_.clear();
    const auto take = [&](const Token& t) {
        if (spelling_word(t)) spelling_words_.push_back(t.term);
    };
    for (const Token& t : title) take(t);
    const std::uint32_t body_start = body.empty() ? 0 : body.front().position;
    for (const Token& t : body) {
        if (t.position - body_start >= kSpellingLeadWords) break;
        take(t);
    }
    std::sort(spelling_words_.begin(), spelling_words_.end());
    spelling_words_.erase(std::unique(spelling_words_.begin(), spelling_words_.end()), spelling_words_.end());
}

Xapian::termcount DocumentBuilder::weight_of(const Token& token, bool title, std::uint32_t body_start,
                                             Xapian::termcount lead) const {
    if (title) return weights_.title;
    // The first sentences of a news story say what it is about; the rest elaborates.
    return token.position - body_start < weights_.lead_words ? lead : 1;
}

Xapian::termcount DocumentBuilder::lead_weight(std::size_t words) const {
    if (weights_.lead_norm_words == 0) return weights_.lead;
    constexpr double b = 0.75;  // experimental::Ranking::bm25_b's default
    const double norm = 1 - b + b * static_cast<double>(words) / weights_.lead_norm_words;
    return std::max<Xapian::termcount>(1, static_cast<Xapian::termcount>(std::lround(weights_.lead * norm)));
}

void DocumentBuilder::index_tokens(Xapian::Document& doc, const std::vector<Token>& tokens, Language lang, bool title) {
    const std::string stem_prefix(title ? schema::kTitleStemPrefix : schema::kStemPrefix);
    const std::uint32_t body_start = tokens.empty() ? 0 : tokens.front().position;
    const Xapian::termcount lead = title || tokens.empty() ? weights_.lead : lead_weight(tokens.back().position - body_start + 1);
    for (const Token& t : tokens) {
        if (t.term.size() > schema::kMaxWordBytes) continue;
        const Xapian::termcount wdf = weight_of(t, title, body_start, lead);
        const Xapian::termpos pos = t.position + 1;
        if (weights_.written_forms) {
            doc.add_posting(t.term, pos, wdf);
            if (title) doc.add_posting(std::string(schema::kTitlePrefix) + t.term, pos);
        }
        // Every reading of an ambiguous form at the same position: the query decides which one.
        for (const std::string& lemma : lemmatizer_.lemmas(t.term, term_language(t.term, lang))) {
            if (lemma.size() > schema::kMaxWordBytes || !weights_.lemma_terms) continue;
            if (!weights_.own_form_lemma_terms && lemma == t.term) continue;
            const std::string z = std::string(schema::kStemPrefix) + lemma;
            if (lemma_positions_) doc.add_posting(z, pos, wdf);
            else doc.add_term(z, wdf);
            if (title) {
                if (lemma_positions_) doc.add_posting(stem_prefix + lemma, pos);
                else doc.add_term(stem_prefix + lemma);
            }
        }
    }
}

void DocumentBuilder::index_words(Xapian::Document& doc, std::string_view text, std::string_view prefix) {
    for (const Token& t : analyzer_.tokenize(text))
        if (t.term.size() <= schema::kMaxWordBytes) doc.add_boolean_term(std::string(prefix) + t.term);
}

Xapian::Document DocumentBuilder::build(Article& article) {
    const Language lang = detect_language(article.title + "\n" + article.body, language_from_code(article.lang));
    article.lang = std::string(language_code(lang));

    Xapian::Document doc;
    doc.add_boolean_term(schema::id_term(article.id));
    const auto title_tokens = analyzer_.tokenize(article.title);
    const auto body_tokens =
        analyzer_.tokenize(article.body, static_cast<std::uint32_t>(title_tokens.size()) + schema::kTitleBodyGap);
    index_tokens(doc, title_tokens, lang, true);
    index_tokens(doc, body_tokens, lang, false);
    collect_spelling(title_tokens, body_tokens);

    index_words(doc, article.author, schema::kAuthorPrefix);
    index_words(doc, article.source, schema::kSourceWordPrefix);
    index_words(doc, article.url, schema::kUrlPrefix);
    if (const std::string key = schema::source_key(article.source); !key.empty() && key.size() < 200)
        doc.add_boolean_term(std::string(schema::kSourcePrefix) + key);
    if (const std::string host = schema::url_host(article.url); !host.empty() && host.size() < 200)
        doc.add_boolean_term(std::string(schema::kHostPrefix) + host);
    doc.add_boolean_term(std::string(schema::kLangPrefix) + article.lang);

    if (const std::string date = schema::date_key(article.published); !date.empty()) {
        doc.add_value(schema::kDateSlot, date);
        doc.add_boolean_term(std::string(schema::kDayPrefix) + date.substr(0, 8));
        doc.add_boolean_term(std::string(schema::kMonthPrefix) + date.substr(0, 6));
        doc.add_boolean_term(std::string(schema::kYearPrefix) + date.substr(0, 4));
    }
    doc.add_value(schema::kLangSlot, article.lang);
    doc.add_value(schema::kContentSlot, content_key(body_tokens));
    if (weights_.sketches) add_near_duplicate_sketch(doc, body_tokens);
    if (!article.source.empty()) doc.add_value(schema::kSourceSlot, article.source);
    doc.set_data(schema::encode_article(article));
    return doc;
}

}  // namespace newsdex
