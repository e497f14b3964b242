// RSS 2.0 and Atom feeds: one article per <item> or <entry>, with its link and date. Item bodies
// are usually HTML fragments; they go through the HTML text extraction.
#include "charset.h"
#include "text_util.h"
#include "extractor.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

namespace newsdex {
namespace {

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string_view local_name(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

std::string content_of(const xmlNode* n) {
    xmlChar* c = xmlNodeGetContent(n);
    if (!c) return {};
    std::string s(reinterpret_cast<const char*>(c));
    xmlFree(c);
    return s;
}

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// An HTML fragment (or plain text, which parses the same) as paragraphs of text.
std::string fragment_text(const std::string& html) {
    return extract_html("<html><body><article>" + html + "</article></body></html>", "", "utf-8").body;
}

// Serialised children of an Atom type="xhtml" element.
std::string inner_markup(xmlNode* n) {
    std::string out;
    for (xmlNode* c = n->children; c; c = c->next) {
        xmlBufferPtr buf = xmlBufferCreate();
        xmlNodeDump(buf, n->doc, c, 0, 0);
        out.append(reinterpret_cast<const char*>(xmlBufferContent(buf)), static_cast<std::size_t>(xmlBufferLength(buf)));
        xmlBufferFree(buf);
    }
    return out;
}

Article read_entry(xmlNode* entry, const std::string& feed_title, const std::string& where) {
    Article a;
    a.origin = where;
    a.source = feed_title;
    std::string summary, content;
    for (xmlNode* c = entry->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const std::string_view name = local_name(c);
        if (name == "title") a.title = trim(content_of(c));
        else if (name == "link") {
            // RSS: <link>url</link>; Atom: <link rel="alternate" href="url"/>.
            const std::string href = xml_attr(c, "href");
            const std::string rel = xml_attr(c, "rel");
            if (!href.empty() && (rel.empty() || rel == "alternate") && a.url.empty()) a.url = trim(href);
            else if (href.empty() && a.url.empty()) a.url = trim(content_of(c));
        } else if (name == "pubDate" || name == "published" || (name == "date" && a.published.empty()) ||
                   (name == "updated" && a.published.empty()))
            a.published = to_iso_date(trim(content_of(c)));
        else if (name == "author" || name == "creator") {
            std::string who;
            for (xmlNode* g = c->children; g; g = g->next)
                if (g->type == XML_ELEMENT_NODE && local_name(g) == "name") who = content_of(g);
            if (who.empty()) who = content_of(c);
            if (a.author.empty()) a.author = trim(who);
        } else if (name == "encoded" || name == "content") {
            content = xml_attr(c, "type") == "xhtml" ? inner_markup(c) : content_of(c);
        } else if (name == "description" || name == "summary") {
            summary = content_of(c);
        } else if (name == "language") {
            a.lang = trim(content_of(c));
        }
    }
    a.body = fragment_text(!content.empty() ? content : summary);
    return a;
}

}  // namespace

bool looks_like_feed(std::string_view data) {
    const std::string_view head = data.substr(0, 2048);
    return head.find("<rss") != std::string_view::npos || head.find("<feed") != std::string_view::npos ||
           head.find("<rdf:RDF") != std::string_view::npos;
}

Extraction extract_feed(const Member& member) {
    Extraction out;
    const Utf8Text utf8 = to_utf8(member.data);
    // No entity expansion and no network: feeds come from anywhere.
    std::unique_ptr<xmlDoc, DocFree> doc(xmlReadMemory(
        utf8.text.data(), static_cast<int>(std::min<std::size_t>(utf8.text.size(), INT32_MAX)), nullptr, "UTF-8",
        XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC |
            XML_PARSE_NOCDATA));
    xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root) {
        out.problems.push_back({member.path, "corrupt feed", "not well-formed XML"});
        return out;
    }
    std::string feed_title, feed_lang;
    std::vector<xmlNode*> entries;
    // RSS nests items in <channel> (RSS 1.0 puts them beside it); Atom puts entries in <feed>.
    std::vector<xmlNode*> containers{root};
    for (xmlNode* c = root->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && local_name(c) == "channel") containers.push_back(c);
    for (xmlNode* container : containers) {
        for (xmlNode* c = container->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            const std::string_view name = local_name(c);
            if (name == "item" || name == "entry") entries.push_back(c);
            else if (name == "title" && feed_title.empty()) feed_title = trim(content_of(c));
            else if (name == "language" && feed_lang.empty()) feed_lang = trim(content_of(c));
        }
    }
    if (feed_lang.empty()) feed_lang = xml_attr(root, "lang");  // xml:lang on <feed>
    for (std::size_t i = 0; i < entries.size(); ++i) {
        Article a = read_entry(entries[i], feed_title, member.path + "#" + std::to_string(i + 1));
        if (a.lang.empty()) a.lang = feed_lang;
        if (a.title.empty() && a.body.empty()) {
            out.problems.push_back({a.origin, "empty text", "feed item without title or text"});
            continue;
        }
        out.articles.push_back(std::move(a));
    }
    if (entries.empty()) out.problems.push_back({member.path, "empty text", "feed without items"});
    return out;
}

}  // namespace newsdex
