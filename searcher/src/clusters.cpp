#include "clusters.h"

#include "newsdex/schema.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <unordered_set>

namespace newsdex {
namespace {

// Articles read per band term: a band shared by more is boilerplate, and the similarity check
// would reject most of them anyway.
constexpr std::size_t kMaxPostingsPerBand = 2000;

std::string hex_id(std::string_view key) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(schema::stable_hash(key)));
    return buf;
}

}  // namespace

ClusterFinder::ClusterFinder(const Xapian::Database& db) : db_(db) {
    available_ = db_.get_value_freq(schema::kSketchSlot) > 0;
}

const std::optional<near_duplicate::Sketch>& ClusterFinder::sketch(Xapian::docid did) {
    auto it = sketches_.find(did);
    if (it == sketches_.end())
        it = sketches_.emplace(did, near_duplicate::decode(db_.get_document(did).get_value(schema::kSketchSlot))).first;
    return it->second;
}

const Cluster& ClusterFinder::of(Xapian::docid did) {
    if (const auto it = cluster_of_.find(did); it != cluster_of_.end()) return clusters_[it->second];
    Cluster cluster;
    cluster.members.push_back(did);
    if (!available_ || !sketch(did)) {
        cluster.id = hex_id(db_.get_document(did).get_value(schema::kContentSlot));
    } else {
        // Breadth-first over the band terms: every article sharing a band with a member is a
        // candidate, and joins when it is a near duplicate of that member.
        std::unordered_set<Xapian::docid> in{did};
        std::deque<Xapian::docid> todo{did};
        std::string smallest = near_duplicate::encode(*sketch(did));
        while (!todo.empty() && cluster.members.size() < kMaxMembers) {
            const Xapian::docid at = todo.front();
            todo.pop_front();
            const near_duplicate::Sketch here = *sketch(at);
            for (const std::string& term : near_duplicate::band_terms(here, schema::kNearDuplicatePrefix)) {
                std::size_t read = 0;
                for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term) && read < kMaxPostingsPerBand; ++p, ++read) {
                    const Xapian::docid other = *p;
                    if (in.count(other)) continue;
                    const auto& theirs = sketch(other);
                    if (!theirs || !near_duplicate::near_duplicates(here, *theirs)) continue;
                    in.insert(other);
                    todo.push_back(other);
                    cluster.members.push_back(other);
                    smallest = std::min(smallest, near_duplicate::encode(*theirs));
                    if (cluster.members.size() >= kMaxMembers) break;
                }
                if (cluster.members.size() >= kMaxMembers) break;
            }
        }
        cluster.id = hex_id(smallest);
    }
    const std::size_t index = clusters_.size();
    for (Xapian::docid member : cluster.members) cluster_of_.emplace(member, index);
    clusters_.push_back(std::move(cluster));
    return clusters_.back();
}

}  // namespace newsdex
