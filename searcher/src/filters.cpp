#include "filters.h"

#include "newsdex/language.h"
#include "newsdex/schema.h"

#include <unicode/unistr.h>

#include <cctype>

namespace newsdex {
namespace {

constexpr const char* kDateForms = "use YYYY, YYYY-MM or YYYY-MM-DD";

bool all_digits(std::string_view s) {
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return !s.empty();
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

const char* month_name(int month) {
    static constexpr const char* kNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                             "July",    "August",   "September", "October", "November", "December"};
    return kNames[month - 1];
}

// Case-folded (all scripts, not only ASCII as in source keys) and whitespace-collapsed.
std::string folded(std::string_view text) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))).foldCase().toUTF8String(out);
    return schema::source_key(out);
}

// A byte that can continue a word: ASCII letters and digits, and any byte of a non-ASCII letter.
bool word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u);
}

bool names(const std::string& name, const std::string& value) {
    if (value.empty()) return false;
    if (name.compare(0, value.size(), value) == 0) return true;
    for (auto at = name.find(value); at != std::string::npos; at = name.find(value, at + 1)) {
        const bool starts = at == 0 || !word_byte(name[at - 1]) || !word_byte(value.front());
        const std::size_t end = at + value.size();
        const bool ends = end == name.size() || !word_byte(name[end]) || !word_byte(value.back());
        if (starts && ends) return true;
    }
    return false;
}

}  // namespace

std::string date_problem(std::string_view text) {
    const std::string t(text);
    const std::string not_a_date = t + " is not a date (" + kDateForms + ")";
    // The day part: everything before a time.
    std::string_view day = text;
    const bool has_time = text.size() > 10 && (text[10] == 'T' || text[10] == ' ');
    if (has_time) day = text.substr(0, 10);
    const bool shape = (day.size() == 4 || day.size() == 7 || day.size() == 10) && all_digits(day.substr(0, 4)) &&
                       (day.size() < 7 || (day[4] == '-' && all_digits(day.substr(5, 2)))) &&
                       (day.size() < 10 || (day[7] == '-' && all_digits(day.substr(8, 2))));
    if (!shape) return not_a_date;
    const int year = std::stoi(std::string(day.substr(0, 4)));
    if (day.size() >= 7) {
        const int month = std::stoi(std::string(day.substr(5, 2)));
        if (month < 1 || month > 12) return t + " is not a date (month " + std::to_string(month) + ")";
        if (day.size() == 10) {
            const int d = std::stoi(std::string(day.substr(8, 2)));
            const int last = days_in_month(year, month);
            if (d < 1 || d > last)
                return t + " is not a date (" + month_name(month) + " " + std::to_string(year) + " has " +
                       std::to_string(last) + " days)";
        }
    }
    if (has_time) {
        const auto parsed = schema::parse_date(text);
        if (!parsed || parsed->precision < 12) return not_a_date;
    } else if (schema::date_key(text).empty()) {
        return not_a_date;
    }
    return "";
}

std::optional<std::string> language_filter_code(std::string_view value) {
    std::string lower;
    for (char c : value) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "other") return lower;
    const Language lang = language_from_code(lower);
    if (lang == Language::other) return std::nullopt;
    return std::string(language_code(lang));
}

std::vector<std::string> matching_sources(const Xapian::Database& db, std::string_view value) {
    const std::string wanted = folded(value);
    const std::string prefix(schema::kSourcePrefix);
    std::vector<std::string> keys;
    // Source names are few next to articles; reading them all is cheaper than any index of them.
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        std::string key = (*it).substr(prefix.size());
        if (names(folded(key), wanted)) keys.push_back(std::move(key));
    }
    return keys;
}

Xapian::Query filter_query(const SearchOptions& o, const Xapian::Database& db) {
    using Option = OptionError::Option;
    std::vector<Xapian::Query> filters;
    std::string low, high;
    if (!o.since.empty()) {
        if (std::string problem = date_problem(o.since); !problem.empty()) throw OptionError(Option::since, o.since, problem);
        low = schema::date_key(o.since);
    }
    if (!o.until.empty()) {
        if (std::string problem = date_problem(o.until); !problem.empty()) throw OptionError(Option::until, o.until, problem);
        high = schema::date_key_end(o.until);
    }
    if (!low.empty() && !high.empty() && low > high)
        throw OptionError(Option::date_range, o.since, "the range ends (" + o.until + ") before it starts (" + o.since + ")");
    if (!low.empty() && !high.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, low, high);
    else if (!low.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, low);
    else if (!high.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, high);
    if (!o.languages.empty()) {
        std::vector<Xapian::Query> terms;
        for (const auto& v : o.languages) {
            const auto code = language_filter_code(v);
            if (!code)
                throw OptionError(Option::languages, v,
                                  v + " is not a language newsdex tells apart (uk, ru, en, or other for the rest)");
            terms.emplace_back(std::string(schema::kLangPrefix) + *code);
        }
        filters.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    if (!o.sources.empty()) {
        std::vector<Xapian::Query> terms;
        for (const auto& v : o.sources) {
            const auto keys = matching_sources(db, v);
            if (keys.empty()) throw OptionError(Option::sources, v, "no source in this index is named like '" + v + "'");
            for (const auto& key : keys) terms.emplace_back(std::string(schema::kSourcePrefix) + key);
        }
        filters.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    if (filters.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

}  // namespace newsdex
