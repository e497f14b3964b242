#include "suggestion.h"

#include "keyboard_layout.h"
#include "nearest_spelling.h"
#include "newsdex/experimental.h"
#include "newsdex/suggest.h"
#include "shard_set.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

namespace newsdex {
namespace {

std::size_t letters_in(std::string_view term) {
    std::size_t letters = 0;
    for (char ch : term) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80 && !(c >= 'a' && c <= 'z') && c != '\'') return 0;  // a number, or a word with digits
        if ((c & 0xC0) != 0x80) ++letters;
    }
    return letters;
}

// The suggestion, written the way the word was: "Brexit" for "Brexti", "NATO" for "NAOT".
std::string in_case_of(const std::string& suggestion, std::string_view typed) {
    const icu::UnicodeString original = icu::UnicodeString::fromUTF8(icu::StringPiece(typed.data(), static_cast<int32_t>(typed.size())));
    if (original.isEmpty() || !u_isupper(original.char32At(0))) return suggestion;
    icu::UnicodeString word = icu::UnicodeString::fromUTF8(suggestion);
    bool all_upper = original.countChar32() > 1;
    for (int32_t i = 0; i < original.length(); i = original.moveIndex32(i, 1))
        if (u_isalpha(original.char32At(i)) && !u_isupper(original.char32At(i))) all_upper = false;
    if (all_upper) {
        word.toUpper();
    } else {
        const UChar32 first = word.char32At(0);
        word.replace(0, U16_LENGTH(first), icu::UnicodeString(u_toupper(first)));
    }
    std::string out;
    word.toUTF8String(out);
    return out;
}

bool is_operator(std::string_view typed) {
    return typed == "AND" || typed == "OR" || typed == "NOT" || typed == "NEAR";
}

// Whether the word at [begin, end) of the query is one to correct: a plain word, a title: or
// author: value, not an operator, a field name, or a word the query excludes.
bool correctable(std::string_view query, std::size_t begin, std::size_t end) {
    if (is_operator(query.substr(begin, end - begin))) return false;
    if (end < query.size() && query[end] == ':') return false;  // a field name
    std::size_t piece = begin;
    while (piece > 0 && query[piece - 1] != ' ' && query[piece - 1] != '\t' && query[piece - 1] != '\n') --piece;
    std::string_view before = query.substr(piece, begin - piece);
    if (!before.empty() && before.front() == '-') return false;
    if (const auto colon = before.find(':'); colon != std::string_view::npos) {
        std::string_view field = before.substr(0, colon);
        while (!field.empty() && (field.front() == '+' || field.front() == '(' || field.front() == '"')) field.remove_prefix(1);
        if (field != "title" && field != "author") return false;
    }
    // NOT before the word's piece excludes it.
    std::size_t e = piece;
    while (e > 0 && (query[e - 1] == ' ' || query[e - 1] == '\t' || query[e - 1] == '\n')) --e;
    std::size_t b = e;
    while (b > 0 && query[b - 1] != ' ' && query[b - 1] != '\t' && query[b - 1] != '\n') --b;
    return query.substr(b, e - b) != "NOT";
}

}  // namespace

std::string spelling_corrected(std::string_view query, const Xapian::Database& db, const Analyzer& analyzer,
                               std::size_t rare, bool nearest_first) {
    struct Replacement {
        std::size_t begin, end;
        std::string text;
    };
    std::vector<Replacement> replacements;
    for (const Token& t : analyzer.tokenize(query)) {
        if (t.kind == TokenKind::compound) continue;
        const std::size_t letters = letters_in(t.term);
        if (letters < 3 || !correctable(query, t.begin, t.end)) continue;
        try {
            if (db.get_termfreq(t.term) >= rare) continue;
            std::string better = nearest_first ? nearest_spelling(db, t.term) : std::string();
            if (better.empty()) better = db.get_spelling_suggestion(t.term, letters <= 4 ? 1 : 2);
            if (better.empty() || better == t.term) continue;
            replacements.push_back({t.begin, t.end, in_case_of(better, query.substr(t.begin, t.end - t.begin))});
        } catch (const Xapian::Error&) {
            // A remote shard keeps no spelling data for us to read: no correction.
            return std::string(query);
        }
    }
    std::string out(query);
    for (auto it = replacements.rbegin(); it != replacements.rend(); ++it) out.replace(it->begin, it->end - it->begin, it->text);
    return out;
}

struct Suggester::Impl {
    Searcher searcher;
    Xapian::Database db;
    Analyzer analyzer;

    explicit Impl(const std::string& path) : searcher(path) {
        for (const auto& shard : open_shards(path).databases) db.add_database(shard);
    }
};

Suggester::Suggester(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {}
Suggester::~Suggester() = default;

std::optional<Suggestion> Suggester::suggest(const std::string& query, const SearchOptions& options,
                                             const SuggestOptions& suggest_options) {
    SearchOptions counting = options;
    counting.offset = 0;
    counting.limit = 1;
    counting.snippets = false;
    counting.or_fallback = false;  // a suggestion is to find articles with every word
    if (counting.ranking && counting.ranking->feedback_terms > 0) {  // counted as typed, not expanded
        auto ranking = std::make_shared<experimental::Ranking>(*counting.ranking);
        ranking->feedback_terms = 0;
        counting.ranking = std::move(ranking);
    }
    const std::size_t found = impl_->searcher.search(query, counting).estimated_matches;
    if (found >= suggest_options.few) return std::nullopt;

    std::vector<std::pair<std::string, Suggestion::Reason>> candidates;
    candidates.emplace_back(spelling_corrected(query, impl_->db, impl_->analyzer, suggest_options.few,
                                               suggest_options.nearest_first),
                            Suggestion::Reason::spelling);
    for (const auto layout : {CyrillicLayout::ukrainian, CyrillicLayout::russian})
        candidates.emplace_back(latin_keys_to_cyrillic(query, layout), Suggestion::Reason::keyboard_layout);
    candidates.emplace_back(cyrillic_keys_to_latin(query), Suggestion::Reason::keyboard_layout);

    std::optional<Suggestion> best;
    std::vector<std::string> tried{query};
    for (const auto& [candidate, reason] : candidates) {
        if (std::find(tried.begin(), tried.end(), candidate) != tried.end()) continue;
        tried.push_back(candidate);
        std::size_t matches = 0;
        try {
            matches = impl_->searcher.search(candidate, counting).estimated_matches;
        } catch (const QueryError&) {
            continue;  // the other layout made syntax of it; not a query the user meant
        }
        if (matches > found * suggest_options.times_more && matches > 0 && (!best || matches > best->matches))
            best = Suggestion{candidate, matches, reason};
    }
    return best;
}

}  // namespace newsdex
