// Story clusters: the near duplicates of an article, found at search time from the sketch and
// band terms the indexer stored (docs/schema.md, "Near duplicates"). A cluster is a connected
// component of the graph "near_duplicate::near_duplicates": it depends only on which articles
// the index holds, never on the order they were indexed in or the shard they went to.
#pragma once

#include "newsdex/near_duplicate.h"

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <deque>
#include <unordered_map>
#include <vector>

namespace newsdex {

struct Cluster {
    /// Stable: a hash of the smallest sketch among the members (of the exact-duplicate key for an
    /// article without a sketch), the same whichever member it was found from.
    std::string id;
    std::vector<Xapian::docid> members;  ///< the article it was found from first
};

class ClusterFinder {
public:
    /// A component larger than this is cut there (a template-like text shared by thousands of
    /// articles); its size then reads as this many.
    static constexpr std::size_t kMaxMembers = 500;

    explicit ClusterFinder(const Xapian::Database& db);

    /// The index holds sketches (one written before them has none: every article is alone).
    bool available() const { return available_; }

    /// The cluster holding @p did, found once and remembered.
    const Cluster& of(Xapian::docid did);

private:
    const std::optional<near_duplicate::Sketch>& sketch(Xapian::docid did);

    const Xapian::Database& db_;
    bool available_ = false;
    std::deque<Cluster> clusters_;  // a deque: of() hands out references that must stay valid
    std::unordered_map<Xapian::docid, std::size_t> cluster_of_;
    std::unordered_map<Xapian::docid, std::optional<near_duplicate::Sketch>> sketches_;
};

}  // namespace newsdex
