#include "extractor.h"

#include "charset.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

namespace newsdex {
namespace {

bool has_extension(std::string_view path, std::string_view ext) {
    if (path.size() < ext.size()) return false;
    auto tail = path.substr(path.size() - ext.size());
    return std::equal(tail.begin(), tail.end(), ext.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

bool contains_ci(std::string_view hay, std::string_view needle) {
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != hay.end();
}

}  // namespace

ContentKind sniff_content(std::string_view data, std::string_view path) {
    std::string_view head = data.substr(0, 4096);
    if (looks_like_warc(head)) return ContentKind::warc;  // its records hold binary payloads too
    if (head.find('\0') != std::string_view::npos) {
        // UTF-16 text has NULs too; only a BOM tells it apart here (issue: legacy encodings).
        return ContentKind::binary;
    }
    std::size_t control = 0;
    for (unsigned char c : head) control += (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f');
    if (control * 20 > head.size()) return ContentKind::binary;

    std::size_t i = 0;
    if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
    const char first = i < head.size() ? head[i] : '\0';
    if (first == '{' || first == '[') return ContentKind::json;
    if (first == '<') {
        if (looks_like_feed(head) && !contains_ci(head, "<html")) return ContentKind::feed;
        if (contains_ci(head, "<html") || contains_ci(head, "<!doctype html") || contains_ci(head, "<body") ||
            contains_ci(head, "<head") || contains_ci(head, "<p>") || contains_ci(head, "<div") ||
            contains_ci(head, "<article") || has_extension(path, ".html") || has_extension(path, ".htm"))
            return ContentKind::html;
    }
    if (has_extension(path, ".html") || has_extension(path, ".htm")) return ContentKind::html;
    // Other XML (sitemaps, NewsML, office files' parts) is markup, not an article.
    if (head.substr(i, 5) == "<?xml") return ContentKind::binary;
    return ContentKind::text;
}

std::string repair_utf8(std::string_view data) {
    if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
    std::string out;
    out.reserve(data.size());
    const auto* s = reinterpret_cast<const uint8_t*>(data.data());
    const auto n = static_cast<int32_t>(std::min<std::size_t>(data.size(), INT32_MAX));
    // Valid stretches are copied whole; this runs over every byte of every dump.
    int32_t run_start = 0;
    for (int32_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c >= 0) continue;
        out.append(data.substr(static_cast<std::size_t>(run_start), static_cast<std::size_t>(start - run_start)));
        out += "\xEF\xBF\xBD";
        run_start = i;
    }
    out.append(data.substr(static_cast<std::size_t>(run_start)));
    return out;
}

bool has_utf16_or_32_bom(std::string_view data) {
    using namespace std::string_view_literals;
    return data.substr(0, 2) == "\xFF\xFE"sv || data.substr(0, 2) == "\xFE\xFF"sv;
}

Extraction extract_articles(const Member& member, const JsonFields& json_fields) {
    // UTF-16 and UTF-32 files are full of NUL bytes; they are sniffed after conversion.
    if (has_utf16_or_32_bom(member.data)) {
        Member converted{member.path, to_utf8(member.data).text, member.first_line, member.position};
        if (!has_utf16_or_32_bom(converted.data)) return extract_articles(converted, json_fields);
    }
    Extraction result;
    switch (sniff_content(member.data, member.path)) {
    case ContentKind::json: {
        Member utf8{member.path, to_utf8(member.data).text, member.first_line, member.position};
        Extraction json = extract_json(utf8, json_fields);
        // "[Update] Council meets..." is a text article that happens to start with a bracket.
        const bool nothing_parsed =
            json.articles.empty() && !json.problems.empty() &&
            std::all_of(json.problems.begin(), json.problems.end(),
                        [](const Skipped& p) { return p.reason == "invalid JSON"; });
        if (!nothing_parsed) return json;
        result.articles.push_back(extract_text(utf8.data, member.path));
        break;
    }
    case ContentKind::html:
        result.articles.push_back(extract_html(member.data, member.path));
        break;
    case ContentKind::feed:
        return extract_feed(member);
    case ContentKind::warc:
        return extract_warc(member);
    case ContentKind::text:
        result.articles.push_back(extract_text(to_utf8(member.data).text, member.path));
        break;
    case ContentKind::binary:
        result.problems.push_back({member.path, "unsupported format", "binary data, or XML that is not a feed"});
        return result;
    }
    return result;
}

}  // namespace newsdex
