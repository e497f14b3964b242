// Plain-text articles: a title line, optional "Key: value" header lines, a blank line, the body.
#include "extractor.h"

#include "text_util.h"
#include <cctype>

namespace newsdex {
namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace

Article extract_text(std::string_view text, const std::string& origin) {
    Article a;
    a.origin = origin;
    std::size_t pos = 0;
    auto next_line = [&]() -> std::string_view {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        return line;
    };
    while (pos < text.size() && a.title.empty()) a.title = trim(next_line());

    // Header lines, if any, follow the title directly.
    while (pos < text.size()) {
        const std::size_t line_start = pos;
        std::string line = trim(next_line());
        if (line.empty()) break;
        auto colon = line.find(':');
        std::string key = colon == std::string::npos ? "" : ascii_lower(trim(line.substr(0, colon)));
        std::string value = colon == std::string::npos ? "" : trim(line.substr(colon + 1));
        if (key == "author" || key == "by") a.author = value;
        else if (key == "date" || key == "published") a.published = value;
        else if (key == "source") a.source = value;
        else if (key == "url" || key == "link") a.url = value;
        else if (key == "language" || key == "lang") a.lang = value;
        else {
            pos = line_start;  // not a header: the body starts here
            break;
        }
    }
    // Paragraphs are separated by blank lines; lines inside a paragraph are joined.
    std::string body, paragraph;
    while (pos < text.size()) {
        std::string line = trim(next_line());
        if (line.empty()) {
            if (!paragraph.empty()) body += (body.empty() ? "" : "\n") + paragraph;
            paragraph.clear();
            continue;
        }
        paragraph += (paragraph.empty() ? "" : " ") + line;
    }
    if (!paragraph.empty()) body += (body.empty() ? "" : "\n") + paragraph;
    a.body = std::move(body);
    return a;
}

}  // namespace newsdex
