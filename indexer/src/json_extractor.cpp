// JSON articles: one object, an array of objects, or JSON Lines, in the layouts CMS exports use.
#include "extractor.h"

#include <nlohmann/json.hpp>

#include <array>
#include <string_view>

namespace newsdex {
namespace {

using nlohmann::json;

// Field names seen in dump layouts, most specific first.
constexpr std::array<std::string_view, 5> kTitleKeys{"title", "headline", "heading", "name", "subject"};
constexpr std::array<std::string_view, 9> kBodyKeys{"body", "text", "content", "article", "articleBody",
                                                    "article_body", "full_text", "fulltext", "description"};
constexpr std::array<std::string_view, 9> kDateKeys{"published", "date", "pubDate", "datePublished", "published_at",
                                                    "publish_date", "pub_date", "created_at", "time"};
constexpr std::array<std::string_view, 4> kAuthorKeys{"author", "byline", "authors", "creator"};
constexpr std::array<std::string_view, 4> kUrlKeys{"url", "link", "canonical_url", "href"};
constexpr std::array<std::string_view, 3> kLangKeys{"lang", "language", "locale"};
constexpr std::array<std::string_view, 5> kSourceKeys{"source", "site", "site_name", "publisher", "outlet"};
constexpr std::array<std::string_view, 4> kIdKeys{"id", "_id", "guid", "uuid"};

// Scalars become text; a list of names (authors) is joined; an object contributes its "name".
std::string as_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number()) return v.dump();
    if (v.is_object()) {
        auto it = v.find("name");
        return it != v.end() ? as_text(*it) : std::string();
    }
    if (v.is_array()) {
        std::string out;
        for (const auto& item : v) {
            std::string s = as_text(item);
            if (s.empty()) continue;
            if (!out.empty()) out += ", ";
            out += s;
        }
        return out;
    }
    return {};
}

template <std::size_t N>
std::string first_field(const json& obj, const std::array<std::string_view, N>& keys) {
    for (auto key : keys) {
        auto it = obj.find(key);
        if (it == obj.end()) continue;
        std::string s = as_text(*it);
        if (!s.empty()) return s;
    }
    return {};
}

struct JsonArticleReader {
    const Member& member;
    Extraction& out;

    void take(const json& obj, const std::string& where) {
        if (!obj.is_object()) {
            out.problems.push_back({where, "unsupported format", "JSON value is not an object"});
            return;
        }
        Article a;
        a.title = first_field(obj, kTitleKeys);
        a.body = first_field(obj, kBodyKeys);
        a.published = first_field(obj, kDateKeys);
        a.author = first_field(obj, kAuthorKeys);
        a.url = first_field(obj, kUrlKeys);
        a.lang = first_field(obj, kLangKeys);
        a.source = first_field(obj, kSourceKeys);
        a.id = first_field(obj, kIdKeys);
        a.origin = where;
        if (a.title.empty() && a.body.empty()) {
            out.problems.push_back({where, "empty text", "no title or body field"});
            return;
        }
        out.articles.push_back(std::move(a));
    }
};

}  // namespace

Extraction extract_json(const Member& member) {
    Extraction out;
    JsonArticleReader reader{member, out};
    const std::string text = repair_utf8(member.data);
    // A later chunk of a JSON Lines stream is never one JSON document.
    json doc = member.first_line == 1 ? json::parse(text, nullptr, /*allow_exceptions=*/false) : json(nullptr);
    if (member.first_line == 1 && !doc.is_discarded()) {
        if (doc.is_array()) {
            for (std::size_t i = 0; i < doc.size(); ++i)
                reader.take(doc[i], member.path + "#" + std::to_string(i + 1));
        } else {
            reader.take(doc, member.path);
        }
        return out;
    }
    // Not one JSON value: JSON Lines, where a bad line costs only itself.
    std::size_t line_no = member.first_line - 1, start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + start, end - start);
        ++line_no;
        start = end + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        const std::string where = member.path + "#" + std::to_string(line_no);
        try {
            reader.take(json::parse(line), where);
        } catch (const json::parse_error& e) {
            out.problems.push_back({where, "invalid JSON", e.what()});
        }
    }
    return out;
}

}  // namespace newsdex
