// Stores the lemmas the indexer gave each word form with the index (schema::lemma_key and
// schema::forms_key), so the searcher analyses a query exactly as the indexer analysed the text
// without loading a dictionary.
#pragma once

#include "newsdex/lemmatizer.h"
#include "newsdex/schema.h"

#include <xapian.h>

#include <vector>

namespace newsdex {

/// Adds @p entries to the table in @p db, under the keys the shard uses (uncommitted; the caller
/// commits). Forms already listed under a lemma by an earlier run are kept.
void write_lemma_table(Xapian::WritableDatabase& db, schema::LemmaKeys keys, const std::vector<Lemmatizer::Entry>& entries);

/// Stores the suffix rules of the dictionaries @p lemmatizer has loaded (schema::suffix_rules_key)
/// when the index does not hold them yet, or holds other ones.
void write_suffix_rules(Xapian::WritableDatabase& db, Lemmatizer& lemmatizer);

}  // namespace newsdex
