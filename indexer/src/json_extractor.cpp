// JSON articles: one object, an array of objects, or JSON Lines, in the layouts CMS exports use.
#include "extractor.h"

#include <nlohmann/json.hpp>

#include <array>
#include <vector>
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

// The value at a key or a dotted path ("meta.author"); null when absent.
const json* find_path(const json& obj, std::string_view path) {
    if (auto it = obj.find(path); it != obj.end()) return &*it;
    const json* cur = &obj;
    while (!path.empty()) {
        const auto dot = path.find('.');
        const std::string key(path.substr(0, dot));
        if (!cur->is_object()) return nullptr;
        auto it = cur->find(key);
        if (it == cur->end()) return nullptr;
        cur = &*it;
        path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    }
    return cur;
}

// The one array of objects inside a wrapper object, searched two levels deep.
const json* article_list(const json& obj, int depth = 0) {
    const json* found = nullptr;
    for (const auto& [key, value] : obj.items()) {
        const json* candidate = nullptr;
        if (value.is_array() && !value.empty() && value[0].is_object()) candidate = &value;
        else if (value.is_object() && depth < 1) candidate = article_list(value, depth + 1);
        if (!candidate) continue;
        if (found) return nullptr;  // ambiguous
        found = candidate;
    }
    return found;
}

struct JsonArticleReader {
    const Member& member;
    Extraction& out;
    const JsonFields& user_fields;

    // The user's keys for @p field first, then the built-in ones.
    template <std::size_t N>
    std::string first_field(const json& obj, const char* field, const std::array<std::string_view, N>& keys) const {
        if (auto user = user_fields.find(field); user != user_fields.end()) {
            for (const auto& key : user->second) {
                if (const json* v = find_path(obj, key)) {
                    std::string s = as_text(*v);
                    if (!s.empty()) return s;
                }
            }
        }
        for (auto key : keys) {
            auto it = obj.find(key);
            if (it == obj.end()) continue;
            std::string s = as_text(*it);
            if (!s.empty()) return s;
        }
        return {};
    }

    void take(const json& obj, const std::string& where) {
        if (!obj.is_object()) {
            out.problems.push_back({where, "unsupported format", "JSON value is not an object"});
            return;
        }
        Article a;
        a.title = first_field(obj, "title", kTitleKeys);
        a.body = first_field(obj, "body", kBodyKeys);
        a.published = first_field(obj, "date", kDateKeys);
        a.author = first_field(obj, "author", kAuthorKeys);
        a.url = first_field(obj, "url", kUrlKeys);
        a.lang = first_field(obj, "lang", kLangKeys);
        a.source = first_field(obj, "source", kSourceKeys);
        a.id = first_field(obj, "id", kIdKeys);
        // CMS exports often keep the body as HTML.
        if (a.body.find("</") != std::string::npos || a.body.find("<br") != std::string::npos)
            a.body = extract_html("<html><body><article>" + a.body + "</article></body></html>", where, "utf-8").body;
        a.origin = where;
        if (a.title.empty() && a.body.empty()) {
            // A wrapper such as {"articles": [...]} or {"data": {"items": [...]}}: read what it holds.
            if (const json* list = article_list(obj)) {
                for (std::size_t i = 0; i < list->size(); ++i) take((*list)[i], where + "#" + std::to_string(i + 1));
                return;
            }
            out.problems.push_back({where, "empty text", "no title or body field"});
            return;
        }
        out.articles.push_back(std::move(a));
    }
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The elements of a top-level JSON array, found by a scan that only tracks strings and nesting,
// so that each element can be parsed alone: a dump of a million articles in one array then
// needs memory for one article's tree, not for all of them. False when @p text is not exactly
// one array (then the caller parses it another way).
bool split_array(std::string_view text, std::vector<std::string_view>& elements) {
    std::size_t i = 0;
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size() || text[i] != '[') return false;
    std::size_t start = ++i;
    int depth = 0;
    bool in_string = false;
    auto add = [&](std::size_t end) {
        std::string_view e = text.substr(start, end - start);
        while (!e.empty() && is_space(e.front())) e.remove_prefix(1);
        while (!e.empty() && is_space(e.back())) e.remove_suffix(1);
        if (!e.empty()) elements.push_back(e);
    };
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') ++depth;
        else if ((c == '}' || c == ']') && depth > 0) --depth;
        else if (c == ']') {
            add(i);
            for (++i; i < text.size(); ++i)
                if (!is_space(text[i])) return false;  // "[...] [...]": not one array
            return true;
        } else if (c == ',' && depth == 0) {
            add(i);
            start = i + 1;
        }
    }
    return false;  // truncated
}

}  // namespace

Extraction extract_json(const Member& member, const JsonFields& json_fields) {
    Extraction out;
    JsonArticleReader reader{member, out, json_fields};
    const std::string& text = member.data;  // UTF-8 already: extract_articles converted it
    // A later chunk of a JSON Lines stream is never one JSON document.
    std::vector<std::string_view> elements;
    if (member.first_line == 1 && split_array(text, elements)) {
        for (std::size_t i = 0; i < elements.size(); ++i) {
            const std::string where = member.path + "#" + std::to_string(i + 1);
            json item = json::parse(elements[i], nullptr, /*allow_exceptions=*/false);
            if (item.is_discarded()) out.problems.push_back({where, "invalid JSON", "array element is not valid JSON"});
            else reader.take(item, where);
        }
        return out;
    }
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
        } catch (const json::exception& e) {
            // Not only syntax: a number beyond double's range is out_of_range, and must cost only
            // its line too.
            out.problems.push_back({where, "invalid JSON", e.what()});
        }
    }
    return out;
}

}  // namespace newsdex
