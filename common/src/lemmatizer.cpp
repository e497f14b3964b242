#include "newsdex/lemmatizer.h"

#include "hunspell_dictionary.h"
#include "newsdex/paradigm.h"
#include "newsdex/stemmer.h"

#include <algorithm>
#include <array>
#include <utility>
#include <unordered_map>

namespace newsdex {

struct RuleLemmatizer::Impl {
    Stemmer stemmer;
};

RuleLemmatizer::RuleLemmatizer() : impl_(std::make_unique<Impl>()) {}
RuleLemmatizer::~RuleLemmatizer() = default;

std::string RuleLemmatizer::stem(std::string_view term, Language lang) const { return impl_->stemmer.stem(term, lang); }

namespace {

// Lets the per-writer cache be searched by a string_view: most tokens are forms seen before, and
// a std::string key built for each lookup was a measurable share of the analysis.
struct FormHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

std::size_t slot(Language lang) { return static_cast<std::size_t>(lang); }

// Whether two words differ only where one has ґ and the other г.
bool differs_in_g_only(std::string_view a, std::string_view b) {
    auto fold = [](std::string_view w) {
        std::string out(w);
        for (std::size_t at = out.find("ґ"); at != std::string::npos; at = out.find("ґ", at)) out.replace(at, 2, "г");
        return out;
    };
    return a != b && fold(a) == fold(b);
}

}  // namespace

SharedLemmaCache::Stripe& SharedLemmaCache::stripe(Language lang, std::string_view form, std::string& key) const {
    key.reserve(form.size() + 1);
    key.push_back(static_cast<char>('0' + static_cast<int>(lang)));
    key.append(form);
    return stripes_[std::hash<std::string>{}(key) % kStripes];
}

const Lemmas* SharedLemmaCache::find(Language lang, std::string_view form) const {
    std::string key;
    Stripe& s = stripe(lang, form, key);
    std::lock_guard lock(s.mutex);
    const auto it = s.lemmas.find(key);
    return it == s.lemmas.end() ? nullptr : &it->second;
}

const Lemmas& SharedLemmaCache::insert(Language lang, std::string_view form, Lemmas lemmas) {
    std::string key;
    Stripe& s = stripe(lang, form, key);
    std::lock_guard lock(s.mutex);
    return s.lemmas.emplace(std::move(key), std::move(lemmas)).first->second;
}

std::size_t SharedLemmaCache::size() const {
    std::size_t n = 0;
    for (const Stripe& s : stripes_) {
        std::lock_guard lock(s.mutex);
        n += s.lemmas.size();
    }
    return n;
}

struct Lemmatizer::Impl {
    std::string dictionary_dir;
    bool use_dictionaries;
    RuleLemmatizer rules;
    // Indexed by Language; loaded on first use so an English-only run never pays for Hunspell.
    std::array<std::unique_ptr<HunspellDictionary>, 4> dictionaries;
    std::array<std::unordered_map<std::string, Lemmas, FormHash, std::equal_to<>>, 4> cache;
    std::vector<Entry> new_entries;
    StoredLookup stored_lookup;
    std::shared_ptr<SharedLemmaCache> shared;
    Stats stats;
    const Lemmas empty;

    Impl(std::string dir, bool use) : dictionary_dir(std::move(dir)), use_dictionaries(use) {}

    const HunspellDictionary* dictionary(Language lang) {
        if (!use_dictionaries || (lang != Language::uk && lang != Language::ru)) return nullptr;
        auto& d = dictionaries[slot(lang)];
        if (!d) d = std::make_unique<HunspellDictionary>(lang, dictionary_dir);
        return d->available() ? d.get() : nullptr;
    }

    Lemmas compute(std::string_view term, Language lang) {
        const bool hyphenated = term.find('-') != std::string_view::npos;
        if (const HunspellDictionary* dict = hyphenated ? nullptr : dictionary(lang)) {
            Lemmas found = dict->lemmas(term);
            // A short or colloquial form the dictionary lists only in full (ведем → ведемо).
            std::string spelled;
            for (const std::string& variant : variant_spellings(term, lang))
                if (found.empty()) {
                    found = dict->lemmas(variant);
                    spelled = variant;
                }
            if (!found.empty()) {
                // A word written with г for ґ keeps its stem too: a query in the same spelling
                // that the index never saw is reduced by the stem.
                if (!spelled.empty() && differs_in_g_only(term, spelled))
                    if (std::string stem = rules.stem(term, lang); !stem.empty() && std::find(found.begin(), found.end(), stem) == found.end())
                        found.push_back(std::move(stem));
                ++stats.dictionary;
                return found;
            }
        }
        // An indefinite pronoun compound (чого-будь) gets the compound's lemma (що-будь) from the
        // pronoun table; other compounds their parts' dictionary lemmas (вечора-зустрічі →
        // вечір-зустріч). Both keep the stem, by which a query form the index never saw
        // reaches them.
        Lemmas found = hyphenated ? pronoun_lemmas(term, lang) : Lemmas{};
        if (hyphenated && found.empty())
            if (const HunspellDictionary* dict = dictionary(lang)) found = dict->compound_lemmas(term);
        std::string stem = rules.stem(term, lang);
        if (!stem.empty() && std::find(found.begin(), found.end(), stem) == found.end()) found.push_back(std::move(stem));
        if (found.empty()) return {};
        ++stats.fallback;
        return found;
    }
};

Lemmatizer::Lemmatizer(std::string dictionary_dir, bool use_dictionaries)
    : impl_(std::make_unique<Impl>(std::move(dictionary_dir), use_dictionaries)) {}
Lemmatizer::~Lemmatizer() = default;

const Lemmas& Lemmatizer::lemmas(std::string_view term, Language lang) {
    if (lang == Language::other || term.empty()) return impl_->empty;
    auto& cache = impl_->cache[slot(lang)];
    ++impl_->stats.lookups;
    if (auto it = cache.find(term); it != cache.end()) {
        ++impl_->stats.cache_hits;
        return it->second;
    }
    Lemmas found;
    if (impl_->stored_lookup && (lang == Language::uk || lang == Language::ru)) found = impl_->stored_lookup(lang, term);
    if (!found.empty()) {
        ++impl_->stats.stored;
    } else if (const Lemmas* decided = impl_->shared ? impl_->shared->find(lang, term) : nullptr) {
        ++impl_->stats.shared;
        found = *decided;
    } else {
        found = impl_->compute(term, lang);
        // Two threads may meet the same new form at once: the first answer stored is the one
        // both index under, and both report it (the lemma table rows are the same).
        if (impl_->shared) found = impl_->shared->insert(lang, term, std::move(found));
        impl_->new_entries.push_back(Entry{lang, std::string(term), found});
    }
    return cache.emplace(std::string(term), std::move(found)).first->second;
}

Lemmas Lemmatizer::dictionary_lemmas(std::string_view term, Language lang) {
    const HunspellDictionary* dict = impl_->dictionary(lang);
    return dict ? dict->lemmas(term) : Lemmas{};
}

void Lemmatizer::set_stored_lookup(StoredLookup lookup) { impl_->stored_lookup = std::move(lookup); }

void Lemmatizer::set_shared_cache(std::shared_ptr<SharedLemmaCache> cache) { impl_->shared = std::move(cache); }

bool Lemmatizer::has_dictionary(Language lang) { return impl_->dictionary(lang) != nullptr; }

std::string Lemmatizer::suffix_rules(Language lang) {
    if (lang != Language::uk && lang != Language::ru) return {};
    const auto& d = impl_->dictionaries[slot(lang)];
    return d && d->available() ? d->suffix_rules().serialize() : std::string();
}

std::vector<Lemmatizer::Entry> Lemmatizer::take_new_entries() { return std::exchange(impl_->new_entries, {}); }

const Lemmatizer::Stats& Lemmatizer::stats() const { return impl_->stats; }

}  // namespace newsdex
