#include "variants.h"

#include <map>
#include <stdexcept>
#include <utility>

namespace newsdex::eval {
namespace {

// Everything a variant states explicitly, so that a built-in keeps its meaning when the
// library defaults move: plain BM25 (Robertson's k1 and b), stems, strict AND, no bonuses, no feedback.
constexpr const char* kNeutral = "scheme:bm25,match:and,min:0.5,long-words:5,fallback:0,k1:1.2,b:0.75,stems:1,exact:0,title:0,prox:0,window:3,every:0,seq:0,seq-near:0,names:1,form:1,cognates:0";

struct Builtin {
    std::string name, settings;  // settings over kNeutral ("" for the library defaults)
    bool standard;               // in the default run
};

const std::vector<Builtin>& builtins() {
    static const std::vector<Builtin> list = {
        {"xapian-snowball", "engine:xapian,stems:1", true},
        {"xapian-plain", "engine:xapian,stems:0", true},
        // issue 11's crude lead prior: the first 50 words indexed twice, BM25 with k1 = 2
        {"xapian-snowball-lead", "engine:xapian,stems:1,peer-lead:50,peer-k1:2", true},
        {"bm25-exact-or", "stems:0,match:or", true},
        {"bm25-exact-and", "stems:0,match:and,fallback:1", false},
        {"before", "k1:1,b:0.5", false},  // the searcher before this work: stems, strict AND, Xapian's BM25 defaults
        {"and+fallback", "fallback:1", false},
        {"or", "match:or", true},
        {"min-0.4", "long:min,min:0.4,fallback:1", false},
        {"min-0.6", "long:min,min:0.6,fallback:1", false},
        {"min-0.75", "long:min,min:0.75,fallback:1", false},
        {"or-k1-0.9-b-0.4", "match:or,k1:0.9,b:0.4", false},
        {"or-k1-1.5-b-0.75", "match:or,k1:1.5,b:0.75", false},
        {"or-k1-1.2-b-0.9", "match:or,k1:1.2,b:0.9", false},
        {"or+exact-0.5", "match:or,exact:0.5", false},
        {"or+title-0.5", "match:or,title:0.5", false},
        {"or+every-0.5", "match:or,every:0.5", false},
        {"long-or+b-0.9+every-0.5", "long:or,fallback:1,b:0.9,every:0.5", false},  // the defaults until 2026-12-02
        // the default from 2026-12-02 until BM25 k1 2, b 0.75 replaced DPH the same day
        {"dph", "scheme:dph,short:and,long:or,long-words:5,fallback:1", false},
        // the default from the afternoon of 2026-12-02: BM25 k1 2, each word as written and as its lemmas
        {"bm25-k1-2", "k1:2,long:or,fallback:1", false},
        {"default", "", true},
    };
    return list;
}

WordMatch parse_match(const std::string& value) {
    if (value == "and" || value == "all") return WordMatch::all;
    if (value == "or" || value == "any") return WordMatch::any;
    if (value == "min" || value == "minimum") return WordMatch::minimum;
    throw std::invalid_argument("unknown match mode \"" + value + "\" (and, or, min)");
}

experimental::Ranking::Weighting parse_weighting(const std::string& value) {
    using W = experimental::Ranking::Weighting;
    if (value == "bm25") return W::bm25;
    if (value == "bm25plus") return W::bm25plus;
    if (value == "dph") return W::dph;
    if (value == "pl2") return W::pl2;
    if (value == "inl2") return W::inl2;
    if (value == "lm") return W::lm;
    throw std::invalid_argument("unknown weighting scheme \"" + value + "\" (bm25, bm25plus, dph, pl2, inl2, lm)");
}

double parse_number(const std::string& key, const std::string& value) {
    try {
        std::size_t used = 0;
        const double v = std::stod(value, &used);
        if (used == value.size() && v >= 0) return v;
    } catch (const std::exception&) {
    }
    throw std::invalid_argument("\"" + key + "\" needs a non-negative number, not \"" + value + "\"");
}

void apply_settings(Variant& v, const std::string& settings) {
    SearchOptions& o = v.options;
    experimental::Ranking& r = v.ranking;
    for_each_setting(settings, [&](const std::string& key, const std::string& value) {
        if (key == "match") o.short_query_match = o.long_query_match = parse_match(value);
        else if (key == "short") o.short_query_match = parse_match(value);
        else if (key == "long") o.long_query_match = parse_match(value);
        else if (key == "min") o.minimum_should_match = parse_number(key, value);
        else if (key == "long-words") o.long_query_words = static_cast<std::size_t>(parse_number(key, value));
        else if (key == "fallback") o.or_fallback = parse_number(key, value) != 0;
        else if (key == "k1") r.bm25_k1 = parse_number(key, value);
        else if (key == "b") r.bm25_b = parse_number(key, value);
        else if (key == "stems") r.use_stems = parse_number(key, value) != 0;
        else if (key == "exact") r.exact_form_bonus = parse_number(key, value);
        else if (key == "title") r.title_bonus = parse_number(key, value);
        else if (key == "prox") r.proximity_bonus = parse_number(key, value);
        else if (key == "every") r.all_words_bonus = parse_number(key, value);
        else if (key == "window") r.proximity_window = static_cast<unsigned>(parse_number(key, value));
        else if (key == "seq") r.sequence_bonus = parse_number(key, value);
        else if (key == "seq-window") r.sequence_window = static_cast<unsigned>(parse_number(key, value));
        else if (key == "seq-near") r.sequence_near_bonus = parse_number(key, value);
        else if (key == "seq-near-window") r.sequence_near_window = static_cast<unsigned>(parse_number(key, value));
        else if (key == "names") r.name_weight = parse_number(key, value);
        else if (key == "form") r.written_form_counts = parse_number(key, value) != 0;
        else if (key == "cognates") o.other_cyrillic = parse_number(key, value) != 0;
        else if (key == "collapse") o.collapse_duplicates = parse_number(key, value) != 0;
        else if (key == "scheme") r.weighting = parse_weighting(value);
        else if (key == "prf") r.feedback_terms = static_cast<std::size_t>(parse_number(key, value));
        else if (key == "prf-docs") r.feedback_documents = static_cast<std::size_t>(parse_number(key, value));
        else if (key == "prf-weight") r.feedback_weight = parse_number(key, value);
        else if (key == "engine") {
            if (value != "newsdex" && value != "xapian") throw std::invalid_argument("unknown engine \"" + value + "\" (newsdex, xapian)");
            v.xapian_peer = value == "xapian";
        }
        else if (key == "peer-lead") v.peer_lead_words = static_cast<std::size_t>(parse_number(key, value));
        else if (key == "peer-k1") v.peer_k1 = parse_number(key, value);
        else throw std::invalid_argument("unknown setting \"" + key + "\"");
    });
}

}  // namespace

void for_each_setting(const std::string& spec,
                      const std::function<void(const std::string& key, const std::string& value)>& on_item) {
    std::size_t start = 0;
    while (start < spec.size()) {
        std::size_t comma = spec.find(',', start);
        if (comma == std::string::npos) comma = spec.size();
        const std::string item = spec.substr(start, comma - start);
        start = comma + 1;
        if (item.empty()) continue;
        const std::size_t colon = item.find(':');
        if (colon == std::string::npos) throw std::invalid_argument("setting \"" + item + "\" is not key:value");
        on_item(item.substr(0, colon), item.substr(colon + 1));
    }
}

Variant parse_variant(const std::string& spec) {
    const std::size_t eq = spec.find('=');
    Variant v;
    v.name = spec.substr(0, eq);
    if (v.name.empty()) throw std::invalid_argument("variant \"" + spec + "\" has no name");
    if (eq != std::string::npos) {
        v.spec = spec.substr(eq + 1);
        apply_settings(v, v.spec);
        return v;
    }
    for (const auto& [name, settings, standard] : builtins()) {
        if (name != v.name) continue;
        if (name != "default") {
            v.spec = settings;
            apply_settings(v, kNeutral);
            apply_settings(v, settings);
        }
        v.options.snippets = false;
        return v;
    }
    throw std::invalid_argument("unknown variant \"" + v.name + "\" (see newsdex-eval list-variants)");
}

std::vector<Variant> standard_variants() {
    std::vector<Variant> list;
    for (const auto& [name, settings, standard] : builtins())
        if (standard) list.push_back(parse_variant(name));
    return list;
}

std::vector<std::string> builtin_variant_names() {
    std::vector<std::string> names;
    for (const auto& [name, settings, standard] : builtins()) names.push_back(name + (settings.empty() ? "" : "  (" + settings + ")"));
    return names;
}

}  // namespace newsdex::eval
