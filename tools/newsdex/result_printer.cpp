#include "result_printer.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::cli {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kHighlight = "\033[1;33m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kReset = "\033[0m";

// Byte offset of code point @p cp in @p s.
std::size_t byte_of(const std::string& s, std::size_t cp) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (seen == cp) return i;
        ++seen;
    }
    return s.size();
}

// @p text with the code point spans @p spans in the highlight colour, the rest in @p base (the
// title's bold, or nothing) and reset after.
std::string painted(const std::string& text, const std::vector<std::pair<std::size_t, std::size_t>>& spans,
                    const char* base, bool color) {
    if (!color) return text;
    std::string out = base;
    std::size_t at = 0;
    for (const auto& [b, e] : spans) {
        const std::size_t bb = byte_of(text, b), eb = byte_of(text, e);
        if (bb < at || eb < bb) continue;
        out += text.substr(at, bb - at) + kHighlight + text.substr(bb, eb - bb) + kReset + base;
        at = eb;
    }
    return out + text.substr(at) + (*base != '\0' ? kReset : "");
}

std::string date_only(const std::string& published) { return published.substr(0, 10); }

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// "all" when the hits hold every word of the query, "some" when the OR fallback matched any.
const char* matched(bool all_words) { return all_words ? "all" : "some"; }

// 12345 → "12,345": counts people read at a glance.
std::string grouped(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// "450 matches", "about 12,000 matches (10,000 to 15,314)": an estimate says it is one.
std::string count_text(const MatchCount& c) {
    std::string text = c.exact ? "" : "about ";
    text += grouped(c.matches) + (c.matches == 1 ? " match" : " matches");
    if (!c.exact) text += " (" + grouped(c.lower) + " to " + grouped(c.upper) + ")";
    return text;
}

}  // namespace

void print_json_lines(std::ostream& out, const SearchResults& results) {
    for (const Hit& h : results.hits) {
        nlohmann::json highlights = nlohmann::json::array();
        for (const auto& [b, e] : h.highlights) highlights.push_back({b, e});
        nlohmann::json title_highlights = nlohmann::json::array();
        for (const auto& [b, e] : h.title_highlights) title_highlights.push_back({b, e});
        nlohmann::json j{{"rank", h.rank},   {"id", h.id},         {"score", h.score},   {"title", h.title},
                         {"title_highlights", title_highlights},
                         {"url", h.url},     {"published", h.published}, {"lang", h.lang}, {"source", h.source},
                         {"author", h.author}, {"origin", h.origin}, {"copies", h.copies}, {"cluster", h.cluster}, {"cluster_size", h.cluster_size},
                         {"matched", matched(h.all_words)},
                         {"snippet", h.snippet}, {"highlights", highlights}};
        out << dump(j) << '\n';
    }
}

void print_count_json(std::ostream& out, const SearchResults& results) {
    const MatchCount& c = results.count;
    nlohmann::json j{{"matches", c.matches}, {"exact", c.exact}};
    if (!c.exact) {
        j["lower"] = c.lower;
        j["upper"] = c.upper;
    }
    // "some": the count takes in articles without every word (the OR fallback, a long query).
    j["matched"] = matched(!results.fell_back && results.word_match == WordMatch::all);
    out << dump(j) << '\n';
}

void print_for_people(std::ostream& out, const SearchResults& results, bool color, double milliseconds) {
    auto paint = [&](const char* code) { return color ? code : ""; };
    if (results.fell_back && !results.hits.empty())
        out << paint(kBold) << "No article has every word; showing articles with some of them." << paint(kReset) << "\n\n";
    if (results.filled)
        out << paint(kBold) << (results.count.matches == 1 ? "Only 1 article has" : "Only " + grouped(results.count.matches) + " articles have")
            << " every word; then articles with some of them." << paint(kReset) << "\n\n";
    for (const Hit& h : results.hits) {
        out << paint(kBold) << h.rank << "." << paint(kReset) << ' ';
        std::string meta = date_only(h.published);
        if (!h.source.empty()) meta += (meta.empty() ? "" : "  ") + h.source;
        meta += (meta.empty() ? "[" : "  [") + h.lang + "]";
        if (h.copies > 1) meta += "  (" + std::to_string(h.copies) + " copies)";
        // The other versions of the story: near duplicates beyond the exact copies.
        if (h.cluster_size > h.copies)
            meta += "  (+" + std::to_string(h.cluster_size - h.copies) + " other version" +
                    (h.cluster_size - h.copies == 1 ? "" : "s") + " of this story)";
        if (!h.all_words && !results.fell_back) meta += "  (some of the words)";
        out << paint(kDim) << meta << paint(kReset) << '\n';
        out << "   " << (h.title.empty() ? painted("(no title)", {}, kBold, color) : painted(h.title, h.title_highlights, kBold, color))
            << '\n';
        if (!h.snippet.empty()) out << "   " << painted(h.snippet, h.highlights, "", color) << '\n';
        out << "   " << paint(kDim) << (h.url.empty() ? h.id : h.url) << paint(kReset) << "\n\n";
    }
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f ms", milliseconds);
    std::string footer = std::to_string(results.hits.size()) + " shown of " + count_text(results.count);
    if (results.fell_back) footer += " with some of the words";
    // The count is of the articles with every word; the page went on past them.
    if (results.filled)
        footer = std::to_string(results.hits.size()) + " shown: " + count_text(results.count) +
                 " with every word, then articles with some of them";
    out << paint(kDim) << footer << " in " << ms << paint(kReset) << '\n';
}

}  // namespace newsdex::cli
