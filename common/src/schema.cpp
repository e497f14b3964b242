#include "newsdex/schema.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>

namespace newsdex::schema {
namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

}  // namespace

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

std::string date_key(std::string_view iso) {
    // Accepts YYYY, YYYY-MM, YYYY-MM-DD, then optional [T ]hh:mm[:ss]; a time zone is ignored.
    std::string key;
    auto take = [&](std::size_t pos, std::size_t len, int lo, int hi) -> bool {
        if (iso.size() < pos + len) return false;
        std::string_view part = iso.substr(pos, len);
        if (!all_digits(part)) return false;
        int v = std::stoi(std::string(part));
        if (v < lo || v > hi) return false;
        key.append(part);
        return true;
    };
    if (!take(0, 4, 1000, 2999)) return {};
    if (iso.size() > 4 && iso[4] == '-' && take(5, 2, 1, 12)) {
        if (iso.size() > 7 && iso[7] == '-' && take(8, 2, 1, 31)) {
            if (iso.size() > 10 && (iso[10] == 'T' || iso[10] == ' ') && take(11, 2, 0, 23) && iso.size() > 13 &&
                iso[13] == ':' && take(14, 2, 0, 59)) {
                if (!(iso.size() > 16 && iso[16] == ':' && take(17, 2, 0, 60))) key.append("00");
            }
        }
    }
    key.resize(14, '0');
    // A year or month alone stands for its first day, not for day 00.
    if (key.compare(4, 2, "00") == 0) key.replace(4, 2, "01");
    if (key.compare(6, 2, "00") == 0) key.replace(6, 2, "01");
    return key;
}

std::string date_key_end(std::string_view iso) {
    const std::string key = date_key(iso);
    if (key.empty()) return key;
    const auto digits = static_cast<std::size_t>(std::count_if(iso.begin(), iso.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
    if (digits <= 4) return key.substr(0, 4) + "1231235959";
    if (digits <= 6) return key.substr(0, 6) + "31235959";
    if (digits <= 8) return key.substr(0, 8) + "235959";
    if (digits <= 12) return key.substr(0, 12) + "59";
    return key;
}

std::string url_host(std::string_view url) {
    auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    std::string_view rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
    rest = rest.substr(0, rest.find(':'));
    std::string host;
    for (char c : rest) host += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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

std::string lemma_key(Language lang, std::string_view form) {
    return "newsdex.lemma." + std::string(language_code(lang)) + ":" + std::string(form);
}

std::string forms_key(std::string_view lemma) { return "newsdex.forms:" + std::string(lemma); }

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
