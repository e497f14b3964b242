// HTML pages: metadata from <head> and JSON-LD, main text from the article's content blocks, with
// navigation, scripts, comments and related-article blocks left out. Parsed by libxml2's HTML
// parser, which copes with the broken markup real pages have.
#include "extractor.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>

namespace newsdex {
namespace {

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string_view name_of(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

std::string attr(const xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    if (!v) return {};
    std::string s(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return s;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Collapses runs of whitespace (including no-break spaces) to one space and trims the ends.
std::string squeeze(std::string_view s) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
        if (std::isspace(c) || nbsp) {
            space = true;
            if (nbsp) ++i;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    return out;
}

std::string text_of(const xmlNode* n) {
    xmlChar* content = xmlNodeGetContent(n);
    if (!content) return {};
    std::string s = squeeze(reinterpret_cast<const char*>(content));
    xmlFree(content);
    return s;
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Subtrees that are never article text.
bool is_noise_element(std::string_view name) {
    return is_one_of(name, {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
                            "iframe", "svg", "select", "template", "object", "embed", "menu", "figure"});
}

// class/id words that mark boilerplate blocks on news sites.
bool has_noise_marker(const xmlNode* n) {
    static constexpr std::array<std::string_view, 22> markers{
        "comment", "related", "share", "social", "promo", "advert", "banner", "newsletter", "subscribe",
        "sidebar", "breadcrumb", "cookie", "footer", "navbar", "menu", "popular", "recommend", "read-more",
        "readmore", "tags", "byline", "sponsor"};
    const std::string cls = lower(attr(n, "class") + " " + attr(n, "id"));
    if (cls.size() <= 1) return false;
    for (auto m : markers)
        if (cls.find(m) != std::string::npos) return true;
    const std::string role = lower(attr(n, "role"));
    return role == "navigation" || role == "complementary" || role == "contentinfo" || role == "banner";
}

bool is_block(std::string_view name) {
    return is_one_of(name, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd",
                            "dt", "div", "section", "article", "main", "ul", "ol", "table", "tr", "br", "hr"});
}

struct PageMeta {
    std::string title_tag, og_title, h1, author, published, lang, canonical, og_url, site_name, locale;
};

class HtmlWalker {
public:
    PageMeta meta;

    void read_head(const xmlNode* n) {
        for (; n; n = n->next) {
            if (n->type != XML_ELEMENT_NODE) continue;
            const std::string_view name = name_of(n);
            if (name == "html" && meta.lang.empty()) meta.lang = attr(n, "lang");
            if (name == "title" && meta.title_tag.empty()) meta.title_tag = text_of(n);
            if (name == "h1" && meta.h1.empty()) meta.h1 = text_of(n);
            if (name == "meta") read_meta(n);
            if (name == "link" && lower(attr(n, "rel")) == "canonical" && meta.canonical.empty())
                meta.canonical = attr(n, "href");
            if (name == "script" && lower(attr(n, "type")) == "application/ld+json") read_json_ld(text_of_raw(n));
            read_head(n->children);
        }
    }

    // Text of the main content: paragraphs separated by '\n'.
    std::string main_text(const xmlNode* root) {
        const xmlNode* content = find_content_root(root);
        std::string out;
        collect(content, out);
        return squeeze_lines(out);
    }

private:
    void read_meta(const xmlNode* n) {
        const std::string key = lower(attr(n, "property").empty() ? attr(n, "name") : attr(n, "property"));
        const std::string value = squeeze(attr(n, "content"));
        if (value.empty()) return;
        auto set = [&](std::string& field) {
            if (field.empty()) field = value;
        };
        if (key == "og:title" || key == "twitter:title") set(meta.og_title);
        else if (key == "author" || key == "article:author" || key == "dc.creator" || key == "byl") set(meta.author);
        else if (key == "article:published_time" || key == "date" || key == "pubdate" || key == "dc.date" ||
                 key == "publish-date" || key == "og:published_time")
            set(meta.published);
        else if (key == "og:url") set(meta.og_url);
        else if (key == "og:site_name") set(meta.site_name);
        else if (key == "og:locale" || key == "language" || key == "content-language") set(meta.locale);
    }

    static std::string text_of_raw(const xmlNode* n) {
        xmlChar* content = xmlNodeGetContent(n);
        if (!content) return {};
        std::string s(reinterpret_cast<const char*>(content));
        xmlFree(content);
        return s;
    }

    void read_json_ld(const std::string& text) {
        auto j = nlohmann::json::parse(text, nullptr, false);
        if (j.is_discarded()) return;
        visit_json_ld(j);
    }

    void visit_json_ld(const nlohmann::json& j) {
        if (j.is_array()) {
            for (const auto& item : j) visit_json_ld(item);
            return;
        }
        if (!j.is_object()) return;
        if (auto graph = j.find("@graph"); graph != j.end()) visit_json_ld(*graph);
        const std::string type = j.contains("@type") && j["@type"].is_string() ? j["@type"].get<std::string>() : "";
        if (type.find("Article") == std::string::npos && type != "WebPage") return;
        auto str = [&](const char* key) -> std::string {
            auto it = j.find(key);
            if (it == j.end()) return {};
            if (it->is_string()) return it->get<std::string>();
            if (it->is_object() && it->contains("name") && (*it)["name"].is_string()) return (*it)["name"].get<std::string>();
            if (it->is_array() && !it->empty()) {
                const auto& first = (*it)[0];
                if (first.is_string()) return first.get<std::string>();
                if (first.is_object() && first.contains("name") && first["name"].is_string()) return first["name"].get<std::string>();
            }
            return {};
        };
        if (meta.og_title.empty()) meta.og_title = squeeze(str("headline"));
        if (meta.published.empty()) meta.published = str("datePublished");
        if (meta.author.empty()) meta.author = squeeze(str("author"));
        if (meta.site_name.empty()) meta.site_name = squeeze(str("publisher"));
        if (meta.canonical.empty()) meta.canonical = str("url");
    }

    static std::size_t text_length(const xmlNode* n) {
        std::size_t len = 0;
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE && c->content) len += std::strlen(reinterpret_cast<const char*>(c->content));
            else if (c->type == XML_ELEMENT_NODE && !is_noise_element(name_of(c)) && !has_noise_marker(c))
                len += text_length(c);
        }
        return len;
    }

    // The <article> (or <main>, or role=main) with the most text; the body when there is none.
    static const xmlNode* find_content_root(const xmlNode* root) {
        const xmlNode* best = nullptr;
        std::size_t best_len = 0;
        const xmlNode* body = nullptr;
        std::vector<const xmlNode*> stack{root};
        while (!stack.empty()) {
            const xmlNode* n = stack.back();
            stack.pop_back();
            for (const xmlNode* c = n; c; c = c->next) {
                if (c->type != XML_ELEMENT_NODE) continue;
                const std::string_view name = name_of(c);
                if (name == "body") body = c;
                if (name == "article" || name == "main" || lower(attr(c, "role")) == "main" ||
                    lower(attr(c, "itemprop")) == "articlebody") {
                    const std::size_t len = text_length(c);
                    if (len > best_len) {
                        best = c;
                        best_len = len;
                    }
                }
                if (c->children) stack.push_back(c->children);
            }
        }
        if (best && best_len >= 200) return best;
        return body ? body : root;
    }

    void collect(const xmlNode* n, std::string& out) {
        for (; n; n = n->next) {
            if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
                if (n->content) out += reinterpret_cast<const char*>(n->content);
                continue;
            }
            if (n->type != XML_ELEMENT_NODE) continue;
            const std::string_view name = name_of(n);
            if (is_noise_element(name) || has_noise_marker(n)) continue;
            // The headline is the title, not the first paragraph.
            if (name == "h1") continue;
            const bool block = is_block(name);
            if (block) out += '\n';
            collect(n->children, out);
            if (block) out += '\n';
        }
    }

    static std::string squeeze_lines(const std::string& text) {
        std::string out;
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            std::string line = squeeze(std::string_view(text).substr(start, end - start));
            if (!line.empty()) {
                if (!out.empty()) out += '\n';
                out += line;
            }
            start = end + 1;
        }
        return out;
    }
};

// "Headline | Outlet" or "Headline - Outlet": keep the headline when the rest names the site.
std::string strip_site_suffix(const std::string& title, const std::string& site) {
    for (std::string_view sep : {" | ", " - ", " — ", " – ", " :: "}) {
        auto pos = title.rfind(sep);
        if (pos == std::string::npos || pos == 0) continue;
        std::string tail = title.substr(pos + sep.size());
        if (site.empty() || lower(tail) == lower(site) || tail.size() < title.size() / 3)
            return title.substr(0, pos);
    }
    return title;
}

}  // namespace

Article extract_html(std::string_view html, const std::string& origin) {
    Article a;
    a.origin = origin;
    // libxml2 honours <meta charset>; undeclared pages are taken as UTF-8 and repaired.
    std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(
        html.data(), static_cast<int>(std::min<std::size_t>(html.size(), INT32_MAX)), nullptr, nullptr,
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT));
    if (!doc) return a;
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root) return a;

    HtmlWalker walker;
    walker.read_head(root);
    const PageMeta& m = walker.meta;
    a.title = !m.og_title.empty() ? m.og_title : !m.h1.empty() ? m.h1 : strip_site_suffix(m.title_tag, m.site_name);
    a.author = m.author;
    a.published = m.published;
    a.lang = !m.lang.empty() ? m.lang : m.locale;
    a.url = !m.canonical.empty() ? m.canonical : m.og_url;
    a.source = m.site_name;
    a.body = repair_utf8(walker.main_text(root));
    a.title = repair_utf8(a.title);
    return a;
}

}  // namespace newsdex
