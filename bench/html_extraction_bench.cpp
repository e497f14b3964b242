// Measures HTML main-text extraction on pages with a known answer.
//
// Usage: html_extraction_bench <pages-dir> [<pages-dir> ...] [--verbose] [--smoke]
//
// Each <pages-dir> holds expected.json, mapping "<name>.html" to {"with": [passages...],
// "expected_main_html": "<path of the reference main content, relative to the dir>"}.
//
// Two shares are printed, over all pages together:
//   found     = expected passages ("with") present in the extracted text, out of all expected passages;
//   excluded  = boilerplate passages absent from the extracted text, out of all boilerplate passages.
// A boilerplate passage is a text block of the source page (the text of an element that holds no
// block-level element, or a <br>-separated piece of one, at least kMinPassage characters after
// whitespace normalisation, outside <script>/<style>/<head>) whose text does not occur anywhere in the reference main content.
// Comparisons are made after collapsing whitespace (no-break spaces included) to single spaces.
#include "charset.h"
#include "extractor.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMinPassage = 40;

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string normalise(std::string_view s) {
    std::string out;
    // Line-break markers only matter to add_passages; elsewhere they are whitespace.
    bool space = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x01 || nbsp) {
            if (nbsp) ++i;
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    return out;
}

bool is_block_name(std::string_view n) {
    static const char* const names[] = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                        "blockquote", "pre", "table", "tr", "td", "th", "section", "article",
                                        "header", "footer", "nav", "aside", "main", "figure", "figcaption",
                                        "form", "dl", "dd", "dt", "address", "body", "html"};
    for (const char* b : names)
        if (n == b) return true;
    return false;
}

bool skipped_subtree(std::string_view n) {
    return n == "script" || n == "style" || n == "head" || n == "noscript" || n == "template" || n == "svg";
}

std::string_view name_of(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

bool has_block_child(const xmlNode* n) {
    for (const xmlNode* c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && (is_block_name(name_of(c)) || has_block_child(c))) return true;
    return false;
}

void inline_text(const xmlNode* n, std::string& out) {
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) out += reinterpret_cast<const char*>(n->content);
        else if (n->type == XML_ELEMENT_NODE && !skipped_subtree(name_of(n))) {
            if (name_of(n) == "br") out += '\x01';  // a line break separates passages
            inline_text(n->children, out);
        }
    }
}

// The passages of one text run: its <br>-separated pieces that are long enough.
void add_passages(const std::string& run, std::vector<std::string>& blocks) {
    std::size_t start = 0;
    while (start <= run.size()) {
        const std::size_t end = std::min(run.find('\x01', start), run.size());
        std::string t = normalise(std::string_view(run).substr(start, end - start));
        if (t.size() >= kMinPassage) blocks.push_back(std::move(t));
        start = end + 1;
    }
}

// Text blocks: elements without block children; loose text runs in mixed elements count as one block.
void collect_blocks(const xmlNode* n, std::vector<std::string>& blocks) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (skipped_subtree(name_of(n))) continue;
        if (!has_block_child(n)) {
            std::string t;
            inline_text(n->children, t);
            add_passages(t, blocks);
            continue;
        }
        std::string loose;
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE && c->content) loose += reinterpret_cast<const char*>(c->content);
            else if (c->type == XML_ELEMENT_NODE && name_of(c) == "br")
                loose += '\x01';
            else if (c->type == XML_ELEMENT_NODE && !is_block_name(name_of(c)) && !has_block_child(c) &&
                     !skipped_subtree(name_of(c)))
                inline_text(c->children, loose);
            else {
                add_passages(loose, blocks);
                loose.clear();
            }
        }
        add_passages(loose, blocks);
        collect_blocks(n->children, blocks);
    }
}

xmlDoc* parse(const std::string& html) {
    const std::string utf8 = newsdex::to_utf8(html).text;
    return htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
                          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                              HTML_PARSE_IGNORE_ENC);
}

std::vector<std::string> blocks_of(const std::string& html) {
    std::vector<std::string> blocks;
    if (xmlDoc* doc = parse(html)) {
        collect_blocks(xmlDocGetRootElement(doc), blocks);
        xmlFreeDoc(doc);
    }
    return blocks;
}

std::string all_text_of(const std::string& html) {
    std::string out;
    for (auto& b : [&] {
             std::vector<std::string> v;
             if (xmlDoc* doc = parse(html)) {
                 std::string t;
                 inline_text(xmlDocGetRootElement(doc), t);
                 v.push_back(t);
                 xmlFreeDoc(doc);
             }
             return v;
         }())
        out += b;
    return normalise(out);
}

struct Totals {
    std::size_t expected = 0, found = 0, boilerplate = 0, excluded = 0, pages = 0;
    std::size_t titles = 0, titles_ok = 0, bylines = 0, bylines_ok = 0;
    double seconds = 0;
    std::uint64_t bytes = 0;
};

void run_dir(const fs::path& dir, bool verbose, bool smoke, Totals& t) {
    const auto manifest_path = dir / "expected.json";
    if (!fs::exists(manifest_path)) {
        std::cerr << "no expected.json in " << dir << "\n";
        return;
    }
    const auto manifest = nlohmann::json::parse(read_all(manifest_path));
    for (const auto& [name, entry] : manifest.items()) {
        const std::string html = read_all(dir / (entry.contains("file") ? entry["file"].get<std::string>()
                                                                         : "readability/" + name));
        if (html.empty()) {
            std::cerr << "cannot read page " << name << " in " << dir << "\n";
            continue;
        }
        const auto start = std::chrono::steady_clock::now();
        const newsdex::Article a = newsdex::extract_html(html, name);
        t.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        t.bytes += html.size();
        ++t.pages;
        const std::string got = normalise(a.body);

        std::size_t page_expected = 0, page_found = 0, page_boiler = 0, page_excluded = 0;
        for (const auto& p : entry.value("with", nlohmann::json::array())) {
            ++page_expected;
            if (got.find(normalise(p.get<std::string>())) != std::string::npos) ++page_found;
            else if (verbose) std::cout << "  missing: " << p.get<std::string>() << "\n";
        }
        // Metadata: the title must equal the reference (after normalisation) or be contained in it
        // (references sometimes keep the " - Site" suffix); the byline must share its text.
        if (entry.contains("title") && entry["title"].is_string() && !entry["title"].get<std::string>().empty()) {
            ++t.titles;
            const std::string want = normalise(entry["title"].get<std::string>()), have = normalise(a.title);
            if (!have.empty() && (want == have || want.find(have) != std::string::npos)) ++t.titles_ok;
            else if (verbose) std::cout << "  title: \"" << have << "\" expected \"" << want << "\"\n";
        }
        if (entry.contains("byline") && entry["byline"].is_string() && !entry["byline"].get<std::string>().empty()) {
            ++t.bylines;
            const std::string want = normalise(entry["byline"].get<std::string>()), have = normalise(a.author);
            if (!have.empty() && (want.find(have) != std::string::npos || have.find(want) != std::string::npos)) ++t.bylines_ok;
            else if (verbose) std::cout << "  author: \"" << have << "\" expected \"" << want << "\"\n";
        }
        if (entry.contains("expected_main_html")) {
            const std::string reference = all_text_of(read_all(dir / entry["expected_main_html"].get<std::string>()));
            for (const auto& block : blocks_of(html)) {
                if (reference.find(block) != std::string::npos) continue;
                ++page_boiler;
                if (got.find(block) == std::string::npos) ++page_excluded;
                else if (verbose) std::cout << "  kept boilerplate: " << block.substr(0, 100) << "\n";
            }
        }
        if (verbose)
            std::cout << name << ": found " << page_found << "/" << page_expected << ", excluded " << page_excluded
                      << "/" << page_boiler << ", title \"" << a.title << "\"\n";
        t.expected += page_expected;
        t.found += page_found;
        t.boilerplate += page_boiler;
        t.excluded += page_excluded;
        if (smoke) return;
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<fs::path> dirs;
    bool verbose = false, smoke = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--verbose") verbose = true;
        else if (arg == "--smoke") smoke = true;
        else dirs.emplace_back(arg);
    }
    if (dirs.empty()) {
        std::cerr << "usage: html_extraction_bench <pages-dir>... [--verbose] [--smoke]\n";
        return 2;
    }
    Totals t;
    for (const auto& d : dirs) run_dir(d, verbose, smoke, t);
    if (t.pages == 0) {
        std::cerr << "no pages measured\n";
        return 1;
    }
    auto pct = [](std::size_t a, std::size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 100.0; };
    std::printf("pages: %zu\n", t.pages);
    std::printf("found:    %.1f%% (%zu of %zu expected passages)\n", pct(t.found, t.expected), t.found, t.expected);
    std::printf("excluded: %.1f%% (%zu of %zu boilerplate passages)\n", pct(t.excluded, t.boilerplate), t.excluded,
                t.boilerplate);
    std::printf("title:    %.1f%% (%zu of %zu pages with a reference title)\n", pct(t.titles_ok, t.titles), t.titles_ok,
                t.titles);
    std::printf("author:   %.1f%% (%zu of %zu pages with a reference byline)\n", pct(t.bylines_ok, t.bylines),
                t.bylines_ok, t.bylines);
    std::printf("speed:    %.1f MB/s of HTML\n", t.seconds > 0 ? static_cast<double>(t.bytes) / 1e6 / t.seconds : 0.0);
    return 0;
}
