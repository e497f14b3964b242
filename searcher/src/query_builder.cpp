#include "query_builder.h"

#include "cognates.h"
#include "stop_words.h"

#include "newsdex/language.h"
#include "newsdex/schema.h"

#include <unicode/unistr.h>

#include <algorithm>

namespace newsdex {
namespace {

// Bounds on how far one query word may fan out in the index.
constexpr Xapian::termcount kMaxWildcardTerms = 200;
constexpr std::size_t kMaxInflectedForms = 64;
// Other-language spellings of one word (SearchOptions::other_cyrillic), and the shortest word tried.
constexpr std::size_t kMaxCognates = 3;
constexpr int32_t kMinCognateLetters = 4;

std::string prefixed(std::string_view prefix, const std::string& term) { return std::string(prefix) + term; }

// A synonym counts a term given twice twice: each term once.
void add_once(std::vector<std::string>& terms, std::string term) {
    if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
}

Xapian::Query combine(Xapian::Query::op op, std::vector<Xapian::Query>& parts) {
    parts.erase(std::remove_if(parts.begin(), parts.end(), [](const Xapian::Query& q) { return q.empty(); }),
                parts.end());
    if (parts.empty()) return {};
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(op, parts.begin(), parts.end());
}

}  // namespace

Xapian::Query QueryBuilder::build(const QueryNode& node, const Xapian::Database& db, const SearchOptions& options) {
    db_ = &db;
    spec_ = {};
    stop_highlights_.clear();
    options_ = options;
    ranking_ = experimental::or_default(options.ranking);
    plain_words_ = 0;
    word_match_ = WordMatch::all;
    word_match_note_.clear();
    // Only the query's own top-level words may be relaxed.
    top_level_ = &node;
    if (node.kind == QueryNode::Kind::and_not) top_level_ = &node.children.front();
    Xapian::Query query = build_node(node, true, "");
    highlight_stop_words_if_alone();
    return query;
}

Xapian::Query QueryBuilder::field_terms(const std::string& field, const std::string& text) {
    std::vector<Xapian::Query> parts;
    if (field == "site") {
        std::string host = schema::url_host(text.find("://") == std::string::npos ? "http://" + text : text);
        if (!host.empty()) parts.emplace_back(prefixed(schema::kHostPrefix, host));
        return combine(Xapian::Query::OP_AND, parts);
    }
    if (field == "lang") {
        const Language lang = language_from_code(text);
        std::string code = lang == Language::other ? analyzer_.normalize(text) : std::string(language_code(lang));
        parts.emplace_back(prefixed(schema::kLangPrefix, code));
        return combine(Xapian::Query::OP_AND, parts);
    }
    const std::string_view prefix = field == "author" ? schema::kAuthorPrefix
                                    : field == "source" ? schema::kSourceWordPrefix
                                                        : schema::kUrlPrefix;
    for (const Token& t : analyzer_.tokenize(text)) parts.emplace_back(prefixed(prefix, t.term));
    return combine(Xapian::Query::OP_AND, parts);
}

Xapian::Query QueryBuilder::phrase_query(const std::vector<Token>& tokens, bool positive, const std::string& field,
                                         Xapian::Query::op op, unsigned window) {
    const std::string_view prefix = field == "title" ? schema::kTitlePrefix : "";
    std::vector<Xapian::Query> terms;
    std::vector<std::string> words;
    for (const Token& t : tokens) {
        // A compound's parts carry the positions; the whole shares the first part's.
        if (t.kind == TokenKind::compound) continue;
        terms.emplace_back(prefixed(prefix, t.term));
        words.push_back(t.term);
    }
    if (terms.empty()) return {};
    if (positive) {
        if (words.size() == 1) spec_.exact_terms.insert(words.front());
        else spec_.phrases.push_back(words);
    }
    if (terms.size() == 1) return terms.front();
    return Xapian::Query(op, terms.begin(), terms.end(), window);
}

Xapian::Query QueryBuilder::word_forms(const std::string& term, bool positive, bool title) {
    const Xapian::Query exact(prefixed(title ? schema::kTitlePrefix : "", term));
    if (!ranking_.use_stems) {
        if (positive) spec_.exact_terms.insert(term);
        return exact;
    }
    const Lemmas lemmas = word_lemmas(term);
    // The written form is indexed under its lemmas as well: without it in the synonym, it counts
    // once (experimental::Ranking::written_form_counts).
    std::vector<std::string> forms;
    const std::string_view form_prefix = title ? schema::kTitlePrefix : "";
    if (ranking_.written_form_counts || lemmas.empty()) forms.push_back(prefixed(form_prefix, term));
    add_lemma_terms(forms, lemmas, title);
    if (options_.other_cyrillic)
        for (const std::string& other : other_cyrillic_spellings(term)) {
            const Lemmas other_lemmas = word_lemmas(other);
            if (ranking_.written_form_counts || other_lemmas.empty()) add_once(forms, prefixed(form_prefix, other));
            add_lemma_terms(forms, other_lemmas, title);
            if (positive) highlight_word(other);
        }
    if (positive) highlight_word(term);
    // One word, however many forms: BM25 must count it once, not once per form.
    Xapian::Query word(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
    if (ranking_.exact_form_bonus <= 0 || lemmas.empty() || !positive) return word;
    return Xapian::Query(Xapian::Query::OP_OR, word,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, exact, ranking_.exact_form_bonus));
}

void QueryBuilder::add_lemma_terms(std::vector<std::string>& terms, const Lemmas& lemmas, bool title) {
    for (const std::string& lemma : lemmas) {
        add_once(terms, prefixed(title ? schema::kTitleStemPrefix : schema::kStemPrefix, lemma));
        // Written as its own lemma, a word has no lemma term in such an index: its form stands in.
        if (lemmas_.own_forms_written_only()) add_once(terms, prefixed(title ? schema::kTitlePrefix : "", lemma));
    }
}

Xapian::Query QueryBuilder::word_query(const QueryNode& node, bool positive, const std::string& field) {
    if (field == "author" || field == "source" || field == "url" || field == "site" || field == "lang")
        return field_terms(field, node.text);
    const auto tokens = analyzer_.tokenize(node.text);
    if (tokens.empty()) return {};
    const bool title = field == "title";
    const bool one_compound = tokens.front().kind == TokenKind::compound &&
                              std::all_of(tokens.begin() + 1, tokens.end(), [](const Token& t) { return t.kind == TokenKind::part; });
    if (one_compound && !node.prefix) {
        // "Івано-Франківськ" is found written whole (and inflected) or as its parts in a row.
        std::vector<Xapian::Query> either{word_forms(tokens.front().term, positive, title),
                                          phrase_query(tokens, positive, field, Xapian::Query::OP_PHRASE, 0)};
        return Xapian::Query(Xapian::Query::OP_SYNONYM, either.begin(), either.end());
    }
    // Several words in one query word ("covid19/2021"): they must stand together.
    if (tokens.size() > 1) return phrase_query(tokens, positive, field, Xapian::Query::OP_PHRASE, 0);

    const std::string& term = tokens.front().term;
    if (node.prefix) {
        if (positive) spec_.prefixes.push_back(term);
        return Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(title ? schema::kTitlePrefix : "", term),
                             kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }
    return word_forms(term, positive, title);
}

Xapian::Query QueryBuilder::build_node(const QueryNode& node, bool positive, const std::string& field) {
    using K = QueryNode::Kind;
    switch (node.kind) {
    case K::word:
        return word_query(node, positive, field);
    case K::phrase:
        if (field == "author" || field == "source" || field == "url" || field == "site" || field == "lang")
            return field_terms(field, node.text);
        return phrase_query(analyzer_.tokenize(node.text), positive, field, Xapian::Query::OP_PHRASE, 0);
    case K::field:
        return build_node(node.children.front(), positive, node.text);
    case K::date_range:
        if (node.low.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, node.high);
        if (node.high.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, node.low);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, node.low, node.high);
    case K::match_all:
        return Xapian::Query::MatchAll;
    case K::and_:
        if (positive && &node == top_level_) return top_level_and(node);
        [[fallthrough]];
    case K::or_: {
        std::vector<Xapian::Query> parts;
        for (const auto& child : node.children) parts.push_back(build_node(child, positive, field));
        return combine(node.kind == K::and_ ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, parts);
    }
    case K::and_not: {
        Xapian::Query include = build_node(node.children.front(), positive, field);
        std::vector<Xapian::Query> exclude;
        for (std::size_t i = 1; i < node.children.size(); ++i) exclude.push_back(build_node(node.children[i], !positive, field));
        Xapian::Query excluded = combine(Xapian::Query::OP_OR, exclude);
        if (include.empty() || excluded.empty()) return include;
        return Xapian::Query(Xapian::Query::OP_AND_NOT, include, excluded);
    }
    case K::near: {
        // Positions are kept for the written forms only, so each word stands for the forms of
        // it that the index holds.
        std::vector<Xapian::Query> parts;
        unsigned words = 0;
        for (const auto& child : node.children) {
            const auto tokens = analyzer_.tokenize(child.text);
            if (tokens.empty()) continue;
            words += static_cast<unsigned>(std::count_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.kind != TokenKind::compound; }));
            if (child.kind == K::phrase || tokens.size() > 1) {
                // Xapian cannot nest a phrase inside NEAR: its words join the NEAR one by one.
                for (const Token& t : tokens) parts.emplace_back(prefixed(field == "title" ? schema::kTitlePrefix : "", t.term));
                if (positive) spec_.phrases.push_back([&] {
                    std::vector<std::string> w;
                    for (const Token& t : tokens) w.push_back(t.term);
                    return w;
                }());
                continue;
            }
            std::vector<Xapian::Query> forms;
            for (const std::string& form : inflected_forms(tokens.front().term))
                forms.emplace_back(prefixed(field == "title" ? schema::kTitlePrefix : "", form));
            if (positive) highlight_word(tokens.front().term);
            parts.push_back(combine(Xapian::Query::OP_OR, forms));
        }
        if (parts.size() < 2) return combine(Xapian::Query::OP_AND, parts);
        return Xapian::Query(Xapian::Query::OP_NEAR, parts.begin(), parts.end(), node.distance + words);
    }
    }
    return {};
}

std::vector<std::string> QueryBuilder::other_cyrillic_spellings(const std::string& term) {
    const auto langs = word_languages(term);
    const bool may_be_uk = std::find(langs.begin(), langs.end(), Language::uk) != langs.end();
    const bool may_be_ru = std::find(langs.begin(), langs.end(), Language::ru) != langs.end();
    std::vector<std::string> found;
    // Short words are mostly function words, and one changed letter makes another word of them
    // (вид → від).
    if (!(may_be_uk || may_be_ru) || icu::UnicodeString::fromUTF8(term).length() < kMinCognateLetters) return found;
    for (const std::string& candidate : cognate_spellings(term, may_be_ru, may_be_uk)) {
        const auto candidate_langs = word_languages(candidate);
        // Kept where the index holds it in the language it was spelled towards, as a form or as
        // the lemma of forms («Київ» of «Києві»).
        auto held_in = [&](Language lang) {
            return std::find(candidate_langs.begin(), candidate_langs.end(), lang) != candidate_langs.end() &&
                   (lemmas_.indexed(candidate, lang) || !lemmas_.forms(candidate).empty());
        };
        if (!(may_be_ru && held_in(Language::uk)) && !(may_be_uk && held_in(Language::ru))) continue;
        found.push_back(candidate);
        if (found.size() >= kMaxCognates) break;
    }
    return found;
}

Lemmas QueryBuilder::word_lemmas(const std::string& term) {
    Lemmas all;
    // A Cyrillic word without a letter of its own is analysed as Ukrainian and as Russian.
    for (Language lang : word_languages(term))
        for (const std::string& lemma : lemmas_.lemmas(term, lang))
            if (lemma.size() <= schema::kMaxWordBytes && std::find(all.begin(), all.end(), lemma) == all.end())
                all.push_back(lemma);
    return all;
}

std::vector<std::string> QueryBuilder::inflected_forms(const std::string& term) {
    std::vector<std::string> forms{term};
    for (const std::string& lemma : word_lemmas(term))
        for (std::string& form : lemmas_.forms(lemma)) {
            if (std::find(forms.begin(), forms.end(), form) == forms.end()) forms.push_back(std::move(form));
            if (forms.size() >= kMaxInflectedForms) return forms;
        }
    return forms;
}

void QueryBuilder::highlight_word(const std::string& term) {
    if (is_stop_word(term)) {
        stop_highlights_.push_back(term);
        return;
    }
    highlight_forms(term);
}

void QueryBuilder::highlight_forms(const std::string& term) {
    spec_.exact_terms.insert(term);
    for (const std::string& lemma : word_lemmas(term))
        for (std::string& form : lemmas_.forms(lemma)) spec_.forms.emplace(std::move(form), lemma);
}

void QueryBuilder::highlight_stop_words_if_alone() {
    // "the oil" marks the oil only; "to be or not to be" or "у" alone would mark nothing, so they
    // mark theirs.
    // A quoted phrase keeps its function words: they are part of what it matches.
    const bool nothing_else = spec_.exact_terms.empty() && spec_.forms.empty() && spec_.prefixes.empty() && spec_.phrases.empty();
    const std::vector<std::string> held = std::move(stop_highlights_);
    stop_highlights_.clear();
    if (nothing_else)
        for (const std::string& term : held) highlight_forms(term);
}

}  // namespace newsdex
