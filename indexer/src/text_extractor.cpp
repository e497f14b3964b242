// Plain-text articles: a title line, optional "Key: value" header lines, a blank line, the body.
// Pages saved from the web as text keep their navigation above the headline (a language switcher
// "ua en ru", a menu "Головна | Новини | Спорт", a breadcrumb): such lines are passed over, and
// the title is the first line that reads like a headline.
#include "extractor.h"

#include "text_util.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cctype>
#include <vector>

namespace newsdex {
namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

// Characters that separate the items of a menu or a breadcrumb.
bool menu_separator(UChar32 c) {
    switch (c) {
        case '|': case '/': case '>': case '\\': case 0x00A6 /* ¦ */: case 0x00B7 /* · */: case 0x00BB /* » */:
        case 0x2022 /* • */: case 0x2023: case 0x203A /* › */: case 0x2192 /* → */: case 0x25B8: case 0x25BA:
        case 0x25AA: case 0x25E6: case 0x22C5: case 0x2219:
            return true;
        default:
            return false;
    }
}

struct Token {
    int letters = 0;
    int length = 0;  ///< code points
    bool capital = false;  ///< starts with an upper-case letter
};

// True for a line that is page chrome rather than a headline: no letters, mostly separators, a
// menu or breadcrumb of short items, a language switcher, one word alone, or two or three short
// capitalised words with nothing between them (a menu without separators).
bool navigation_line(std::string_view line) {
    int letters = 0, digits = 0, others = 0;
    std::vector<Token> tokens;
    std::vector<int> item_words{0};  // words per separator-delimited item
    bool in_token = false;
    for (int32_t i = 0; i < static_cast<int32_t>(line.size());) {
        UChar32 c = 0;
        U8_NEXT(line.data(), i, static_cast<int32_t>(line.size()), c);
        if (c < 0) c = 0xFFFD;
        if (u_isUWhiteSpace(c)) {
            in_token = false;
            continue;
        }
        if (menu_separator(c)) {
            ++others;
            in_token = false;
            item_words.push_back(0);
            continue;
        }
        const bool letter = u_isalpha(c) != 0;
        if (letter) ++letters;
        else if (u_isdigit(c)) ++digits;
        else ++others;
        if (!in_token) {
            tokens.push_back({});
            tokens.back().capital = letter && u_isupper(c);
            ++item_words.back();
            in_token = true;
        }
        tokens.back().length += 1;
        if (letter) tokens.back().letters += 1;
    }
    if (letters == 0) return true;                  // "* * *", "12:30", "----"
    if (others > letters + digits) return true;     // mostly separators
    std::vector<int> items;
    for (int w : item_words)
        if (w > 0) items.push_back(w);
    if (items.size() >= 2) {
        bool short_items = true;
        for (int w : items) short_items = short_items && w <= 3;
        if (items.size() >= 3 && short_items) return true;                    // "Головна | Новини | Спорт"
        if (items.size() == 2 && items[0] == 1 && items[1] == 1) return true;  // "UA | EN", "Новини / Спорт"
    }
    int words = 0;
    bool all_tiny = true, all_short_capital = true;
    for (const Token& t : tokens) {
        if (t.letters == 0) continue;
        ++words;
        all_tiny = all_tiny && t.length <= 3;
        all_short_capital = all_short_capital && t.capital && t.length <= 10;
    }
    if (words <= 1) return true;                                   // "Меню", "Новини"
    if (words <= 3 && (all_tiny || all_short_capital)) return true;  // "ua en ru", "Sign In"
    return false;
}

// True for a "Key: value" line of the header that follows the title.
bool header_key(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    const std::string key = ascii_lower(trim(line.substr(0, colon)));
    return key == "author" || key == "by" || key == "date" || key == "published" || key == "source" || key == "url" ||
           key == "link" || key == "language" || key == "lang";
}

// How many leading lines are looked at for a headline before giving up and taking the first.
constexpr std::size_t kTitleSearchLines = 12;

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
    // The title: the first line among the first few that is not page chrome, or the line right
    // above "Key: value" header lines whatever it looks like (they follow the title); when every
    // line looked at is chrome, the first line (a text of menus only still gets a title).
    {
        struct Line {
            std::string text;
            std::size_t start, end;
        };
        std::vector<Line> seen;
        const std::size_t begin = pos;
        while (pos < text.size() && seen.size() < kTitleSearchLines) {
            const std::size_t start = pos;
            std::string line = trim(next_line());
            if (line.empty()) continue;
            if (!seen.empty() && header_key(line)) {
                a.title = seen.back().text;
                pos = start;
                break;
            }
            seen.push_back({std::move(line), start, pos});
            if (!navigation_line(seen.back().text)) {
                a.title = seen.back().text;
                break;
            }
        }
        if (a.title.empty() && !seen.empty()) {
            a.title = seen.front().text;
            pos = seen.front().end;
        } else if (a.title.empty()) {
            pos = begin;
        }
    }

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
