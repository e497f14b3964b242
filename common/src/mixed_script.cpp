#include "mixed_script.h"

#include <unicode/uchar.h>

namespace newsdex {
namespace {

// Lower-case look-alikes, after case folding. Some only look alike in capitals (B/В, H/Н, M/М,
// T/Т), which is where OCR confuses them; folding has already lost the case.
struct LookAlike {
    UChar latin;
    UChar cyrillic;
};
constexpr LookAlike kLookAlikes[] = {
    {u'a', u'а'}, {u'b', u'в'}, {u'c', u'с'}, {u'e', u'е'}, {u'h', u'н'}, {u'i', u'і'}, {u'j', u'ј'},
    {u'k', u'к'}, {u'm', u'м'}, {u'o', u'о'}, {u'p', u'р'}, {u's', u'ѕ'}, {u't', u'т'}, {u'x', u'х'},
    {u'y', u'у'},
};

UChar cyrillic_for(UChar latin) {
    for (const auto& l : kLookAlikes)
        if (l.latin == latin) return l.cyrillic;
    return 0;
}

UChar latin_for(UChar cyrillic) {
    for (const auto& l : kLookAlikes)
        if (l.cyrillic == cyrillic) return l.latin;
    return 0;
}

bool is_cyrillic(UChar c) { return c >= 0x0400 && c <= 0x04FF; }
bool is_latin(UChar c) { return (c >= u'a' && c <= u'z') || (c >= 0xC0 && c <= 0x24F && u_isalpha(c)); }

}  // namespace

// Latin vowels with a stress mark that people type into Cyrillic words for stress (зáмок with
// U+00E1): NFKC composes them, so the analyzer's removal of combining marks never sees them.
UChar unstressed_latin(UChar c) {
    switch (c) {
    case 0x00E1: case 0x00E0: return u'a';
    case 0x00E9: case 0x00E8: return u'e';
    case 0x00ED: case 0x00EC: return u'i';
    case 0x00F3: case 0x00F2: return u'o';
    case 0x00FD: case 0x1EF3: return u'y';
    default: return 0;
    }
}

void repair_mixed_script(icu::UnicodeString& word) {
    bool has_cyrillic = false;
    for (int32_t i = 0; i < word.length() && !has_cyrillic; ++i) has_cyrillic = is_cyrillic(word.charAt(i));
    if (!has_cyrillic) return;
    for (int32_t i = 0; i < word.length(); ++i)
        if (const UChar base = unstressed_latin(word.charAt(i))) word.setCharAt(i, base);
    int cyrillic = 0, latin = 0, cyrillic_unique = 0, latin_unique = 0;
    for (int32_t i = 0; i < word.length(); ++i) {
        const UChar c = word.charAt(i);
        if (is_cyrillic(c)) {
            ++cyrillic;
            cyrillic_unique += latin_for(c) == 0;
        } else if (is_latin(c)) {
            ++latin;
            latin_unique += cyrillic_for(c) == 0;
        }
    }
    if (cyrillic == 0 || latin == 0) return;
    bool to_cyrillic = latin_unique == 0 && (cyrillic_unique > 0 || cyrillic >= latin);
    bool to_latin = !to_cyrillic && cyrillic_unique == 0 && (latin_unique > 0 || latin > cyrillic);
    if (!to_cyrillic && !to_latin) return;
    for (int32_t i = 0; i < word.length(); ++i) {
        const UChar c = word.charAt(i);
        if (to_cyrillic && is_latin(c)) word.setCharAt(i, cyrillic_for(c));
        else if (to_latin && is_cyrillic(c)) word.setCharAt(i, latin_for(c));
    }
}

}  // namespace newsdex
