#include "cognates.h"

#include <unicode/unistr.h>

#include <algorithm>

namespace newsdex {
namespace {

struct Correspondence {
    char16_t from;
    std::u16string to;
};

// Where Ukrainian spelling differs regularly from Russian in a shared root: і where Russian has
// о or е in a closed syllable (міст/мост, ніч/ночь), ї/є after vowels and apostrophes (Київ/Киев),
// и for ы and е for э, the apostrophe for ъ.
const std::vector<Correspondence>& to_ukrainian() {
    static const std::vector<Correspondence> map = {
        {u'о', u"і"}, {u'е', u"іїє"}, {u'и', u"ії"}, {u'ы', u"и"}, {u'э', u"е"}, {u'ъ', u"'"},
    };
    return map;
}

const std::vector<Correspondence>& to_russian() {
    static const std::vector<Correspondence> map = {
        {u'і', u"иое"}, {u'ї', u"ие"}, {u'є', u"еэ"}, {u'и', u"ы"}, {u'ґ', u"г"}, {u'е', u"э"}, {u'\'', u"ъ"},
    };
    return map;
}

/// The letters @p c may become, over the maps in use.
std::u16string options_for(char16_t c, const std::vector<const std::vector<Correspondence>*>& maps) {
    std::u16string out;
    for (const auto* map : maps)
        for (const Correspondence& k : *map)
            if (k.from == c)
                for (char16_t t : k.to)
                    if (out.find(t) == std::u16string::npos) out.push_back(t);
    return out;
}

}  // namespace

std::vector<std::string> cognate_spellings(const std::string& word, bool to_uk, bool to_ru) {
    std::vector<const std::vector<Correspondence>*> maps;
    if (to_uk) maps.push_back(&to_ukrainian());
    if (to_ru) maps.push_back(&to_russian());
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
    std::u16string letters(reinterpret_cast<const char16_t*>(u.getBuffer()), static_cast<std::size_t>(u.length()));
    std::vector<std::u16string> options(letters.size());
    for (std::size_t i = 0; i < letters.size(); ++i) options[i] = options_for(letters[i], maps);

    std::vector<std::string> out;
    auto emit = [&](const std::u16string& s) {
        std::string utf8;
        icu::UnicodeString(s.data(), static_cast<int32_t>(s.size())).toUTF8String(utf8);
        if (utf8 != word && std::find(out.begin(), out.end(), utf8) == out.end()) out.push_back(std::move(utf8));
    };
    for (std::size_t i = 0; i < letters.size(); ++i)
        for (char16_t a : options[i]) {
            std::u16string one = letters;
            one[i] = a;
            emit(one);
            for (std::size_t j = i + 1; j < letters.size(); ++j)
                for (char16_t b : options[j]) {
                    std::u16string two = one;
                    two[j] = b;
                    emit(two);
                }
        }
    return out;
}

}  // namespace newsdex
