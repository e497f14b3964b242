// UTF-8 ⇄ UTF-32, for code that edits words letter by letter (typos, one-edit neighbours).
#pragma once

#include <unicode/unistr.h>

#include <string>

namespace newsdex {

inline std::u32string to_u32(const std::string& s) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    std::u32string out;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out += static_cast<char32_t>(u.char32At(i));
    return out;
}

inline std::string to_utf8(const std::u32string& s) {
    icu::UnicodeString u;
    for (char32_t c : s) u.append(static_cast<UChar32>(c));
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace newsdex
