#include "charset.h"

#include "text_util.h"
#include "extractor.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

namespace newsdex {
namespace {

// The value after "charset=" / "encoding=" at @p pos: quoted or up to a delimiter.
std::string value_after(std::string_view s, std::size_t pos) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '=')) ++pos;
    if (pos < s.size() && (s[pos] == '"' || s[pos] == '\'')) ++pos;
    std::size_t end = pos;
    while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '-' || s[end] == '_' ||
                              s[end] == '.' || s[end] == ':'))
        ++end;
    return ascii_lower(s.substr(pos, end - pos));
}

bool is_valid_utf8(std::string_view data) {
    const auto* s = reinterpret_cast<const uint8_t*>(data.data());
    const auto n = static_cast<int32_t>(std::min<std::size_t>(data.size(), INT32_MAX));
    for (int32_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) return false;
    }
    return true;
}

bool is_utf8_name(std::string_view name) { return name == "utf-8" || name == "utf8" || name == "unicode-1-1-utf-8"; }

// ICU conversion with U+FFFD for every byte sequence the charset does not define.
bool convert(std::string_view data, const std::string& charset, std::string& out) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(charset.c_str(), &status), ucnv_close);
    if (U_FAILURE(status) || !conv) return false;
    icu::UnicodeString text(data.data(), static_cast<int32_t>(std::min<std::size_t>(data.size(), INT32_MAX)),
                            conv.get(), status);
    if (U_FAILURE(status)) return false;
    out.clear();
    text.toUTF8String(out);
    return true;
}

// Cyrillic letters by how often they occur in Russian and Ukrainian prose (most frequent first).
constexpr std::u16string_view kFrequentLetters = u"оеаинтсрвлкмдпуяызьгбчйхжшюцщэфіїєґ";

// How much @p data decoded as @p charset looks like Cyrillic prose: frequent lower-case letters
// score, capitals inside words and pseudo-graphics cost (they are what a wrong guess produces).
double cyrillic_score(std::string_view data, const char* charset) {
    const icu::UnicodeString text(data.data(), static_cast<int32_t>(std::min<std::size_t>(data.size(), 1 << 16)),
                                  charset);
    if (text.isBogus()) return -1e9;
    double score = 0;
    char16_t prev = u' ';
    for (int32_t i = 0; i < text.length(); ++i) {
        const char16_t c = text.charAt(i);
        const bool prev_cyrillic = prev >= 0x0400 && prev <= 0x04FF;
        if (c < 0x80) {
            // Latin letters glued to Cyrillic ones: Latin-1 text read as a Cyrillic code page.
            if (prev_cyrillic && std::isalpha(static_cast<unsigned char>(c))) score -= 3.0;
            prev = c;
            continue;
        }
        if (prev < 0x80 && std::isalpha(static_cast<unsigned char>(prev))) score -= 3.0;
        const auto rank = kFrequentLetters.find(c);
        if (rank != std::u16string_view::npos) {
            score += rank < 10 ? 2.0 : 1.0;
        } else if (c >= 0x0400 && c <= 0x04FF) {
            const bool upper = (c >= 0x0410 && c <= 0x042F) || (c >= 0x0400 && c <= 0x040F);
            score += upper && prev_cyrillic ? -1.0 : 0.2;
        } else {
            score -= 1.5;  // box drawing, Latin-1 symbols, undefined bytes
        }
        prev = c;
    }
    return score;
}

}  // namespace

std::string charset_from_content_type(std::string_view content_type) {
    const std::string ct = ascii_lower(content_type);
    const auto pos = ct.find("charset");
    if (pos == std::string::npos) return {};
    return value_after(ct, pos + 7);
}

std::string declared_charset(std::string_view data) {
    // Declarations live in markup; JSON and plain text (the bulk of dumps) have none to look for.
    if (data.substr(0, 2048).find('<') == std::string_view::npos) return {};
    const std::string head = ascii_lower(data.substr(0, 2048));
    if (head.rfind("<?xml", 0) == 0 || head.rfind("\xef\xbb\xbf<?xml", 0) == 0) {
        const auto end = head.find("?>");
        const auto pos = head.find("encoding");
        if (pos != std::string::npos && pos < end) return value_after(head, pos + 8);
    }
    for (std::size_t pos = head.find("<meta"); pos != std::string::npos; pos = head.find("<meta", pos + 5)) {
        const auto end = head.find('>', pos);
        const std::string_view tag = std::string_view(head).substr(pos, end == std::string::npos ? end : end - pos);
        const auto cs = tag.find("charset");
        if (cs != std::string_view::npos) return value_after(tag, cs + 7);
    }
    return {};
}

std::string detect_charset(std::string_view data) {
    if (is_valid_utf8(data)) return "UTF-8";
    // Undeclared Cyrillic: compare the candidates on letter statistics.
    static constexpr std::array<const char*, 5> kCyrillic{"windows-1251", "KOI8-R", "KOI8-U", "IBM866", "ISO-8859-5"};
    const char* best = nullptr;
    double best_score = 0;
    std::size_t high = 0;
    for (unsigned char c : data.substr(0, 1 << 16)) high += c >= 0x80;
    for (const char* cs : kCyrillic) {
        const double s = cyrillic_score(data, cs);
        // KOI8-U extends KOI8-R; prefer R when they tie (no Ukrainian letters present).
        if (s > best_score + 1e-9) {
            best = cs;
            best_score = s;
        }
    }
    // Scores near 2 per non-ASCII byte mean fluent Cyrillic; anything much lower is something else.
    if (best && best_score >= 0.8 * static_cast<double>(high)) return best;

    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> det(ucsdet_open(&status), ucsdet_close);
    if (U_SUCCESS(status)) {
        ucsdet_setText(det.get(), data.data(), static_cast<int32_t>(std::min<std::size_t>(data.size(), 1 << 16)),
                       &status);
        const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
        if (U_SUCCESS(status) && match) {
            const char* name = ucsdet_getName(match, &status);
            if (U_SUCCESS(status) && name && ucsdet_getConfidence(match, &status) >= 10) return name;
        }
    }
    return best ? best : "windows-1252";
}

Utf8Text to_utf8(std::string_view data, std::string_view declared) {
    using namespace std::string_view_literals;
    Utf8Text result;
    // A byte-order mark is the strongest evidence there is.
    if (data.substr(0, 3) == "\xEF\xBB\xBF"sv) {
        return {repair_utf8(data), "UTF-8"};
    }
    if (data.substr(0, 4) == "\xFF\xFE\0\0"sv && convert(data.substr(4), "UTF-32LE", result.text)) {
        result.charset = "UTF-32LE";
        return result;
    }
    if (data.substr(0, 2) == "\xFF\xFE"sv && convert(data.substr(2), "UTF-16LE", result.text)) {
        result.charset = "UTF-16LE";
        return result;
    }
    if (data.substr(0, 2) == "\xFE\xFF"sv && convert(data.substr(2), "UTF-16BE", result.text)) {
        result.charset = "UTF-16BE";
        return result;
    }
    // Valid UTF-8 is taken as such unless the caller was told UTF-16/32 (see below for why a
    // document's own single-byte declaration does not outweigh it).
    if (declared.empty() && is_valid_utf8(data)) return {std::string(data), "UTF-8"};
    std::string charset = ascii_lower(declared);
    if (charset.empty()) charset = declared_charset(data);
    // Pages often declare Latin-1 while serving UTF-8; valid multi-byte UTF-8 does not happen by
    // chance in single-byte text, so it wins over a single-byte declaration.
    const bool utf16 = charset.rfind("utf-16", 0) == 0 || charset.rfind("utf-32", 0) == 0;
    if (!utf16 && is_valid_utf8(data)) return {std::string(data), "UTF-8"};
    if (!utf16 && is_utf8_name(charset)) return {repair_utf8(data), "UTF-8"};
    if (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii" || charset == "ascii")
        charset = "windows-1252";  // what browsers do, and what such pages really use
    if (!charset.empty() && !is_utf8_name(charset) && convert(data, charset, result.text)) {
        result.charset = charset;
        return result;
    }
    charset = detect_charset(data);
    if (charset != "UTF-8" && convert(data, charset, result.text)) {
        result.charset = charset;
        return result;
    }
    return {repair_utf8(data), "UTF-8"};
}

}  // namespace newsdex
