#include "query_parser.h"

#include "newsdex/schema.h"
#include "newsdex/searcher.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace newsdex {
namespace {

constexpr std::array<std::string_view, 7> kFields{"title", "author", "source", "site", "lang", "url", "date"};
// Deep nesting is the one way a short query could exhaust the stack.
constexpr int kMaxDepth = 100;

struct Lexeme {
    enum class Type { word, phrase, field, lparen, rparen, and_, or_, not_, near, minus, plus, end };
    Type type = Type::end;
    std::string text;       // word or phrase text; field name for `field`
    std::size_t offset = 0; // byte offset in the query
    unsigned distance = 0;  // NEAR/n
};

bool is_space_at(std::string_view q, std::size_t i, std::size_t* width) {
    const unsigned char c = static_cast<unsigned char>(q[i]);
    *width = 1;
    if (c <= 0x20) return true;
    if (c == 0xC2 && i + 1 < q.size() && static_cast<unsigned char>(q[i + 1]) == 0xA0) {  // no-break space
        *width = 2;
        return true;
    }
    return false;
}

bool is_space_before(std::string_view q, std::size_t i) {
    if (i == 0) return false;
    const unsigned char c = static_cast<unsigned char>(q[i - 1]);
    return c <= 0x20 || (c == 0xA0 && i >= 2 && static_cast<unsigned char>(q[i - 2]) == 0xC2);
}

// The code point at byte i (U+FFFD for invalid UTF-8), and its length in bytes.
UChar32 code_point_at(std::string_view q, std::size_t i, std::size_t* width) {
    int32_t at = static_cast<int32_t>(i);
    const auto length = static_cast<int32_t>(std::min<std::size_t>(q.size(), INT32_MAX));
    UChar32 c;
    U8_NEXT(q.data(), at, length, c);
    *width = static_cast<std::size_t>(at) - i;
    return c < 0 ? 0xFFFD : c;
}

bool is_operator_word(std::string_view word) {
    if (word == "AND" || word == "OR" || word == "NOT" || word == "NEAR") return true;
    return word.size() > 5 && word.rfind("NEAR/", 0) == 0 &&
           std::all_of(word.begin() + 5, word.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
}

bool ends_word(char c) { return c == '(' || c == ')' || c == '"'; }

// A pasted upper-case headline, as Reuters writes them ("U.S. SAYS IT WILL NOT SELL GRAIN AND OIL
// TO IRAN"): not one lower-case letter, at least three words besides AND/OR/NOT/NEAR, and Latin
// letters among them (the operators are English words: in Cyrillic text they are syntax).
bool is_shouted_headline(std::string_view q) {
    std::size_t words = 0;
    bool latin = false;
    std::size_t i = 0, w = 0;
    while (i < q.size()) {
        if (is_space_at(q, i, &w) || ends_word(q[i])) {
            i += w;
            continue;
        }
        const std::size_t start = i;
        while (i < q.size() && !is_space_at(q, i, &w) && !ends_word(q[i])) ++i;
        const std::string_view word = q.substr(start, i - start);
        if (is_operator_word(word)) continue;
        ++words;
        for (std::size_t j = 0; j < word.size(); j += w) {
            const UChar32 c = code_point_at(word, j, &w);
            if (u_islower(c)) return false;
            UErrorCode status = U_ZERO_ERROR;
            if (u_isalpha(c) && uscript_getScript(c, &status) == USCRIPT_LATIN) latin = true;
        }
    }
    return words >= 3 && latin;
}

// Punctuation the lexer reads as text because the syntax it would start is never finished: the
// last of an odd number of '"', a parenthesis without its partner.
struct Tolerated {
    enum class What { quote, open_paren, close_paren };
    What what;
    std::size_t offset;
};

class Lexer {
public:
    Lexer(std::string_view q, bool shouted) : q_(q), shouted_(shouted) {
        // Quotes pair from the left; an odd one out is the last.
        const auto quotes = static_cast<std::size_t>(std::count(q.begin(), q.end(), '"'));
        if (quotes % 2 == 1) unpaired_quote_ = q.rfind('"');
    }

    std::vector<Lexeme> run() {
        std::vector<Lexeme> out;
        while (true) {
            skip_space();
            if (pos_ >= q_.size()) break;
            const char c = q_[pos_];
            const std::size_t start = pos_;
            if (c == '(') {
                out.push_back({Lexeme::Type::lparen, "", start});
                ++pos_;
            } else if (c == ')') {
                out.push_back({Lexeme::Type::rparen, "", start});
                ++pos_;
            } else if (c == '"' && start == unpaired_quote_) {
                tolerated_.push_back({Tolerated::What::quote, start});
                ++pos_;
            } else if (c == '"') {
                out.push_back(read_phrase());
            } else if ((c == '-' || c == '+') && starts_exclusion_or_requirement(start)) {
                out.push_back({c == '-' ? Lexeme::Type::minus : Lexeme::Type::plus, "", start});
                ++pos_;
            } else {
                read_word(out);
            }
        }
        out.push_back({Lexeme::Type::end, "", q_.size()});
        tolerate_unmatched_parens(out);
        return out;
    }

    /// Punctuation read as text, in query order.
    std::vector<Tolerated> tolerated() const {
        auto all = tolerated_;
        std::sort(all.begin(), all.end(), [](const Tolerated& a, const Tolerated& b) { return a.offset < b.offset; });
        return all;
    }

private:
    bool space_at(std::size_t i) const {
        std::size_t w;
        return is_space_at(q_, i, &w);
    }

    void skip_space() {
        std::size_t w;
        while (pos_ < q_.size() && is_space_at(q_, pos_, &w)) pos_ += w;
    }

    // '-' excludes and '+' requires only at the start of a word (after a space, or first in the
    // query) and before a letter, a quote or a '(': a dash between words, in "-5%", "(+ВИДЕО)"
    // or in a shouted headline ("GROWTH SLOWS -BUNDESBANK") is punctuation.
    bool starts_exclusion_or_requirement(std::size_t i) const {
        if (shouted_ || i + 1 >= q_.size()) return false;
        if (i > 0 && !is_space_before(q_, i)) return false;
        std::size_t w;
        const UChar32 next = code_point_at(q_, i + 1, &w);
        return next == '"' || next == '(' || u_isalpha(next) || u_hasBinaryProperty(next, UCHAR_QUOTATION_MARK);
    }

    Lexeme read_phrase() {
        const std::size_t start = pos_;
        const std::size_t close = q_.find('"', pos_ + 1);
        pos_ = close + 1;  // the constructor made sure that the quote is paired
        return {Lexeme::Type::phrase, std::string(q_.substr(start + 1, close - start - 1)), start};
    }

    void read_word(std::vector<Lexeme>& out) {
        const std::size_t start = pos_;
        std::size_t w;
        while (pos_ < q_.size() && !is_space_at(q_, pos_, &w) && !ends_word(q_[pos_])) ++pos_;
        std::string_view word = q_.substr(start, pos_ - start);

        if (!shouted_ && is_operator_word(word)) {
            if (word == "AND") return out.push_back({Lexeme::Type::and_, "", start});
            if (word == "OR") return out.push_back({Lexeme::Type::or_, "", start});
            if (word == "NOT") return out.push_back({Lexeme::Type::not_, "", start});
            if (word == "NEAR") return out.push_back({Lexeme::Type::near, "", start, 10});
            if (word.size() > 8) throw_error("NEAR distance too large (at most 999)", start);
            return out.push_back({Lexeme::Type::near, "", start, static_cast<unsigned>(std::stoi(std::string(word.substr(5))))});
        }
        const auto colon = word.find(':');
        if (colon != std::string_view::npos && colon > 0) {
            std::string name(word.substr(0, colon));
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
            // "Source: Reuters" is a word and its colon; a field's value follows the colon directly.
            const std::size_t value = start + colon + 1;
            if (is_query_field(name) && (value >= q_.size() || !space_at(value))) {
                if (value >= q_.size()) throw_error("field " + name + ": needs a value", start);
                out.push_back({Lexeme::Type::field, name, start});
                pos_ = value;  // a word, a "phrase" or a (group)
                return;
            }
        }
        out.push_back({Lexeme::Type::word, std::string(word), start});
    }

    // A '(' never closed or a ')' never opened is taken out of the lexemes and remembered.
    void tolerate_unmatched_parens(std::vector<Lexeme>& lexemes) {
        std::vector<std::size_t> open;  // indexes of '(' not closed yet
        std::vector<bool> drop(lexemes.size(), false);
        for (std::size_t i = 0; i < lexemes.size(); ++i) {
            if (lexemes[i].type == Lexeme::Type::lparen) {
                open.push_back(i);
            } else if (lexemes[i].type == Lexeme::Type::rparen) {
                if (open.empty()) {
                    drop[i] = true;
                    tolerated_.push_back({Tolerated::What::close_paren, lexemes[i].offset});
                } else {
                    open.pop_back();
                }
            }
        }
        for (std::size_t i : open) {
            drop[i] = true;
            tolerated_.push_back({Tolerated::What::open_paren, lexemes[i].offset});
        }
        std::size_t kept = 0;
        for (std::size_t i = 0; i < lexemes.size(); ++i) {
            if (drop[i]) continue;
            if (kept != i) lexemes[kept] = std::move(lexemes[i]);
            ++kept;
        }
        lexemes.resize(kept);
    }

    [[noreturn]] void throw_error(const std::string& what, std::size_t byte_offset) const;

    std::string_view q_;
    bool shouted_ = false;
    std::size_t unpaired_quote_ = std::string_view::npos;
    std::vector<Tolerated> tolerated_;
    std::size_t pos_ = 0;
};

std::size_t column_of(std::string_view q, std::size_t byte_offset) {
    std::size_t column = 1;
    for (std::size_t i = 0; i < byte_offset && i < q.size(); ++i)
        column += (static_cast<unsigned char>(q[i]) & 0xC0) != 0x80;
    return column;
}

void Lexer::throw_error(const std::string& what, std::size_t byte_offset) const {
    throw QueryError(what, column_of(q_, byte_offset));
}

// YYYY, YYYY-MM or YYYY-MM-DD, each part in range: queries are strict where indexing is lenient.
bool is_query_date(std::string_view text) {
    std::string digits;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash_place = i == 4 || i == 7;
        if (dash_place ? text[i] != '-' : !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        if (!dash_place) digits += text[i];
    }
    if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
    return schema::date_key(text).compare(0, digits.size(), digits) == 0;
}

class Parser {
public:
    Parser(std::string_view q, std::vector<Lexeme> lexemes) : q_(q), lx_(std::move(lexemes)) {}

    QueryNode parse() {
        if (peek().type == Lexeme::Type::end) throw QueryError("empty query", 1);
        QueryNode root = parse_or(0);
        if (peek().type == Lexeme::Type::rparen) error("unbalanced parenthesis: ')' without '('", peek().offset);
        if (peek().type != Lexeme::Type::end) error("unexpected input", peek().offset);
        return root;
    }

private:
    const Lexeme& peek() const { return lx_[i_]; }
    const Lexeme& take() { return lx_[i_++]; }

    [[noreturn]] void error(const std::string& what, std::size_t offset) const {
        throw QueryError(what, column_of(q_, offset));
    }

    static bool starts_operand(Lexeme::Type t) {
        using T = Lexeme::Type;
        return t == T::word || t == T::phrase || t == T::field || t == T::lparen || t == T::minus || t == T::plus ||
               t == T::not_;
    }

    QueryNode parse_or(int depth) {
        QueryNode left = parse_and(depth);
        if (peek().type != Lexeme::Type::or_) return left;
        QueryNode node;
        node.kind = QueryNode::Kind::or_;
        node.column = left.column;
        node.children.push_back(std::move(left));
        while (peek().type == Lexeme::Type::or_) {
            const Lexeme& op = take();
            if (!starts_operand(peek().type)) error("OR needs a query on its right", op.offset);
            node.children.push_back(parse_and(depth));
        }
        return node;
    }

    // Implicit AND; "NOT x", "-x" exclude; AND is optional.
    QueryNode parse_and(int depth) {
        std::vector<QueryNode> include, exclude;
        std::size_t column = column_of(q_, peek().offset);
        bool next_required = false;  // '+' or AND before the next operand
        std::size_t last_operand = 0;  // where the last operand's nodes start in include
        while (true) {
            const Lexeme& lx = peek();
            if (lx.type == Lexeme::Type::and_) {
                take();
                if (include.empty() && exclude.empty()) error("AND needs a query on its left", lx.offset);
                if (!starts_operand(peek().type)) error("AND needs a query on its right", lx.offset);
                for (std::size_t k = last_operand; k < include.size(); ++k) include[k].required = true;
                next_required = true;
                continue;
            }
            if (lx.type == Lexeme::Type::not_ || lx.type == Lexeme::Type::minus) {
                take();
                if (!starts_operand(peek().type) || peek().type == Lexeme::Type::not_ || peek().type == Lexeme::Type::minus)
                    error(std::string(lx.type == Lexeme::Type::not_ ? "NOT" : "-") + " needs a term to exclude", lx.offset);
                exclude.push_back(parse_near(depth));
                next_required = false;
                continue;
            }
            if (lx.type == Lexeme::Type::plus) {
                take();
                next_required = true;
                continue;
            }
            if (!starts_operand(lx.type)) break;
            const bool group = lx.type == Lexeme::Type::lparen;
            last_operand = include.size();
            QueryNode operand = parse_near(depth);
            // Brackets around words only, as in "Посол вирушив на інавгурацію (фото)" or
            // "(CORRECTED) - BANPONCE PLACES NOTES", group nothing: their words join this AND as
            // if unbracketed, so that a pasted headline's bracketed words match like the others.
            if (group && operand.kind == QueryNode::Kind::and_ &&
                std::all_of(operand.children.begin(), operand.children.end(), [](const QueryNode& n) {
                    return n.kind == QueryNode::Kind::word || n.kind == QueryNode::Kind::phrase;
                })) {
                for (auto& child : operand.children) include.push_back(std::move(child));
            } else {
                include.push_back(std::move(operand));
            }
            for (std::size_t k = last_operand; k < include.size(); ++k)
                include[k].required = include[k].required || next_required;
            next_required = false;
        }
        if (include.empty() && exclude.empty()) {
            if (peek().type == Lexeme::Type::or_) error("OR needs a query on its left", peek().offset);
            if (peek().type == Lexeme::Type::near) error("NEAR needs a word on its left", peek().offset);
            if (peek().type == Lexeme::Type::rparen) error("empty parentheses", peek().offset);
            error("query expected", peek().offset);
        }
        QueryNode positive;
        if (include.size() == 1) {
            positive = std::move(include.front());
        } else if (include.empty()) {
            positive.kind = QueryNode::Kind::match_all;
            positive.column = column;
        } else {
            positive.kind = QueryNode::Kind::and_;
            positive.column = column;
            positive.children = std::move(include);
        }
        if (exclude.empty()) return positive;
        QueryNode node;
        node.kind = QueryNode::Kind::and_not;
        node.column = column;
        node.children.push_back(std::move(positive));
        for (auto& e : exclude) node.children.push_back(std::move(e));
        return node;
    }

    QueryNode parse_near(int depth) {
        QueryNode left = parse_primary(depth);
        if (peek().type != Lexeme::Type::near) return left;
        QueryNode node;
        node.kind = QueryNode::Kind::near;
        node.column = left.column;
        node.distance = peek().distance;
        node.children.push_back(std::move(left));
        while (peek().type == Lexeme::Type::near) {
            const Lexeme& op = take();
            node.distance = std::max(node.distance, op.distance);
            if (peek().type != Lexeme::Type::word && peek().type != Lexeme::Type::phrase)
                error("NEAR needs a word on its right", op.offset);
            node.children.push_back(parse_primary(depth));
        }
        for (const auto& child : node.children)
            if (child.kind != QueryNode::Kind::word && child.kind != QueryNode::Kind::phrase)
                throw QueryError("NEAR joins words and phrases only", child.column);
        return node;
    }

    QueryNode parse_primary(int depth) {
        if (depth > kMaxDepth) error("query nested too deeply", peek().offset);
        const Lexeme& lx = take();
        QueryNode node;
        node.column = column_of(q_, lx.offset);
        switch (lx.type) {
        case Lexeme::Type::word: {
            std::string text = lx.text;
            while (text.size() > 1 && text.back() == '*') {
                text.pop_back();
                node.prefix = true;
            }
            node.kind = QueryNode::Kind::word;
            node.text = std::move(text);
            return node;
        }
        case Lexeme::Type::phrase:
            node.kind = QueryNode::Kind::phrase;
            node.text = lx.text;
            return node;
        case Lexeme::Type::lparen: {
            if (peek().type == Lexeme::Type::rparen) error("empty parentheses", lx.offset);
            if (peek().type == Lexeme::Type::end) error("unbalanced parenthesis: '(' is never closed", lx.offset);
            QueryNode inner = parse_or(depth + 1);
            if (peek().type != Lexeme::Type::rparen) error("unbalanced parenthesis: '(' is never closed", lx.offset);
            take();
            return inner;
        }
        case Lexeme::Type::field:
            return parse_field(lx, depth);
        case Lexeme::Type::near:
            error("NEAR needs a word on its left", lx.offset);
        case Lexeme::Type::or_:
            error("OR needs a query on its left", lx.offset);
        case Lexeme::Type::rparen:
            error("unbalanced parenthesis: ')' without '('", lx.offset);
        default:
            error("query expected", lx.offset);
        }
    }

    QueryNode parse_field(const Lexeme& field, int depth) {
        QueryNode node;
        node.column = column_of(q_, field.offset);
        if (field.text == "date") {
            if (peek().type != Lexeme::Type::word) error("date: needs a date or a range like 2019-06..2019-08", field.offset);
            const Lexeme& value = take();
            const std::string& v = value.text;
            node.kind = QueryNode::Kind::date_range;
            const auto dots = v.find("..");
            std::string low_text = dots == std::string::npos ? v : v.substr(0, dots);
            std::string high_text = dots == std::string::npos ? v : v.substr(dots + 2);
            if (dots != std::string::npos && low_text.empty() && high_text.empty())
                error("date: range needs at least one end", value.offset);
            node.low = low_text.empty() ? "" : schema::date_key(low_text);
            node.high = high_text.empty() ? "" : schema::date_key_end(high_text);
            if ((!low_text.empty() && (node.low.empty() || !is_query_date(low_text))) ||
                (!high_text.empty() && (node.high.empty() || !is_query_date(high_text))))
                error("bad date '" + v + "' (use YYYY, YYYY-MM or YYYY-MM-DD)", value.offset);
            if (!node.low.empty() && !node.high.empty() && node.low > node.high)
                error("date range ends before it starts", value.offset);
            return node;
        }
        node.kind = QueryNode::Kind::field;
        node.text = field.text;
        const Lexeme::Type t = peek().type;
        if (t == Lexeme::Type::word || t == Lexeme::Type::phrase) {
            node.children.push_back(parse_primary(depth));
        } else if (t == Lexeme::Type::lparen) {
            // title:(a b) applies the field to every word inside.
            node.children.push_back(parse_primary(depth));
        } else {
            error("field " + field.text + ": needs a value", field.offset);
        }
        return node;
    }

    std::string_view q_;
    std::vector<Lexeme> lx_;
    std::size_t i_ = 0;
};

// Every character is text: the space-separated words, each a plain word.
QueryNode parse_literal(std::string_view q) {
    QueryNode all;
    all.kind = QueryNode::Kind::and_;
    std::size_t i = 0, w = 0;
    while (i < q.size()) {
        if (is_space_at(q, i, &w)) {
            i += w;
            continue;
        }
        const std::size_t start = i;
        while (i < q.size() && !is_space_at(q, i, &w)) ++i;
        QueryNode word;
        word.text = std::string(q.substr(start, i - start));
        word.column = column_of(q, start);
        all.children.push_back(std::move(word));
    }
    if (all.children.empty()) throw QueryError("empty query", 1);
    if (all.children.size() == 1) return std::move(all.children.front());
    all.column = all.children.front().column;
    return all;
}

}  // namespace

bool is_query_field(std::string_view name) {
    return std::find(kFields.begin(), kFields.end(), name) != kFields.end();
}

QueryNode parse_query(std::string_view query, bool literal) {
    if (literal) return parse_literal(query);
    Lexer lexer(query, is_shouted_headline(query));
    std::vector<Lexeme> lexemes = lexer.run();
    const auto tolerated = lexer.tolerated();
    // An unfinished quote or bracket is punctuation in text, but a mistake in a query that uses
    // operators or fields: that one is told where its syntax is broken.
    const bool syntax = std::any_of(lexemes.begin(), lexemes.end(), [](const Lexeme& lx) {
        using T = Lexeme::Type;
        return lx.type == T::and_ || lx.type == T::or_ || lx.type == T::not_ || lx.type == T::near || lx.type == T::field;
    });
    if (syntax && !tolerated.empty()) {
        const Tolerated& first = tolerated.front();
        const char* what = first.what == Tolerated::What::quote        ? "unbalanced quote"
                           : first.what == Tolerated::What::open_paren ? "unbalanced parenthesis: '(' is never closed"
                                                                       : "unbalanced parenthesis: ')' without '('";
        throw QueryError(what, column_of(query, first.offset));
    }
    return Parser(query, std::move(lexemes)).parse();
}

}  // namespace newsdex
