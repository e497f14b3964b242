// Turns a normalized word into the lemma terms (prefix schema::kStemPrefix) under which its
// inflected forms meet in the index. Used by the indexer; the searcher reads what the indexer
// decided from the index itself (see schema::lemma_key) so it never loads a dictionary.
#pragma once

#include "newsdex/language.h"

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex {

/// Lemmas of one word form: usually one; every reading of an ambiguous form (рік → рік, ріка).
using Lemmas = std::vector<std::string>;

/// The rule-based lemma of a word no dictionary knows (names, new words): Snowball for English
/// and Russian, ukrainian_stem() for Ukrainian; empty for Language::other. Cheap, no set-up.
/// Not thread-safe (Xapian stemmers keep state): one per thread.
class RuleLemmatizer {
public:
    RuleLemmatizer();
    ~RuleLemmatizer();
    RuleLemmatizer(const RuleLemmatizer&) = delete;
    RuleLemmatizer& operator=(const RuleLemmatizer&) = delete;

    std::string stem(std::string_view term, Language lang) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Lemmas decided by any of several Lemmatizers (one per thread, e.g. one per shard writer), so
/// that a run asks Hunspell about each word form once, not once per thread: every thread sees the
/// same common words, and dictionary lookups were the largest cost of indexing after Xapian's own.
/// Thread-safe. Entries are never removed, so references returned stay valid while it lives.
class SharedLemmaCache {
public:
    /// The lemmas of @p form, or nullptr if no Lemmatizer has decided them yet.
    const Lemmas* find(Language lang, std::string_view form) const;
    /// Stores what a Lemmatizer decided; if another thread stored the form first, its answer
    /// stays and is returned, so every thread indexes a form the same way.
    const Lemmas& insert(Language lang, std::string_view form, Lemmas lemmas);
    std::size_t size() const;

private:
    // Striped by a hash of the form: writers rarely meet on one lock.
    static constexpr std::size_t kStripes = 32;
    struct Stripe {
        mutable std::mutex mutex;
        std::unordered_map<std::string, Lemmas> lemmas;
    };
    Stripe& stripe(Language lang, std::string_view form, std::string& key) const;
    mutable std::array<Stripe, kStripes> stripes_;
};

/// Dictionary lemmas (Hunspell) for Ukrainian and Russian, Snowball stems for English, and the
/// rule-based stem for words the dictionary does not know. Results are cached per word form;
/// dictionaries load on the first word of their language. Not thread-safe: one per thread.
class Lemmatizer {
public:
    struct Stats {
        std::size_t lookups = 0;     ///< calls of lemmas() for uk/ru/en words
        std::size_t cache_hits = 0;  ///< of those, answered from the cache
        std::size_t dictionary = 0;  ///< distinct forms the dictionary knew
        std::size_t fallback = 0;    ///< distinct forms given the rule-based stem
        std::size_t stored = 0;      ///< distinct forms answered by the stored lookup
        std::size_t shared = 0;      ///< distinct forms another thread had decided (SharedLemmaCache)
    };
    /// A word form lemmatized for the first time since the last take_new_entries().
    struct Entry {
        Language lang;
        std::string form;
        Lemmas lemmas;
    };

    /// @p dictionary_dir: where uk_UA.* and ru_RU.* are; "" for the default (see
    /// HunspellDictionary). @p use_dictionaries false gives the rule-based stems only.
    explicit Lemmatizer(std::string dictionary_dir = "", bool use_dictionaries = true);
    ~Lemmatizer();
    Lemmatizer(const Lemmatizer&) = delete;
    Lemmatizer& operator=(const Lemmatizer&) = delete;

    /// Lemma terms (without prefix) of @p term, a word normalized by Analyzer, in @p lang.
    /// Empty for Language::other and for words with no letters.
    const Lemmas& lemmas(std::string_view term, Language lang);

    /// Dictionary lemmas only: empty when the dictionary does not know the word (or for en).
    Lemmas dictionary_lemmas(std::string_view term, Language lang);

    /// Whether a Hunspell dictionary for @p lang was found (loads it if not loaded yet).
    bool has_dictionary(Language lang);

    /// The suffix rules of @p lang's dictionary (SuffixRules::serialize), stored with the index
    /// so the searcher can reduce query forms the index never saw; "" when that dictionary has
    /// not been loaded (it is never loaded for this).
    std::string suffix_rules(Language lang);

    /// Lemmas decided earlier (the table stored with an index), consulted before the dictionary
    /// for Ukrainian and Russian forms: an empty answer means "not known". Keeps a growing index
    /// consistent with itself even if the dictionary package changes, and spares Hunspell calls.
    using StoredLookup = std::function<Lemmas(Language, std::string_view)>;
    void set_stored_lookup(StoredLookup lookup);

    /// Shares decisions with other Lemmatizers (see SharedLemmaCache). A form another thread
    /// decided is not reported as new here: that thread reports it, and the index's lemma tables
    /// are read across shards. Set before the first lookup.
    void set_shared_cache(std::shared_ptr<SharedLemmaCache> cache);

    /// Forms first seen since the last call, so the indexer can store them with the index.
    std::vector<Entry> take_new_entries();

    const Stats& stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
