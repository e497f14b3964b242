// The searcher's side of the lemma table: query words get the lemmas the indexer stored with the
// index, so a search never loads a Hunspell dictionary (0.3 s per language) and a query word
// meets its document forms in exactly the terms the indexer wrote.
#pragma once

#include "newsdex/lemmatizer.h"
#include "newsdex/paradigm.h"
#include "newsdex/schema.h"

#include <xapian.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsdex {

class StoredLemmas {
public:
    /// @p db is the whole index; @p shards are its parts, whose lemma tables are read together
    /// (Xapian gives a sharded database's metadata from its first shard only).
    StoredLemmas(const Xapian::Database& db, std::vector<Xapian::Database> shards) : db_(db), shards_(std::move(shards)) {}
    explicit StoredLemmas(const Xapian::Database& db) : StoredLemmas(db, {db}) {}

    /// Lemma terms (no prefix) of the normalized word @p term in @p lang. English: Snowball, as
    /// at indexing. Ukrainian and Russian: the stored row when the index holds the form; else the
    /// form itself when it is the lemma of indexed forms; else the rule-based stem, the lemmas of
    /// indexed forms that the dictionary's suffix rules (stored with the index) derive the form
    /// from, and the stored lemmas of indexed forms that share the stem (a query form the archive
    /// never used still finds the forms it did use).
    const Lemmas& lemmas(const std::string& term, Language lang);

    /// The index holds the normalized word @p term in an article of @p lang (uk or ru).
    bool indexed(const std::string& term, Language lang) const { return stored(Row::lemmas, lang, term); }

    /// A word written as its own lemma has no lemma term in some shard (schema::kLemmaTermsKey):
    /// a query for the lemma must take that written form too. When shards differ (an index put
    /// together from shards of different versions), the shards with every lemma term count such a
    /// word twice, which costs ranking a little and loses nothing.
    /// Read on first use, not when the index is opened: a read there could meet a commit and
    /// fail outside the searches' retry on the latest commit.
    bool own_forms_written_only();

    /// Word forms indexed under @p lemma (any language); for NEAR and highlighting.
    std::vector<std::string> forms(const std::string& lemma) const;

private:
    Lemmas lemmas_of_unknown_form(const std::string& term, Language lang);
    /// The suffix rules stored with the index for @p lang, read on first use.
    const SuffixRules& suffix_rules(Language lang);
    // A row of the lemma table: a form's lemmas, or a lemma's forms (schema::lemma_key, forms_key).
    enum class Row { lemmas, forms };
    /// How shard @p i spells its lemma table (schema::LemmaKeys), read on first use.
    schema::LemmaKeys keys_of(std::size_t i) const;
    /// The stored value of the row in shard @p i.
    std::string row_value(std::size_t i, Row row, Language lang, const std::string& word) const;
    /// Whether any shard stores the row.
    bool stored(Row row, Language lang, const std::string& word) const;
    /// The lines of the row in every shard, each once, in shard order.
    std::vector<std::string> stored_lines(Row row, Language lang, const std::string& word) const;

    const Xapian::Database& db_;
    std::vector<Xapian::Database> shards_;
    // Each shard's key spelling, read on first use (as own_forms_written_only, not at open).
    mutable std::vector<schema::LemmaKeys> lemma_keys_;
    std::optional<bool> own_forms_written_only_;
    RuleLemmatizer rules_;
    std::unordered_map<std::string, Lemmas> cache_;
    std::array<std::unique_ptr<SuffixRules>, 4> suffix_rules_;
};

}  // namespace newsdex
