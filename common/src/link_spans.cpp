#include "link_spans.h"

#include <unicode/uchar.h>

namespace newsdex {
namespace {

bool is_email_local(UChar32 c) { return u_isalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool is_domain(UChar32 c) { return u_isalnum(c) || c == '.' || c == '-'; }

// What ends a URL: white space and the brackets and quotes prose puts around one.
bool ends_url(UChar32 c) {
    if (u_isspace(c) || u_iscntrl(c)) return true;
    switch (c) {
    case '<': case '>': case '"': case '(': case ')': case '[': case ']': case '{': case '}':
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E:
        return true;
    default:
        return false;
    }
}

bool is_trailing_punctuation(UChar c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '-';
}

bool starts_with_at(const icu::UnicodeString& text, int32_t at, const char16_t* what) {
    const icu::UnicodeString w(what);
    return text.length() - at >= w.length() && text.caseCompare(at, w.length(), w, 0) == 0;
}

int32_t url_start_at(const icu::UnicodeString& text, int32_t i) {
    if (i > 0 && u_isalnum(text.char32At(i - 1))) return -1;
    for (const char16_t* scheme : {u"https://", u"http://", u"ftp://", u"www."})
        if (starts_with_at(text, i, scheme)) return i;
    return -1;
}

int32_t trim_end(const icu::UnicodeString& text, int32_t start, int32_t end) {
    while (end > start && is_trailing_punctuation(text.charAt(end - 1))) --end;
    return end;
}

}  // namespace

std::vector<LinkSpan> find_link_spans(const icu::UnicodeString& text) {
    std::vector<LinkSpan> spans;
    const int32_t n = text.length();
    for (int32_t i = 0; i < n; ++i) {
        const UChar c = text.charAt(i);
        if ((c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W') && url_start_at(text, i) >= 0) {
            int32_t end = i;
            while (end < n && !ends_url(text.char32At(end))) end = text.moveIndex32(end, 1);
            end = trim_end(text, i, end);
            spans.push_back({i, end});
            i = end;
            continue;
        }
        if (c != '@' || i == 0) continue;
        int32_t start = i;
        while (start > 0 && is_email_local(text.char32At(start - 1))) --start;
        while (start < i && !u_isalnum(text.char32At(start))) ++start;  // no leading dots
        int32_t end = i + 1, dots = 0;
        while (end < n && is_domain(text.char32At(end))) dots += text.charAt(end++) == '.';
        end = trim_end(text, i + 1, end);
        const bool has_dot_inside = text.indexOf(u'.', i + 1) >= 0 && text.indexOf(u'.', i + 1) < end - 1;
        if (start == i || end <= i + 1 || dots == 0 || !has_dot_inside) continue;
        if (!spans.empty() && spans.back().end > start) continue;  // part of a URL already
        spans.push_back({start, end});
        i = end;
    }
    return spans;
}

}  // namespace newsdex
