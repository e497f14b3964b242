// Checks shared by the fuzz targets: what every extractor promises about the articles it returns,
// whatever bytes it was given. A broken promise aborts, which libFuzzer and the replay tests
// report as a failure with the input that caused it.
#pragma once

#include "extractor.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace newsdex::fuzz {

inline bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len;
        std::uint32_t cp;
        if (c < 0x80) { ++i; continue; }
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

[[noreturn]] inline void fail(const char* what, std::string_view value) {
    std::fprintf(stderr, "fuzz check failed: %s (%zu bytes)\n", what, value.size());
    std::abort();
}

/// Article text goes to ICU, to Xapian terms and to `search --json` (nlohmann::json refuses
/// invalid UTF-8), so every field an extractor fills from the input must be valid UTF-8.
inline void check_article(const Article& a, bool check_origin = true) {
    if (!valid_utf8(a.title)) fail("title is not UTF-8", a.title);
    if (!valid_utf8(a.body)) fail("body is not UTF-8", a.body);
    if (!valid_utf8(a.author)) fail("author is not UTF-8", a.author);
    if (!valid_utf8(a.url)) fail("url is not UTF-8", a.url);
    if (!valid_utf8(a.published)) fail("published is not UTF-8", a.published);
    if (!valid_utf8(a.lang)) fail("lang is not UTF-8", a.lang);
    if (!valid_utf8(a.source)) fail("source is not UTF-8", a.source);
    if (a.origin.empty()) fail("article without origin", a.origin);
    if (check_origin && !valid_utf8(a.origin)) fail("origin is not UTF-8", a.origin);
}

inline void check_extraction(const Extraction& e, bool check_origin = true) {
    for (const Article& a : e.articles) check_article(a, check_origin);
    for (const Skipped& s : e.problems)
        if (s.where.empty() || s.reason.empty()) fail("problem without place or reason", s.reason);
}

}  // namespace newsdex::fuzz
