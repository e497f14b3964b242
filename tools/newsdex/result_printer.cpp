#include "result_printer.h"

#include <nlohmann/json.hpp>

#include <cstdio>

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

std::string date_only(const std::string& published) { return published.substr(0, 10); }

}  // namespace

void print_json_lines(std::ostream& out, const SearchResults& results) {
    for (const Hit& h : results.hits) {
        nlohmann::json highlights = nlohmann::json::array();
        for (const auto& [b, e] : h.highlights) highlights.push_back({b, e});
        nlohmann::json j{{"rank", h.rank},   {"id", h.id},         {"score", h.score},   {"title", h.title},
                         {"url", h.url},     {"published", h.published}, {"lang", h.lang}, {"source", h.source},
                         {"author", h.author}, {"origin", h.origin}, {"copies", h.copies}, {"snippet", h.snippet}, {"highlights", highlights}};
        out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
}

void print_for_people(std::ostream& out, const SearchResults& results, bool color, double milliseconds) {
    auto paint = [&](const char* code) { return color ? code : ""; };
    for (const Hit& h : results.hits) {
        out << paint(kBold) << h.rank << "." << paint(kReset) << ' ';
        std::string meta = date_only(h.published);
        if (!h.source.empty()) meta += (meta.empty() ? "" : "  ") + h.source;
        meta += (meta.empty() ? "[" : "  [") + h.lang + "]";
        if (h.copies > 1) meta += "  (" + std::to_string(h.copies) + " copies)";
        out << paint(kDim) << meta << paint(kReset) << '\n';
        out << "   " << paint(kBold) << (h.title.empty() ? "(no title)" : h.title) << paint(kReset) << '\n';
        if (!h.snippet.empty()) {
            out << "   ";
            std::size_t at = 0;
            for (const auto& [b, e] : h.highlights) {
                const std::size_t bb = byte_of(h.snippet, b), eb = byte_of(h.snippet, e);
                out << h.snippet.substr(at, bb - at) << paint(kHighlight) << h.snippet.substr(bb, eb - bb) << paint(kReset);
                at = eb;
            }
            out << h.snippet.substr(at) << '\n';
        }
        out << "   " << paint(kDim) << (h.url.empty() ? h.id : h.url) << paint(kReset) << "\n\n";
    }
    char footer[128];
    std::snprintf(footer, sizeof footer, "%zu shown of about %zu matches in %.1f ms", results.hits.size(),
                  results.estimated_matches, milliseconds);
    out << paint(kDim) << footer << paint(kReset) << '\n';
}

}  // namespace newsdex::cli
