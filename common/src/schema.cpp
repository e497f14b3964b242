#include "newsdex/schema.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <memory>

#include <arpa/inet.h>
#include <unicode/uidna.h>
#include <uriparser/Uri.h>

namespace newsdex::schema {

std::uint64_t stable_hash(std::string_view s, std::uint64_t h) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string id_term(std::string_view id) {
    constexpr std::size_t kMaxIdBytes = 200;
    std::string term(kIdPrefix);
    if (id.size() <= kMaxIdBytes) return term.append(id);
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(stable_hash(id)));
    return term.append(id.substr(0, kMaxIdBytes - 17)).append("#").append(hash);
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// UTS #46 processing, shared by every thread (a UIDNA is immutable once opened).
const UIDNA* idna() {
    static const UIDNA* const instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        UIDNA* p = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE, &status);
        return U_SUCCESS(status) ? p : nullptr;
    }();
    return instance;
}

}  // namespace

std::string url_host(std::string_view url) {
    // uriparser reads RFC 3986 URIs, which hold no raw non-ASCII bytes or spaces: escape them the
    // way a browser does before it sends the URL; an IDN host comes back by unescaping.
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string ascii;
    ascii.reserve(url.size());
    for (std::size_t i = 0; i < url.size(); ++i) {
        const auto c = static_cast<unsigned char>(url[i]);
        const bool stray_percent =
            c == '%' && !(i + 2 < url.size() && hex_value(url[i + 1]) >= 0 && hex_value(url[i + 2]) >= 0);
        if (c >= 0x80 || c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
            c == '{' || c == '|' || c == '}' || stray_percent) {
            ascii += '%';
            ascii += kHex[c >> 4];
            ascii += kHex[c & 15];
        } else {
            ascii += static_cast<char>(c);
        }
    }
    UriUriA uri;
    const char* error = nullptr;
    if (uriParseSingleUriA(&uri, ascii.c_str(), &error) != URI_SUCCESS) return {};
    std::unique_ptr<UriUriA, void (*)(UriUriA*)> guard(&uri, uriFreeUriMembersA);
    if (uri.scheme.first == nullptr || uri.hostText.first == nullptr || uri.hostText.first == uri.hostText.afterLast)
        return {};
    if (uri.hostData.ip6 != nullptr) {
        // One spelling per address (RFC 5952: lower case, longest zero run as ::), in brackets.
        char text[INET6_ADDRSTRLEN];
        if (inet_ntop(AF_INET6, uri.hostData.ip6->data, text, sizeof text) == nullptr) return {};
        // Appended, not "[" + std::string(text) + "]": GCC 12 at -O3 warns falsely (-Wrestrict,
        // its bug 105329) on that expression, which fails a Release build with NEWSDEX_WERROR.
        std::string bracketed = "[";
        bracketed += text;
        bracketed += ']';
        return bracketed;
    }
    const std::string_view raw(uri.hostText.first, static_cast<std::size_t>(uri.hostText.afterLast - uri.hostText.first));
    if (uri.hostData.ipFuture.first != nullptr) {
        std::string host = "[";
        for (char c : raw) host += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return host + "]";
    }
    std::string host;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size() && hex_value(raw[i + 1]) >= 0 && hex_value(raw[i + 2]) >= 0) {
            host += static_cast<char>(hex_value(raw[i + 1]) * 16 + hex_value(raw[i + 2]));
            i += 2;
        } else {
            host += raw[i];
        }
    }
    while (!host.empty() && host.back() == '.') host.pop_back();  // the root's dot: the same host
    if (host.empty()) return {};
    // IDN hosts are stored in Unicode (кирилиця.укр, not xn--...): readable in `delve`, and the
    // searcher's site: filter passes through here too, so either spelling finds the same term.
    // UTS #46 also maps case and full-width forms. A host it rejects keeps its bytes, lower-cased.
    std::string unicode(host.size() * 4 + 16, '\0');
    UErrorCode status = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t n = 0;
    if (const UIDNA* p = idna())
        n = uidna_nameToUnicodeUTF8(p, host.data(), static_cast<int32_t>(host.size()), unicode.data(),
                                    static_cast<int32_t>(unicode.size()), &info, &status);
    if (idna() != nullptr && U_SUCCESS(status) && info.errors == 0 && n > 0) {
        unicode.resize(static_cast<std::size_t>(n));
        host = std::move(unicode);
    } else {
        for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    return host;
}

std::string source_key(std::string_view source) {
    std::string key;
    bool space = false;
    for (unsigned char c : source) {
        if (std::isspace(c)) {
            space = !key.empty();
            continue;
        }
        if (space) key += ' ';
        space = false;
        key += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    }
    return key;
}

namespace {

// Document data is read for every hit shown, so it is a plain length-prefixed record rather
// than JSON: fields in a fixed order, each a varint byte length and the bytes.
constexpr char kDataFormat = '\x01';

void put_field(std::string& out, const std::string& field) {
    std::size_t n = field.size();
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7F) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
    out += field;
}

bool get_field(std::string_view& in, std::string& field) {
    std::size_t n = 0;
    for (int shift = 0;; shift += 7) {
        if (in.empty() || shift > 35) return false;
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        n |= static_cast<std::size_t>(byte & 0x7F) << shift;
        if (!(byte & 0x80)) break;
    }
    if (n > in.size()) return false;
    field.assign(in.substr(0, n));
    in.remove_prefix(n);
    return true;
}

template <typename A>
auto article_fields(A& a) {
    return std::array{&a.id, &a.url, &a.title, &a.author, &a.published, &a.lang, &a.source, &a.origin, &a.body};
}

}  // namespace

std::string encode_article(const Article& a) {
    std::string out(1, kDataFormat);
    std::size_t size = 1;
    for (const std::string* f : article_fields(a)) size += f->size() + 5;
    out.reserve(size);
    for (const std::string* f : article_fields(a)) put_field(out, *f);
    return out;
}

Article decode_article(std::string_view data) {
    Article a;
    if (data.empty() || data.front() != kDataFormat) return a;
    data.remove_prefix(1);
    for (std::string* f : article_fields(a))
        if (!get_field(data, *f)) return a;
    return a;
}

std::string lemma_key(Language lang, std::string_view form, LemmaKeys keys) {
    if (keys == LemmaKeys::compact) return std::string("L") + language_code(lang).front() + ":" + std::string(form);
    return "newsdex.lemma." + std::string(language_code(lang)) + ":" + std::string(form);
}

std::string forms_key(std::string_view lemma, LemmaKeys keys) {
    return (keys == LemmaKeys::compact ? "F:" : "newsdex.forms:") + std::string(lemma);
}

namespace {
// lemma_row's compact lines: the count byte is printable ASCII, never the newline between lines.
constexpr unsigned char kStripBase = 0x20;
constexpr unsigned char kWhole = 0x7F;
constexpr std::size_t kMaxStrip = kWhole - 1 - kStripBase;
}  // namespace

std::string lemma_row(std::string_view word, const std::vector<std::string>& items, LemmaKeys keys) {
    if (keys == LemmaKeys::verbose) return join_lines(items);
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out.push_back('\n');
        std::size_t shared = 0;
        while (shared < word.size() && shared < item.size() && word[shared] == item[shared]) ++shared;
        const std::size_t strip = word.size() - shared;
        if (strip > kMaxStrip) {
            out.push_back(static_cast<char>(kWhole));
            out.append(item);
        } else {
            out.push_back(static_cast<char>(kStripBase + strip));
            out.append(item, shared, std::string::npos);
        }
    }
    return out;
}

std::vector<std::string> lemma_row_items(std::string_view word, std::string_view value, LemmaKeys keys) {
    std::vector<std::string> items = split_lines(value);
    if (keys == LemmaKeys::verbose) return items;
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const std::string& line : items) {
        const auto code = static_cast<unsigned char>(line.front());  // split_lines gives no empty line
        if (code == kWhole) {
            out.push_back(line.substr(1));
        } else if (code >= kStripBase && static_cast<std::size_t>(code - kStripBase) <= word.size()) {
            const std::size_t strip = static_cast<std::size_t>(code - kStripBase);
            out.push_back(std::string(word.substr(0, word.size() - strip)) + line.substr(1));
        }
        // Anything else is not a row this code wrote: skipped, as a missing row would be.
    }
    return out;
}

std::string suffix_rules_key(Language lang) { return "newsdex.suffixes." + std::string(language_code(lang)); }

std::string join_lines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += '\n';
        out += item;
    }
    return out;
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        if (nl != 0) out.emplace_back(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return out;
}

}  // namespace newsdex::schema
