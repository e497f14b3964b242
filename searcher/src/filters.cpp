#include "filters.h"

#include "newsdex/language.h"
#include "newsdex/schema.h"

namespace newsdex {
namespace {

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values, bool normalize_source) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) {
        std::string value = v;
        if (normalize_source) value = schema::source_key(v);
        else if (Language l = language_from_code(v); l != Language::other) value = std::string(language_code(l));
        terms.emplace_back(std::string(prefix) + value);
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Xapian::Query filter_query(const SearchOptions& o) {
    std::vector<Xapian::Query> filters;
    std::string low, high;
    if (!o.since.empty()) {
        low = schema::date_key(o.since);
        if (low.empty()) throw SearchError("--since: not a date: '" + o.since + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    if (!o.until.empty()) {
        high = schema::date_key_end(o.until);
        if (high.empty()) throw SearchError("--until: not a date: '" + o.until + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    if (!low.empty() && !high.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, low, high);
    else if (!low.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, low);
    else if (!high.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, high);
    if (!o.languages.empty()) filters.push_back(any_of(schema::kLangPrefix, o.languages, false));
    if (!o.sources.empty()) filters.push_back(any_of(schema::kSourcePrefix, o.sources, true));
    if (filters.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

}  // namespace newsdex
