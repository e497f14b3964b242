#include "newsdex/analyzer.h"

#include "newsdex/error.h"

#include "link_spans.h"
#include "mixed_script.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <stdexcept>

namespace newsdex {
namespace {

// Characters people and OCR put inside words where Ukrainian needs an apostrophe (м’ясо, мʼясо,
// м`ясо, м´ясо). Unified before segmentation, because ICU would split at some of them.
bool is_apostrophe_like(UChar c) {
    switch (c) {
    case 0x0027: case 0x2019: case 0x2018: case 0x201B: case 0x02BC:
    case 0x02B9: case 0x0060: case 0x00B4: case 0xFF07:
        return true;
    default:
        return false;
    }
}

bool is_letter_at(const icu::UnicodeString& s, int32_t i) {
    return i >= 0 && i < s.length() && u_isalpha(s.char32At(i));
}

void unify_apostrophes(icu::UnicodeString& s) {
    for (int32_t i = 1; i + 1 < s.length(); ++i) {
        const UChar c = s.charAt(i);
        if (c != 0x0027 && is_apostrophe_like(c) && is_letter_at(s, i - 1) && is_letter_at(s, i + 1))
            s.setCharAt(i, 0x0027);
    }
}

// Stress marks are dropped after NFKC composition, so й (и + U+0306) and ї (і + U+0308) survive.
// ё is folded for Russian; Ukrainian does not use it, so folding it everywhere costs nothing.
void apply_project_rules(icu::UnicodeString& s) {
    icu::UnicodeString out;
    out.getBuffer(s.length());
    out.releaseBuffer(0);
    for (int32_t i = 0; i < s.length(); ++i) {
        UChar c = s.charAt(i);
        switch (c) {
        case 0x0301: case 0x0300: case 0x0341: case 0x0340:
            continue;
        case 0x0451: case 0x0450: c = 0x0435; break;  // ё ѐ → е
        case 0x045D: c = 0x0438; break;               // ѝ → и
        default:
            if (is_apostrophe_like(c)) c = 0x0027;
        }
        out.append(c);
    }
    s = std::move(out);
}

// Only these join the parts of a compound; dashes (– —) separate words.
bool is_hyphen(UChar c) { return c == 0x002D || c == 0x2010 || c == 0x2011; }

// Longer hyphen chains are lists or ranges ("1-2-3-4-5-6"), not one word.
constexpr std::size_t kMaxCompoundParts = 5;

// Letters of the Cyrillic block (U+0400–U+04FF, combining marks U+0483–U+0489 aside) and ASCII.
bool is_basic_cyrillic_or_ascii(const icu::UnicodeString& s) {
    for (int32_t i = 0; i < s.length(); ++i) {
        const UChar c = s.charAt(i);
        if (c >= 0x80 && (c < 0x0400 || c > 0x04FF || (c >= 0x0483 && c <= 0x0489))) return false;
    }
    return true;
}

// The common case of a word all in basic Cyrillic (plus ASCII apostrophes and digits), folded
// straight to UTF-8: the same result as the general path below (the fold is NFKC_Casefold's for
// this range, then the project rules), without building intermediate strings. Returns false,
// writing nothing, for anything else: Latin letters (a mixed-script repair may be due), marks,
// other scripts.
bool fold_single_script(const icu::UnicodeString& s, std::string& out) {
    const int32_t n = s.length();
    const UChar* p = s.getBuffer();
    bool letter = false;
    for (int32_t i = 0; i < n; ++i) {
        const UChar c = p[i];
        if (c >= 0x0400 && c <= 0x04FF && !(c >= 0x0483 && c <= 0x0489)) letter = true;
        else if (!((c >= '0' && c <= '9') || c == '\'')) return false;
    }
    if (!letter) return false;
    out.reserve(static_cast<std::size_t>(n) * 2);
    for (int32_t i = 0; i < n; ++i) {
        UChar32 c = u_foldCase(p[i], U_FOLD_CASE_DEFAULT);
        if (c == 0x0451 || c == 0x0450) c = 0x0435;       // ё ѐ → е
        else if (c == 0x045D) c = 0x0438;                 // ѝ → и
        char buf[4];
        int32_t len = 0;
        U8_APPEND_UNSAFE(buf, len, c);
        out.append(buf, static_cast<std::size_t>(len));
    }
    return true;
}

bool has_alnum(const icu::UnicodeString& s) {
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1))
        if (u_isalnum(s.char32At(i))) return true;
    return false;
}

}  // namespace

struct Analyzer::Impl {
    const icu::Normalizer2* nfkc_casefold = nullptr;
    std::unique_ptr<icu::BreakIterator> words;

    Impl() {
        UErrorCode status = U_ZERO_ERROR;
        nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status)) throw Error(std::string("cannot load ICU's NFKC case folding: ") + u_errorName(status));
        words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) throw Error(std::string("cannot make ICU's word break iterator: ") + u_errorName(status));
    }

    // Case folding and NFKC only matter outside ASCII; most English words take the short path.
    std::string normalize_segment(const icu::UnicodeString& segment) const {
        bool ascii = true;
        for (int32_t i = 0; i < segment.length() && ascii; ++i) ascii = segment.charAt(i) < 0x80;
        std::string result;
        if (ascii) {
            result.reserve(segment.length());
            for (int32_t i = 0; i < segment.length(); ++i) {
                char c = static_cast<char>(segment.charAt(i));
                result += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            }
            return result;
        }
        if (fold_single_script(segment, result)) return result;
        icu::UnicodeString folded;
        if (is_basic_cyrillic_or_ascii(segment)) {
            // NFKC changes nothing in this range and full case folding equals simple folding, so
            // the per-character fold gives NFKC_Casefold's result at a fraction of its cost.
            folded = segment;
            for (int32_t i = 0; i < folded.length(); ++i) folded.setCharAt(i, static_cast<UChar>(u_foldCase(folded.charAt(i), U_FOLD_CASE_DEFAULT)));
        } else {
            UErrorCode status = U_ZERO_ERROR;
            folded = nfkc_casefold->normalize(segment, status);
            if (U_FAILURE(status)) return result;
        }
        apply_project_rules(folded);
        if (!has_alnum(folded)) return result;
        repair_mixed_script(folded);
        folded.toUTF8String(result);
        return result;
    }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;

std::vector<Token> Analyzer::tokenize(std::string_view text, std::uint32_t first_position) const {
    // Decode by hand to keep, for every UTF-16 unit, the byte offset it came from.
    icu::UnicodeString u16;
    std::vector<std::size_t> byte_at;
    byte_at.reserve(text.size() + 1);
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    // UTF-16 never needs more units than UTF-8 has bytes: write into one buffer of that size.
    UChar* units = u16.getBuffer(length + 1);
    int32_t used = 0;
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) c = 0xFFFD;
        // Invisible characters that ICU would treat as word breaks, though they sit inside words.
        if (c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD) continue;
        U16_APPEND_UNSAFE(units, used, c);
        byte_at.push_back(static_cast<std::size_t>(start));
        if (c > 0xFFFF) byte_at.push_back(static_cast<std::size_t>(start));
    }
    u16.releaseBuffer(used);
    byte_at.push_back(text.size());
    unify_apostrophes(u16);

    // Words as ICU sees them, then grouped: e-mail/URL spans and hyphen chains become compounds.
    struct Segment {
        int32_t start, end;
        std::string term;
    };
    std::vector<Segment> segments;
    auto& it = *impl_->words;
    it.setText(u16);
    for (int32_t start = it.first(), end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
        if (it.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
        std::string term = impl_->normalize_segment(u16.tempSubStringBetween(start, end));
        if (!term.empty()) segments.push_back({start, end, std::move(term)});
    }
    const std::vector<LinkSpan> links = find_link_spans(u16);

    std::vector<Token> tokens;
    tokens.reserve(segments.size());
    std::uint32_t position = first_position;
    auto byte = [&](int32_t unit) { return byte_at[static_cast<std::size_t>(unit)]; };
    std::size_t next_link = 0;
    for (std::size_t i = 0; i < segments.size();) {
        while (next_link < links.size() && links[next_link].end <= segments[i].start) ++next_link;
        std::size_t last = i;  // the group is segments[i..last]
        std::string whole;
        if (next_link < links.size() && links[next_link].start <= segments[i].start) {
            while (last + 1 < segments.size() && segments[last + 1].end <= links[next_link].end) ++last;
            icu::UnicodeString folded = u16.tempSubStringBetween(links[next_link].start, links[next_link].end);
            folded.foldCase();
            folded.toUTF8String(whole);
            ++next_link;
        } else {
            while (last + 1 < segments.size() && last + 1 - i < kMaxCompoundParts &&
                   segments[last + 1].start == segments[last].end + 1 && is_hyphen(u16.charAt(segments[last].end)))
                ++last;
            if (last > i) {
                whole = segments[i].term;
                for (std::size_t k = i + 1; k <= last; ++k) whole += "-" + segments[k].term;
            }
        }
        if (last > i) {
            const int32_t end = std::max(segments[last].end, next_link > 0 && links[next_link - 1].start <= segments[i].start
                                                                  ? links[next_link - 1].end : segments[last].end);
            tokens.push_back(Token{std::move(whole), position, byte(segments[i].start), byte(end), TokenKind::compound});
        }
        for (std::size_t k = i; k <= last; ++k)
            tokens.push_back(Token{std::move(segments[k].term), position++, byte(segments[k].start), byte(segments[k].end),
                                   last > i ? TokenKind::part : TokenKind::word});
        i = last + 1;
    }
    return tokens;
}

std::string Analyzer::normalize(std::string_view word) const {
    icu::UnicodeString u16 = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    unify_apostrophes(u16);
    return impl_->normalize_segment(u16);
}

}  // namespace newsdex
