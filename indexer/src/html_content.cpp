// Main-text detection by block scoring (docs/ingestion.md, "HTML main text").
//
// The page is cut into text blocks: runs of text and inline elements (a paragraph, a list item, a
// table cell, a <br>-separated div). Each block is judged on its own: long text with few links and
// sentence punctuation is "good" (article prose); link lists, short labels and button text are
// "bad". Every element then has G (good text beneath it) and B (bad text beneath it), and the
// content root is the element with the highest G - B * kBadWeight: an element that is too small
// loses good paragraphs, one that is too large gathers menus, teasers and footers. Within the
// chosen root, subtrees that are not clearly prose and link-heavy blocks are still dropped.
//
// Before scoring, markup that is never text (scripts, styles, controls) is removed, and so are
// boilerplate regions: those whose class or id names a role that is never the article
// (comments, related stories), and page chrome (nav, aside, footer, share bars, sidebars,
// newsletter boxes, ...) unless it holds a large share of the page's prose, because careless
// templates wrap whole articles in such elements too.
#include "html_content.h"

#include "text_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace newsdex {
namespace {

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Subtrees that never hold article text, whatever their attributes say.
bool is_noise_element(std::string_view name) {
    return is_one_of(name, {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
                            "embed", "select", "button", "input", "textarea", "head", "title", "meta", "link",
                            "audio", "video", "map", "dialog"});
}

// Elements that usually hold navigation or asides, but that some sites wrap whole pages in.
bool is_chrome_element(std::string_view name) { return is_one_of(name, {"nav", "aside", "footer", "header", "menu"}); }

// Elements that start a new block of text; everything else flows inside a paragraph.
bool is_block_name(std::string_view name) {
    return is_one_of(name, {"p", "div", "section", "article", "main", "header", "li", "ul", "ol", "dl", "dt",
                            "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote",
                            "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "figure", "figcaption", "address",
                            "form", "fieldset", "center", "body", "html", "details", "summary", "picture"});
}

// Tokens of class/id names that mark boilerplate. A token matches when it starts with a marker
// ("comments", "sharing", "related-links"); markers of three letters or less must match whole.
// Strong markers name blocks that are never the article; weak ones name page regions that
// careless templates also put around the article, so they are removed only when small.
constexpr std::array<std::string_view, 27> kStrongMarkers{
    "disqus", "related", "outbrain", "taboola", "newsletter", "subscribe", "subscription", "cookie", "consent",
    "gdpr", "share", "sharing", "social", "sponsor", "promo", "recommend", "trending", "popular", "paywall",
    "signup", "login", "breadcrumb", "advert", "suggest", "recirc", "readnext", "morestories"};
constexpr std::array<std::string_view, 21> kWeakMarkers{
    "sidebar", "footer", "masthead", "navbar", "nav", "navigation", "menu", "banner", "pagination", "pager",
    "popup", "modal", "toolbar", "widget", "skip", "hidden", "rss", "tags", "ad", "ads", "adv"};
// Markers that win even over a content token: a comment's "content" is still a comment.
constexpr std::array<std::string_view, 7> kNeverContentMarkers{"comment", "reply", "replies", "disqus",
                                                               "outbrain", "taboola", "related"};
// Tokens that say a block is the content even when it also carries another noise marker.
constexpr std::array<std::string_view, 9> kContentMarkers{"article", "content", "story", "entry", "post",
                                                          "body", "text", "main", "prose"};

std::vector<std::string> tokens_of(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            cur += c;
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

bool token_matches(const std::string& token, std::string_view marker) {
    if (marker.size() <= 3) return token == marker;  // "ad" is not "add", "admin" or "adjust"
    return token.compare(0, marker.size(), marker) == 0;
}

enum class Marker { none, weak, strong };

Marker noise_marker(const xmlNode* n) {
    const std::string role = xml_attr(n, "role");
    if (role == "navigation" || role == "complementary" || role == "contentinfo" || role == "banner" ||
        role == "menu" || role == "dialog" || role == "alert")
        return Marker::weak;
    const std::string names = xml_attr(n, "class") + " " + xml_attr(n, "id");
    if (names.size() <= 1) return Marker::none;
    bool never_content = false, strong = false, weak = false, content = false;
    for (const auto& token : tokens_of(names)) {
        for (auto m : kContentMarkers) content = content || token.compare(0, m.size(), m) == 0;
        for (auto m : kNeverContentMarkers) never_content = never_content || token_matches(token, m);
        for (auto m : kStrongMarkers) strong = strong || token_matches(token, m);
        for (auto m : kWeakMarkers) weak = weak || token_matches(token, m);
    }
    // "comment-content" is a comment; "shareable-content" and "content sidebar-layout" are content.
    if (never_content) return Marker::strong;
    if (content) return Marker::none;
    return strong ? Marker::strong : weak ? Marker::weak : Marker::none;
}

bool is_hidden(const xmlNode* n) {
    if (xmlHasProp(n, reinterpret_cast<const xmlChar*>("hidden"))) return true;
    if (xml_attr(n, "aria-hidden") == "true") return true;
    std::string style = xml_attr(n, "style");
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

void remove(xmlNode* n) {
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

// Removes markup that is never text: scripts, styles, controls, comments.
void strip_non_text(xmlNode* n) {
    while (n) {
        xmlNode* next = n->next;
        if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) remove(n);
        else if (n->type == XML_ELEMENT_NODE && is_noise_element(xml_name(n))) remove(n);
        else if (n->type == XML_ELEMENT_NODE) strip_non_text(n->children);
        n = next;
    }
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Collapses whitespace runs (no-break spaces too) to one space, keeping '\n' from <br> as a break.
std::string squeeze(std::string_view s) {
    std::string out;
    char pending = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
        if (c == '\n' && !out.empty()) {
            pending = '\n';
            continue;
        }
        if (std::isspace(c) || nbsp) {
            if (nbsp) ++i;
            if (pending == 0 && !out.empty()) pending = ' ';
            continue;
        }
        if (pending) out += pending;
        pending = 0;
        out += static_cast<char>(c);
    }
    return out;
}

struct Block {
    std::string text;    // squeezed
    std::size_t chars = 0;
    std::size_t link_chars = 0;
};

struct Weight {
    double good = 0;
    double bad = 0;
    // good - bad * bad_weight, each block's share shrunk by depth_decay for every level between
    // the block and this element: what choosing this element as the content root is worth.
    double near = 0;
    int prose_blocks = 0;  // blocks beneath with any good text
};

bool ends_sentence(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '"' || text.back() == '\'' || text.back() == ')'))
        text.remove_suffix(1);
    if (text.empty()) return false;
    const char last = text.back();
    if (last == '.' || last == '!' || last == '?' || last == ':' || last == ';') return true;
    // Closing quotes and the ellipsis are multi-byte.
    for (std::string_view tail : {"\u201D", "\u00BB", "\u2026", "\u3002"})
        if (text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail) return true;
    return false;
}

std::size_t count_commas(std::string_view text) {
    std::size_t n = static_cast<std::size_t>(std::count(text.begin(), text.end(), ','));
    for (std::size_t pos = 0; (pos = text.find("\xEF\xBC\x8C", pos)) != std::string_view::npos; pos += 3) ++n;
    return n;
}

// The text the page's metadata gives for its article (JSON-LD articleBody, og:description),
// squeezed to one line; blocks found in it are article text.
struct Hints {
    std::string text;
    bool contains(const std::string& block) const {
        if (text.empty() || block.size() < kMinHintBlock) return false;
        std::string line = block;
        std::replace(line.begin(), line.end(), '\n', ' ');
        return text.find(line) != std::string::npos;
    }
    // Shorter blocks ("Photo", "Share") occur in any text.
    static constexpr std::size_t kMinHintBlock = 25;
};

// Good and bad characters of one block.
Weight judge(const Block& b, const MainTextParams& p, const Hints& hints) {
    Weight w;
    if (b.chars == 0) return w;
    const double chars = static_cast<double>(b.chars);
    if (hints.contains(b.text)) {
        w.good = chars;
        return w;
    }
    const double link_density = static_cast<double>(b.link_chars) / chars;
    if (link_density > p.link_density) {
        w.bad = chars;
        return w;
    }
    const bool prose = b.chars >= p.short_block || ends_sentence(b.text) || count_commas(b.text) >= 2;
    if (!prose) {
        w.bad = chars;
        return w;
    }
    w.good = chars * (1.0 - link_density);
    w.bad = chars * link_density;
    return w;
}

// Comments and teasers hold one text (sometimes two short paragraphs); article sections more.
constexpr int kRecordProseBlocks = 2;
// Records holding more than this share of the page's prose are the page's content.
constexpr double kRecordKeep = 0.8;

class Scorer {
public:
    Scorer(const MainTextParams& p, const Hints& hints) : p_(p), hints_(hints) {}
    Weight weight_of(const xmlNode* n) const {
        auto it = weights_.find(n);
        return it == weights_.end() ? Weight{} : it->second;
    }

    Weight score(xmlNode* element) {
        Weight total;
        const auto records = page_good_ > 0 && p_.record_penalty > 0 ? record_signatures(element)
                                                                     : std::vector<std::string>{};
        std::vector<const xmlNode*> record_children;
        Block run;
        bool in_run = false;
        auto flush = [&] {
            if (in_run) {
                run.text = squeeze(run.text);
                run.chars = utf8_length(run.text);
                const Weight w = judge(run, p_, hints_);
                total.good += w.good;
                total.bad += w.bad;
                total.near += w.good - w.bad * p_.bad_weight;
                total.prose_blocks += w.good > 0;
            }
            run = Block{};
            in_run = false;
        };
        for (xmlNode* c = element->children; c; c = c->next) {
            if (is_inline(c)) {
                in_run = true;
                append_inline(c, run, false);
            } else if (c->type == XML_ELEMENT_NODE) {
                flush();
                const Weight w = score(c);
                // A record of several paragraphs is a section of the article body, not a comment or teaser.
                if (!records.empty() && w.prose_blocks <= kRecordProseBlocks &&
                    std::find(records.begin(), records.end(), signature(c)) != records.end() && !hinted(c))
                    record_children.push_back(c);
                total.good += w.good;
                total.bad += w.bad;
                total.near += w.near * p_.depth_decay;
                total.prose_blocks += w.prose_blocks;
            }
        }
        flush();
        penalise_records(record_children, total);
        weights_[element] = total;
        return total;
    }

    /// The content root: the element with the highest value under @p n. Nothing inside a
    /// penalised record competes: a comment's text is not the article because its thread is.
    const xmlNode* choose(const xmlNode* n) {
        best_ = nullptr;
        best_value_ = 0;
        visit(n);
        return best_;
    }

    static bool is_inline(const xmlNode* n) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE || n->type == XML_ENTITY_REF_NODE)
            return true;
        if (n->type != XML_ELEMENT_NODE) return false;
        if (is_block_name(xml_name(n))) return false;
        for (const xmlNode* c = n->children; c; c = c->next)
            if (!is_inline(c) && c->type == XML_ELEMENT_NODE) return false;
        return true;
    }

    static void append_inline(const xmlNode* n, Block& b, bool in_link) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (!n->content) return;
            const std::string_view s(reinterpret_cast<const char*>(n->content));
            b.text += s;
            if (in_link) b.link_chars += utf8_length(squeeze(s));
            return;
        }
        if (n->type != XML_ELEMENT_NODE) return;
        const std::string_view name = xml_name(n);
        if (name == "br") {
            b.text += '\n';
            return;
        }
        const bool link = in_link || name == "a";
        for (const xmlNode* c = n->children; c; c = c->next) append_inline(c, b, link);
    }

    double value_of(const xmlNode* n) const { return weight_of(n).near; }

    /// Turns on the repeated-record penalty, measured against the prose of the whole page.
    void set_page_good(double good) { page_good_ = good; }

    // Moves record_penalty of the records' prose to boilerplate, group by group (one signature),
    // unless the group holds most of the page's prose: a page made only of records (a list of
    // features, a front page) has nothing else that could be its content.
    void penalise_records(const std::vector<const xmlNode*>& records, Weight& total) {
        std::unordered_map<std::string, double> group_good;
        for (const xmlNode* r : records) group_good[signature(r)] += weights_[r].good;
        for (const xmlNode* r : records) {
            if (group_good[signature(r)] >= kRecordKeep * page_good_) continue;
            Weight& w = weights_[r];
            const double moved = w.good * p_.record_penalty;
            const double near_before = w.near;
            w.good -= moved;
            w.bad += moved;
            w.near -= moved * (1 + p_.bad_weight);
            total.good -= moved;
            total.bad += moved;
            total.near += (w.near - near_before) * p_.depth_decay;
            penalised_.insert(r);
        }
    }

    // Repeated records: three or more siblings of the same tag and class, each a compound of
    // several blocks with a link among them: comments (name, text, "Reply"), teasers (linked
    // headline, summary), feed items. An article's paragraphs repeat too, but as single blocks.
    static std::string signature(const xmlNode* n) { return std::string(xml_name(n)) + "." + xml_attr(n, "class"); }
    static bool compound_with_link(const xmlNode* n) {
        int blocks = 0;
        for (const xmlNode* c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && !is_inline(c)) ++blocks;
        return blocks >= 2 && has_link(n);
    }
    static bool has_link(const xmlNode* n) {
        for (const xmlNode* c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && (xml_name(c) == "a" || has_link(c))) return true;
        return false;
    }
    static std::vector<std::string> record_signatures(const xmlNode* element) {
        std::unordered_map<std::string, int> count;
        for (const xmlNode* c = element->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && compound_with_link(c)) ++count[signature(c)];
        std::vector<std::string> out;
        for (const auto& [sig, n] : count)
            if (n >= 3) out.push_back(sig);
        return out;
    }
    // A record that holds text the page's metadata gives as the article is the article.
    bool hinted(const xmlNode* n) const {
        if (hints_.text.empty()) return false;
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE && c->content) {
                const std::string t = squeeze(reinterpret_cast<const char*>(c->content));
                if (hints_.contains(t)) return true;
            } else if (c->type == XML_ELEMENT_NODE && hinted(c)) {
                return true;
            }
        }
        return false;
    }

private:
    const MainTextParams& p_;
    const Hints& hints_;
    double page_good_ = 0;
    void visit(const xmlNode* n) {
        if (n->type != XML_ELEMENT_NODE) return;
        if (const double value = value_of(n); value > best_value_) {
            best_value_ = value;
            best_ = n;
        }
        if (penalised_.count(n)) return;
        for (const xmlNode* c = n->children; c; c = c->next) visit(c);
    }

    const xmlNode* best_ = nullptr;
    double best_value_ = 0;
    std::unordered_set<const xmlNode*> penalised_;
    std::unordered_map<const xmlNode*, Weight> weights_;
};

// Removes boilerplate regions: strongly marked ones unless they hold most of the page's prose, page chrome (nav, aside, footer,
// weakly marked or hidden blocks) only when it holds a small share of the page's prose, because
// some templates put the whole article inside a "sidebar-layout" div or a hidden-until-loaded one.
void prune_boilerplate(xmlNode* n, const Scorer& scorer, const MainTextParams& p, double page_good,
                       bool in_article = false) {
    while (n) {
        xmlNode* next = n->next;
        if (n->type == XML_ELEMENT_NODE) {
            const std::string_view name = xml_name(n);
            const bool structural = name == "html" || name == "body" || name == "main" || name == "article";
            const Marker marker = structural ? Marker::none : noise_marker(n);
            // An article's own <header> holds its headline and standfirst, not site navigation.
            const bool own_header = in_article && name == "header";
            const bool chrome = marker == Marker::weak || (is_chrome_element(name) && !own_header) || is_hidden(n);
            const double good = scorer.weight_of(n).good;
            if ((marker == Marker::strong && good < p.strong_keep * page_good) || (chrome && good < p.weak_keep * page_good))
                remove(n);
            else
                prune_boilerplate(n->children, scorer, p, page_good, in_article || name == "article" || name == "main");
        }
        n = next;
    }
}

// Writes the kept blocks of the content root, one per line.
void emit(const xmlNode* element, const Scorer& scorer, const MainTextParams& p, const Hints& hints,
          std::string& out) {
    // The child holding the most prose is the article's own continuation; its siblings have to
    // show more prose than boilerplate by a margin to stay (teaser lists come close to even).
    const xmlNode* main_child = nullptr;
    double main_good = 0;
    for (const xmlNode* c = element->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const double good = scorer.weight_of(c).good;
        if (good > main_good) {
            main_good = good;
            main_child = c;
        }
    }
    Block run;
    bool in_run = false;
    auto flush = [&] {
        if (in_run) {
            run.text = squeeze(run.text);
            run.chars = utf8_length(run.text);
            const bool link_list = run.chars > 0 &&
                                   static_cast<double>(run.link_chars) > p.link_density * static_cast<double>(run.chars) &&
                                   !hints.contains(run.text);
            if (run.chars > 0 && !link_list) {
                if (!out.empty()) out += '\n';
                out += run.text;
            }
        }
        run = Block{};
        in_run = false;
    };
    for (const xmlNode* c = element->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xml_name(c) == "br") {
            // In <br>-separated text each line is judged alone, so "<< Back to the list" goes.
            flush();
        } else if (Scorer::is_inline(c)) {
            in_run = true;
            Scorer::append_inline(c, run, false);
        } else if (c->type == XML_ELEMENT_NODE) {
            flush();
            if (xml_name(c) == "h1") continue;
            const Weight w = scorer.weight_of(c);
            if (w.good < (c == main_child ? p.main_child_ratio : p.sibling_ratio) * w.bad) continue;
            emit(c, scorer, p, hints, out);
        }
    }
    flush();
}

// Tag markup stripped from an articleBody that carries HTML, whitespace squeezed to one line.
std::string plain_line(std::string_view s) {
    std::string out;
    bool in_tag = false;
    for (char c : s) {
        if (c == '<') in_tag = true;
        else if (c == '>' && in_tag) {
            in_tag = false;
            out += ' ';
        } else if (!in_tag) out += c;
    }
    out = squeeze(out);
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
}

void collect_json_ld_bodies(const nlohmann::json& j, std::string& out) {
    if (j.is_array()) {
        for (const auto& item : j) collect_json_ld_bodies(item, out);
    } else if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            if (key == "articleBody" && value.is_string()) {
                out += plain_line(value.get<std::string>());
                out += '\n';
            } else if (value.is_object() || value.is_array()) {
                collect_json_ld_bodies(value, out);
            }
        }
    }
}

// What the page's metadata says its article text is: JSON-LD articleBody (sometimes the whole
// article, sometimes its first paragraphs) and the og:/meta description (the standfirst).
void collect_hints(const xmlNode* n, Hints& hints) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        const std::string_view name = xml_name(n);
        if (name == "script" && ascii_lower(xml_attr(n, "type")) == "application/ld+json") {
            xmlChar* content = xmlNodeGetContent(n);
            if (content) {
                const auto j = nlohmann::json::parse(reinterpret_cast<const char*>(content), nullptr, false);
                xmlFree(content);
                if (!j.is_discarded()) collect_json_ld_bodies(j, hints.text);
            }
            continue;
        }
        if (name == "meta") {
            const std::string key = ascii_lower(xml_attr(n, "property").empty() ? xml_attr(n, "name") : xml_attr(n, "property"));
            if (key == "og:description" || key == "description" || key == "twitter:description")
                hints.text += plain_line(xml_attr(n, "content")) + "\n";
            continue;
        }
        collect_hints(n->children, hints);
    }
}

bool has_token(const std::string& value, std::string_view token) {
    for (const auto& t : tokens_of(ascii_lower(value)))
        if (t == token) return true;
    return false;
}

// The element the page itself names as its article: itemprop=articleBody, else the <article>
// holding the most prose. Several candidates (a feed of <article> teasers) are scored alike.
const xmlNode* markup_root(const xmlNode* n, const Scorer& scorer, const xmlNode* best = nullptr) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        const bool candidate = xml_name(n) == "article" || has_token(xml_attr(n, "itemprop"), "articlebody");
        if (candidate && scorer.weight_of(n).good > 0 && (!best || scorer.value_of(n) > scorer.value_of(best))) best = n;
        best = markup_root(n->children, scorer, best);
    }
    return best;
}

}  // namespace

std::string html_main_text(xmlNode* root, const MainTextParams& params) {
    if (!root) return {};
    Hints hints;
    if (params.metadata_hints) collect_hints(root, hints);
    strip_non_text(root);
    double page_good = 0;
    {
        Scorer before(params, hints);
        const Weight page = before.score(root);
        page_good = page.good;
        prune_boilerplate(root, before, params, page.good);
    }
    Scorer scorer(params, hints);
    scorer.set_page_good(page_good);
    scorer.score(root);
    const xmlNode* best = scorer.choose(root);
    const xmlNode* content = best ? best : root;
    // Markup is cross-checked against density: an <article> that is one teaser among many, or an
    // articleBody holding only the first paragraphs, scores far below the density root.
    if (const xmlNode* marked = markup_root(root, scorer); marked && marked != content &&
                                                          scorer.value_of(marked) >= params.markup_share * scorer.value_of(content))
        content = marked;
    std::string out;
    const xmlNode* parent = content->parent;
    if (params.join_share > 1 || !parent || parent->type != XML_ELEMENT_NODE) {
        emit(content, scorer, params, hints, out);
        return out;
    }
    // The root's siblings that are prose in their own right join it, in page order: a standfirst
    // in the header above the body, a last paragraph after an inline advert, a second column.
    // Their parent lost to the root only because other siblings (teasers, comments) outweigh them.
    const double root_good = scorer.weight_of(content).good;
    for (const xmlNode* c = parent->children; c; c = c->next) {
        if (c == content) {
            emit(content, scorer, params, hints, out);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || xml_name(c) == "h1") continue;
        const Weight w = scorer.weight_of(c);
        if (w.good >= params.join_share * root_good && w.good >= params.sibling_ratio * w.bad && w.good > 0)
            emit(c, scorer, params, hints, out);
    }
    return out;
}

}  // namespace newsdex
