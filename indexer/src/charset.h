// Turning bytes in whatever encoding a page or file came in into valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

/// The charset a document declares about itself in its first bytes: <meta charset>,
/// <meta http-equiv="Content-Type" content="...; charset=...">, or <?xml ... encoding="..."?>.
/// Lower-case, or "" when there is none.
std::string declared_charset(std::string_view data);

/// The charset parameter of a Content-Type header value ("text/html; charset=KOI8-R"), or "".
std::string charset_from_content_type(std::string_view content_type);

/// The charset guessed for undeclared bytes: "UTF-8" when they are valid UTF-8, else the best of
/// ICU's detector and a Cyrillic letter-statistics check (which tells windows-1251, KOI8-R,
/// KOI8-U, CP866 and ISO-8859-5 apart, where ICU's detector knows only some of them).
std::string detect_charset(std::string_view data);

struct Utf8Text {
    std::string text;     ///< valid UTF-8, BOM removed
    std::string charset;  ///< what it was converted from
};

/// Converts @p data to UTF-8. Order of trust: a byte-order mark, then @p declared (e.g. from an
/// HTTP header), then the document's own declaration, then detection. Bytes that are invalid in
/// the chosen charset become U+FFFD; nothing is dropped.
Utf8Text to_utf8(std::string_view data, std::string_view declared = {});

}  // namespace newsdex
