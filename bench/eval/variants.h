// Named ways to query the same index (SearchOptions), so that one run compares them all.
#pragma once

#include "newsdex/experimental.h"
#include "newsdex/searcher.h"

#include <functional>
#include <string>
#include <vector>

namespace newsdex::eval {

struct Variant {
    std::string name;
    std::string spec;  ///< the settings that differ from the library defaults, as parsed
    SearchOptions options;
    experimental::Ranking ranking;  ///< searched with (options.ranking is left null)
    /// true: the plain Xapian peer (xapian_peer.h) answers, stemming when ranking.use_stems.
    bool xapian_peer = false;
    /// For the peer: words of the body indexed a second time (a database of its own), and BM25's
    /// k1 (0: Xapian's default).
    std::size_t peer_lead_words = 0;
    double peer_k1 = 0;
};

/// Calls @p on_item(key, value) for each item of "key:value,key:value,..." (empty items skipped).
/// Throws std::invalid_argument for an item without ':'.
void for_each_setting(const std::string& spec,
                      const std::function<void(const std::string& key, const std::string& value)>& on_item);

/// "NAME" of a built-in variant, or "NAME=key:value,key:value,..." over the library defaults.
/// Keys: match, short, long (and|or|min), min (share of words), long-words, fallback (0|1),
/// k1, b, stems (0|1), exact, title, prox, window, every
/// (bonus for documents with every word), engine (newsdex|xapian), peer-lead (words), peer-k1. Throws std::invalid_argument.
Variant parse_variant(const std::string& spec);

/// The variants docs/quality.md reports: the two plain Xapian peers first (the stemmed one is the
/// baseline the targets are set against), then newsdex's own.
std::vector<Variant> standard_variants();

/// Names of the built-in variants, for --help.
std::vector<std::string> builtin_variant_names();

}  // namespace newsdex::eval
