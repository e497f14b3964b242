// HTML pages: metadata from <head> and JSON-LD, main text from the article's content blocks, with
// navigation, scripts, comments and related-article blocks left out. Parsed by libxml2's HTML
// parser, which copes with the broken markup real pages have.
#include "charset.h"
#include "text_util.h"
#include "extractor.h"
#include "html_content.h"

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

struct PageMeta {
    std::string title_tag, og_title, h1, author, published, lang, canonical, og_url, site_name, locale;
    std::string byline;  ///< from the page body, when no metadata names the author
};

bool is_url(std::string_view s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("/", 0) == 0; }

// An element that names the article's author: rel=author, itemprop=author, or a class/id word
// "author"/"byline" (not "author-bio", "authors-list" and the like, which hold more than a name).
bool is_byline(const xmlNode* n) {
    if (ascii_lower(xml_attr(n, "rel")) == "author" || ascii_lower(xml_attr(n, "itemprop")) == "author") return true;
    const std::string names = ascii_lower(xml_attr(n, "class") + " " + xml_attr(n, "id"));
    std::string token;
    auto matches = [](const std::string& t) {
        return t == "author" || t == "byline" || t == "author-name" || t == "byline-name" || t == "byline__name" ||
               t == "article-author" || t == "post-author" || t == "entry-author" || t == "author_name";
    };
    for (char c : names + " ") {
        if (c == ' ') {
            if (matches(token)) return true;
            token.clear();
        } else {
            token += c;
        }
    }
    return false;
}

// The byline's text without the "By" that introduces it; "" when it is too long to be a name.
std::string byline_text(const xmlNode* n) {
    std::string t = text_of(n);
    for (std::string_view by : {"by ", "By ", "BY ", "Par ", "par ", "Von ", "von ", "Автор: ", "Автор "})
        if (t.rfind(by, 0) == 0) {
            t = t.substr(by.size());
            break;
        }
    if (t.size() < 3 || t.size() > 120) return {};
    return t;
}

class HtmlWalker {
public:
    PageMeta meta;

    void read_head(const xmlNode* n) {
        for (; n; n = n->next) {
            if (n->type != XML_ELEMENT_NODE) continue;
            const std::string_view name = xml_name(n);
            if (name == "html" && meta.lang.empty()) meta.lang = xml_attr(n, "lang");
            if (name == "title" && meta.title_tag.empty()) meta.title_tag = text_of(n);
            if (name == "h1" && meta.h1.empty()) meta.h1 = text_of(n);
            if (name == "meta") read_meta(n);
            if (name == "link" && ascii_lower(xml_attr(n, "rel")) == "canonical" && meta.canonical.empty())
                meta.canonical = xml_attr(n, "href");
            if (name == "script" && ascii_lower(xml_attr(n, "type")) == "application/ld+json") read_json_ld(text_of_raw(n));
            if (meta.byline.empty() && is_byline(n)) meta.byline = byline_text(n);
            read_head(n->children);
        }
    }

private:
    void read_meta(const xmlNode* n) {
        const std::string key = ascii_lower(xml_attr(n, "property").empty() ? xml_attr(n, "name") : xml_attr(n, "property"));
        const std::string value = squeeze(xml_attr(n, "content"));
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
};

// "Headline | Outlet" or "Headline - Outlet": keep the headline when the rest names the site.
std::string strip_site_suffix(const std::string& title, const std::string& site) {
    for (std::string_view sep : {" | ", " - ", " — ", " – ", " :: "}) {
        auto pos = title.rfind(sep);
        if (pos == std::string::npos || pos == 0) continue;
        std::string tail = title.substr(pos + sep.size());
        if (site.empty() || ascii_lower(tail) == ascii_lower(site) || tail.size() < title.size() / 3)
            return title.substr(0, pos);
    }
    return title;
}

}  // namespace

Article extract_html(std::string_view html, const std::string& origin, std::string_view declared_charset) {
    Article a;
    a.origin = origin;
    // Decoded here rather than by libxml2, which knows neither detection nor the HTTP header.
    const Utf8Text utf8 = to_utf8(html, declared_charset);
    std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(
        utf8.text.data(), static_cast<int>(std::min<std::size_t>(utf8.text.size(), INT32_MAX)), nullptr, "UTF-8",
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT |
            HTML_PARSE_IGNORE_ENC));
    if (!doc) return a;
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root) return a;

    HtmlWalker walker;
    walker.read_head(root);
    const PageMeta& m = walker.meta;
    // A metadata title may still carry " - Site"; it is cut only when it names the site exactly.
    std::string og_title = m.og_title;
    if (!og_title.empty() && !m.site_name.empty()) {
        const std::string stripped = strip_site_suffix(og_title, m.site_name);
        if (stripped != og_title && ascii_lower(og_title.substr(stripped.size())).find(ascii_lower(m.site_name)) != std::string::npos)
            og_title = stripped;
    }
    a.title = !og_title.empty() ? og_title : !m.h1.empty() ? m.h1 : strip_site_suffix(m.title_tag, m.site_name);
    // Metadata authors are sometimes profile URLs; a byline in the page then names the person.
    a.author = !m.author.empty() && !is_url(m.author) ? m.author : m.byline;
    a.published = m.published;
    a.lang = !m.lang.empty() ? m.lang : m.locale;
    a.url = !m.canonical.empty() ? m.canonical : m.og_url;
    a.source = m.site_name;
    a.body = repair_utf8(html_main_text(xmlDocGetRootElement(doc.get())));
    a.title = repair_utf8(a.title);
    return a;
}

}  // namespace newsdex
