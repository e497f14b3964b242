#include "snippet.h"

#include <algorithm>
#include <set>

namespace newsdex {
namespace {

// Snippets look at the start of very long texts only; news articles fit whole.
constexpr std::size_t kMaxScannedBytes = 256 * 1024;
constexpr std::string_view kEllipsis = "…";

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

struct Span {
    std::size_t first, last;  // token indexes, inclusive
    std::string key;          // what matched, for counting distinct matches
};

std::vector<Span> find_matches(const std::vector<Token>& tokens, const HighlightSpec& spec) {
    std::vector<Span> spans;
    // Phrases run over words and compound parts; a compound's whole shares its first part's place.
    std::vector<std::size_t> in_order;
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i].kind != TokenKind::compound) in_order.push_back(i);
    for (const auto& phrase : spec.phrases) {
        for (std::size_t i = 0; i + phrase.size() <= in_order.size(); ++i) {
            bool same = true;
            for (std::size_t k = 0; k < phrase.size() && same; ++k) same = tokens[in_order[i + k]].term == phrase[k];
            if (same) spans.push_back({in_order[i], in_order[i + phrase.size() - 1], phrase.front() + "…"});
        }
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& term = tokens[i].term;
        if (spec.exact_terms.count(term)) {
            spans.push_back({i, i, term});
            continue;
        }
        if (auto form = spec.forms.find(term); form != spec.forms.end()) {
            // Forms of one lemma count as one distinct match when choosing the window.
            spans.push_back({i, i, "Z" + form->second});
            continue;
        }
        for (const auto& prefix : spec.prefixes)
            if (term.compare(0, prefix.size(), prefix) == 0) {
                spans.push_back({i, i, prefix + "*"});
                break;
            }
    }
    // Phrases win over the single words inside them; overlapping spans are dropped.
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return a.first != b.first ? a.first < b.first : a.last > b.last;
    });
    std::vector<Span> kept;
    for (auto& s : spans)
        if (kept.empty() || s.first > kept.back().last) kept.push_back(std::move(s));
    return kept;
}

}  // namespace

Snippet make_snippet(std::string_view body, const HighlightSpec& spec, const Analyzer& analyzer,
                     std::size_t target_chars) {
    Snippet snippet;
    if (body.empty()) return snippet;
    std::string_view scanned = body.substr(0, std::min(body.size(), kMaxScannedBytes));
    const auto tokens = analyzer.tokenize(scanned);
    if (tokens.empty()) return snippet;
    const auto spans = find_matches(tokens, spec);

    // Code-point offset of every token start and end, for measuring windows in characters.
    // Starts never go backwards; ends may (a compound's whole ends after its first part starts).
    std::vector<std::size_t> cp_begin(tokens.size()), cp_end(tokens.size());
    {
        std::size_t cp = 0, byte = 0;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            cp += code_points(scanned.substr(byte, tokens[i].begin - byte));
            byte = tokens[i].begin;
            cp_begin[i] = cp;
            cp_end[i] = cp + code_points(scanned.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
        }
    }

    // The window of target_chars with the most distinct matches (then the most matches).
    std::size_t best = 0, best_score = 0;
    for (std::size_t s = 0; s < spans.size(); ++s) {
        std::set<std::string> distinct;
        std::size_t count = 0;
        for (std::size_t e = s; e < spans.size() && cp_end[spans[e].last] - cp_begin[spans[s].first] <= target_chars; ++e) {
            distinct.insert(spans[e].key);
            ++count;
        }
        const std::size_t score = distinct.size() * 1000 + count;
        if (score > best_score) {
            best_score = score;
            best = s;
        }
    }

    // Lead in with some context before the first match, then fill up to the target length.
    std::size_t first = 0;
    if (!spans.empty()) {
        first = spans[best].first;
        const std::size_t lead = target_chars / 4;
        while (first > 0 && cp_begin[spans[best].first] - cp_begin[first - 1] <= lead) --first;
    }
    std::size_t last = first;
    while (last + 1 < tokens.size() && cp_end[last + 1] - cp_begin[first] <= target_chars) ++last;

    const std::size_t start_byte = first == 0 ? 0 : tokens[first].begin;
    std::size_t end_byte = tokens[last].end;
    // Keep the closing punctuation of a sentence that ends the snippet.
    while (end_byte < scanned.size() && std::string_view(".!?»\")").find(scanned[end_byte]) != std::string_view::npos &&
           (static_cast<unsigned char>(scanned[end_byte]) < 0x80))
        ++end_byte;
    const bool cut_start = start_byte > 0;
    const bool cut_end = end_byte < body.size() && body.find_first_not_of(" \n\t\r", end_byte) != std::string_view::npos;

    std::string text = cut_start ? std::string(kEllipsis) : std::string();
    const std::size_t lead_cp = cut_start ? 1 : 0;
    for (char c : body.substr(start_byte, end_byte - start_byte)) text += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    if (cut_end) text += kEllipsis;
    snippet.text = std::move(text);

    const std::size_t base = cp_begin[first] - code_points(scanned.substr(start_byte, tokens[first].begin - start_byte));
    for (const auto& s : spans) {
        if (s.first < first || s.last > last) continue;
        snippet.highlights.emplace_back(cp_begin[s.first] - base + lead_cp, cp_end[s.last] - base + lead_cp);
    }
    return snippet;
}

}  // namespace newsdex
