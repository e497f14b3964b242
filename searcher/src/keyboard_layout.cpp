#include "keyboard_layout.h"

#include "query_parser.h"

#include <unicode/unistr.h>

#include <array>
#include <map>
#include <vector>

namespace newsdex {
namespace {

// The keys of the letter rows, in QWERTY order, and what each gives on the Cyrillic layouts.
struct Key {
    char32_t latin, latin_shifted;
    char32_t ukrainian, ukrainian_shifted;
    char32_t russian, russian_shifted;
};

constexpr std::array<Key, 33> kKeys{{
    {U'q', U'Q', U'й', U'Й', U'й', U'Й'}, {U'w', U'W', U'ц', U'Ц', U'ц', U'Ц'}, {U'e', U'E', U'у', U'У', U'у', U'У'},
    {U'r', U'R', U'к', U'К', U'к', U'К'}, {U't', U'T', U'е', U'Е', U'е', U'Е'}, {U'y', U'Y', U'н', U'Н', U'н', U'Н'},
    {U'u', U'U', U'г', U'Г', U'г', U'Г'}, {U'i', U'I', U'ш', U'Ш', U'ш', U'Ш'}, {U'o', U'O', U'щ', U'Щ', U'щ', U'Щ'},
    {U'p', U'P', U'з', U'З', U'з', U'З'}, {U'[', U'{', U'х', U'Х', U'х', U'Х'}, {U']', U'}', U'ї', U'Ї', U'ъ', U'Ъ'},
    {U'a', U'A', U'ф', U'Ф', U'ф', U'Ф'}, {U's', U'S', U'і', U'І', U'ы', U'Ы'}, {U'd', U'D', U'в', U'В', U'в', U'В'},
    {U'f', U'F', U'а', U'А', U'а', U'А'}, {U'g', U'G', U'п', U'П', U'п', U'П'}, {U'h', U'H', U'р', U'Р', U'р', U'Р'},
    {U'j', U'J', U'о', U'О', U'о', U'О'}, {U'k', U'K', U'л', U'Л', U'л', U'Л'}, {U'l', U'L', U'д', U'Д', U'д', U'Д'},
    {U';', 0, U'ж', U'Ж', U'ж', U'Ж'},     {U'\'', 0, U'є', U'Є', U'э', U'Э'},    {U'z', U'Z', U'я', U'Я', U'я', U'Я'},
    {U'x', U'X', U'ч', U'Ч', U'ч', U'Ч'}, {U'c', U'C', U'с', U'С', U'с', U'С'}, {U'v', U'V', U'м', U'М', U'м', U'М'},
    {U'b', U'B', U'и', U'И', U'и', U'И'}, {U'n', U'N', U'т', U'Т', U'т', U'Т'}, {U'm', U'M', U'ь', U'Ь', U'ь', U'Ь'},
    {U',', U'<', U'б', U'Б', U'б', U'Б'}, {U'.', U'>', U'ю', U'Ю', U'ю', U'Ю'}, {U'`', U'~', U'\'', 0, U'ё', U'Ё'},
}};
// Shift+; and Shift+' are ':' and '"', which are query syntax: those keys are taken unshifted only.

std::u32string decode(std::string_view s) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    std::u32string out(static_cast<std::size_t>(text.countChar32()), U'\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = text.toUTF32(reinterpret_cast<UChar32*>(out.data()), static_cast<int32_t>(out.size()), status);
    out.resize(U_FAILURE(status) ? 0 : static_cast<std::size_t>(n));
    return out;
}

std::string encode(const std::u32string& s) {
    std::string out;
    icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(s.data()), static_cast<int32_t>(s.size())).toUTF8String(out);
    return out;
}

bool ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool cyrillic(char32_t c) { return c >= 0x400 && c <= 0x4FF; }

using KeyMap = std::map<char32_t, char32_t>;

KeyMap to_cyrillic_map(CyrillicLayout layout) {
    KeyMap m;
    for (const Key& k : kKeys) {
        const bool uk = layout == CyrillicLayout::ukrainian;
        m[k.latin] = uk ? k.ukrainian : k.russian;
        const char32_t shifted = uk ? k.ukrainian_shifted : k.russian_shifted;
        if (k.latin_shifted && shifted) m[k.latin_shifted] = shifted;
    }
    return m;
}

const KeyMap& to_latin_map() {
    static const KeyMap m = [] {
        KeyMap r;
        for (const Key& k : kKeys) {
            for (char32_t c : {k.ukrainian, k.russian}) r[c] = k.latin;
            if (k.latin_shifted)
                for (char32_t c : {k.ukrainian_shifted, k.russian_shifted})
                    if (c) r[c] = k.latin_shifted;
        }
        r.erase(U'\'');  // the Ukrainian apostrophe is part of words in both directions
        return r;
    }();
    return m;
}

// One space-separated piece of a query, taken apart into the syntax around a word and the word.
struct Piece {
    std::u32string head, word, tail;
};

Piece split_piece(const std::u32string& piece) {
    Piece p;
    std::size_t b = 0, e = piece.size();
    while (b < e && (piece[b] == '-' || piece[b] == '+' || piece[b] == '(' || piece[b] == '"')) ++b;
    // A field name and its colon stay as they are.
    if (const auto colon = piece.find(U':', b); colon != std::u32string::npos && colon < e) {
        std::string name;
        bool ascii = true;
        for (std::size_t i = b; i < colon; ++i) {
            if (piece[i] >= 0x80) ascii = false;
            else name += static_cast<char>(piece[i]);
        }
        if (ascii && is_query_field(name)) {
            b = colon + 1;
            while (b < e && piece[b] == '"') ++b;
        }
    }
    while (e > b && (piece[e - 1] == ')' || piece[e - 1] == '"' || piece[e - 1] == '*')) --e;
    p.head = piece.substr(0, b);
    p.word = piece.substr(b, e - b);
    p.tail = piece.substr(e);
    return p;
}

bool is_operator(const std::u32string& word) {
    static const std::vector<std::u32string> ops{U"AND", U"OR", U"NOT"};
    for (const auto& op : ops)
        if (word == op) return true;
    return word.rfind(U"NEAR", 0) == 0 && word.find_first_not_of(U"NEAR/0123456789") == std::u32string::npos;
}

// Applies @p convert to the word of every piece, keeping spaces and syntax.
template <typename Convert>
std::string each_word(std::string_view query, Convert convert) {
    const std::u32string text = decode(query);
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') {
            out += text[i++];
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n') ++j;
        const Piece p = split_piece(text.substr(i, j - i));
        out += p.head + (is_operator(p.word) ? p.word : convert(p.word)) + p.tail;
        i = j;
    }
    return encode(out);
}

}  // namespace

std::string latin_keys_to_cyrillic(std::string_view query, CyrillicLayout layout) {
    const KeyMap map = to_cyrillic_map(layout);
    return each_word(query, [&](const std::u32string& word) {
        std::u32string out = word;
        for (std::size_t i = 0; i < word.size(); ++i) {
            const char32_t c = word[i];
            const auto it = map.find(c);
            if (it == map.end()) continue;
            if (ascii_letter(c)) {
                out[i] = it->second;
                continue;
            }
            // Punctuation keys: ,.` are letters only between letters (a comma after a word is a
            // comma); [ ] ; ' { } are rarely anything but letters next to one.
            const bool letter_before = i > 0 && ascii_letter(word[i - 1]);
            const bool letter_after = i + 1 < word.size() && ascii_letter(word[i + 1]);
            const bool inner_only = c == ',' || c == '.' || c == '`' || c == '<' || c == '>' || c == '~';
            if (inner_only ? letter_before && letter_after : letter_before || letter_after) out[i] = it->second;
        }
        return out;
    });
}

std::string cyrillic_keys_to_latin(std::string_view query) {
    const KeyMap& map = to_latin_map();
    return each_word(query, [&](const std::u32string& word) {
        std::u32string out = word;
        for (std::size_t i = 0; i < word.size(); ++i)
            if (cyrillic(word[i]))
                if (const auto it = map.find(word[i]); it != map.end()) out[i] = it->second;
        return out;
    });
}

}  // namespace newsdex
