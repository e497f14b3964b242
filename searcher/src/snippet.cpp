#include "snippet.h"

#include "snippet_regions.h"

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

// Character positions of every token, for measuring windows in characters, not bytes.
struct TokenCodePoints {
    std::vector<std::size_t> begin, end;
};

TokenCodePoints code_point_offsets(std::string_view text, const std::vector<Token>& tokens) {
    TokenCodePoints cps;
    cps.begin.resize(tokens.size());
    cps.end.resize(tokens.size());
    // Starts never go backwards; ends may (a compound's whole ends after its first part starts).
    std::size_t cp = 0, byte = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        cp += code_points(text.substr(byte, tokens[i].begin - byte));
        byte = tokens[i].begin;
        cps.begin[i] = cp;
        cps.end[i] = cp + code_points(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
    }
    return cps;
}

struct Fragment {
    std::size_t first, last;  // token indexes, inclusive
};

// The window of at most `width` characters, starting at a match, that covers the most matches
// not yet shown (distinct first, then all). Returns spans.size() when none adds anything.
std::size_t best_window(const std::vector<Span>& spans, const TokenCodePoints& cps, std::size_t width,
                        const std::set<std::string>& shown) {
    std::size_t best = spans.size(), best_score = 0;
    for (std::size_t s = 0; s < spans.size(); ++s) {
        if (shown.count(spans[s].key)) continue;
        std::set<std::string> fresh;
        std::size_t count = 0;
        for (std::size_t e = s; e < spans.size() && cps.end[spans[e].last] - cps.begin[spans[s].first] <= width; ++e) {
            if (!shown.count(spans[e].key)) fresh.insert(spans[e].key);
            ++count;
        }
        const std::size_t score = fresh.size() * 1000 + count;
        if (score > best_score) {
            best_score = score;
            best = s;
        }
    }
    return best;
}

// Widens a window around a match: some context before it, then words up to the width.
Fragment frame(std::size_t first_match, std::size_t tokens, const TokenCodePoints& cps, std::size_t width) {
    std::size_t first = first_match;
    const std::size_t lead = width / 4;
    while (first > 0 && cps.begin[first_match] - cps.begin[first - 1] <= lead) --first;
    std::size_t last = first;
    while (last + 1 < tokens && cps.end[last + 1] - cps.begin[first] <= width) ++last;
    return {first, last};
}

}  // namespace

Snippet make_snippet(std::string_view body, const HighlightSpec& spec, const Analyzer& analyzer,
                     std::size_t target_chars, SnippetScan scan) {
    Snippet snippet;
    if (body.empty()) return snippet;
    std::string_view scanned = body.substr(0, std::min(body.size(), kMaxScannedBytes));
    bool whole = true;
    auto tokens = scan == SnippetScan::whole_text ? analyzer.tokenize(scanned)
                                                  : tokenize_near_matches(scanned, spec, analyzer, target_chars, whole);
    auto spans = find_matches(tokens, spec);
    if (spans.empty() && !whole) {
        // Nothing to highlight (the rough scan was wrong): the snippet is the text's beginning.
        tokens = analyzer.tokenize(scanned);
        spans = find_matches(tokens, spec);
    }
    if (tokens.empty()) return snippet;
    const TokenCodePoints cps = code_point_offsets(scanned, tokens);

    // One window when it shows every distinct match; otherwise up to three shorter ones, each
    // adding matches the others do not show.
    std::vector<Fragment> fragments;
    std::set<std::string> all_keys;
    for (const auto& s : spans) all_keys.insert(s.key);
    for (std::size_t parts : {1, 2, 3}) {
        fragments.clear();
        std::set<std::string> shown;
        const std::size_t width = target_chars / parts;
        for (std::size_t k = 0; k < parts; ++k) {
            const std::size_t start = best_window(spans, cps, width, shown);
            if (start == spans.size()) break;
            Fragment f = frame(spans[start].first, tokens.size(), cps, width);
            for (const auto& s : spans)
                if (s.first >= f.first && s.last <= f.last) shown.insert(s.key);
            fragments.push_back(f);
        }
        if (shown.size() == all_keys.size()) break;
    }
    if (fragments.empty()) fragments.push_back(frame(0, tokens.size(), cps, target_chars));
    std::sort(fragments.begin(), fragments.end(), [](const Fragment& a, const Fragment& b) { return a.first < b.first; });
    std::vector<Fragment> merged;
    for (const auto& f : fragments) {
        if (!merged.empty() && f.first <= merged.back().last + 1) merged.back().last = std::max(merged.back().last, f.last);
        else merged.push_back(f);
    }

    std::size_t cp_out = 0;  // code points written to snippet.text so far
    auto append = [&](std::string_view piece) {
        for (char c : piece) snippet.text += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
        cp_out += code_points(piece);
    };
    for (std::size_t n = 0; n < merged.size(); ++n) {
        const Fragment& f = merged[n];
        const std::size_t start_byte = f.first == 0 ? 0 : tokens[f.first].begin;
        std::size_t end_byte = tokens[f.last].end;
        // Keep the punctuation that closes a sentence at the end of a fragment.
        while (end_byte < scanned.size() && std::string_view(".!?\")").find(scanned[end_byte]) != std::string_view::npos)
            ++end_byte;
        if (n == 0 && start_byte > 0) append(kEllipsis);
        if (n > 0) append(" ");
        const std::size_t base = cp_out - (f.first == 0 ? cps.begin[0] - code_points(scanned.substr(0, tokens[0].begin)) : cps.begin[f.first]);
        append(scanned.substr(start_byte, end_byte - start_byte));
        for (const auto& s : spans)
            if (s.first >= f.first && s.last <= f.last) snippet.highlights.emplace_back(cps.begin[s.first] + base, cps.end[s.last] + base);
        const bool more_text = body.find_first_not_of(" \n\t\r", end_byte) != std::string_view::npos;
        if (more_text) append(n + 1 < merged.size() ? " " + std::string(kEllipsis) : std::string(kEllipsis));
    }
    return snippet;
}

std::vector<std::pair<std::size_t, std::size_t>> highlight_whole(std::string_view text, const HighlightSpec& spec,
                                                                 const Analyzer& analyzer) {
    std::vector<std::pair<std::size_t, std::size_t>> highlights;
    const auto tokens = analyzer.tokenize(text);
    const auto spans = find_matches(tokens, spec);
    if (spans.empty()) return highlights;
    const TokenCodePoints cps = code_point_offsets(text, tokens);
    for (const auto& s : spans) highlights.emplace_back(cps.begin[s.first], cps.end[s.last]);
    return highlights;
}

}  // namespace newsdex
