// What Searcher's source files share: the open index, and how a match becomes a Hit.
#pragma once

#include "newsdex/analyzer.h"
#include "newsdex/searcher.h"
#include "clusters.h"
#include "query_parser.h"
#include "shard_set.h"
#include "stored_lemmas.h"

#include <xapian.h>

#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace newsdex {

struct Searcher::Impl {
    std::string path;
    Xapian::Database db;
    Analyzer analyzer;
    std::unique_ptr<StoredLemmas> lemmas;  // reads db, so made once db is open
    bool remote = false;                    // a shard is served by xapian-tcpsrv
    int moving_on = 0;                      // nested runs again of a read after moving to the latest commit

    explicit Impl(const std::string& db_path) : path(db_path) { open(); }

    // The latest commit of every shard. The lemma table is read again with it: its cache holds
    // rows of the commit it was made with.
    void open() {
        OpenShards shards = open_shards(path);
        Xapian::Database latest;
        for (const auto& shard : shards.databases) latest.add_database(shard);
        db = latest;
        remote = shards.remote;
        lemmas = std::make_unique<StoredLemmas>(db, std::move(shards.databases));
    }

    // A read failed because commits since the snapshot overwrote it (Xapian keeps the latest two):
    // @p again runs it on the latest commit. Only a few times, so that an index rewritten faster
    // than it can be read still gets an answer: an error.
    template <class Again>
    auto on_latest_commit(const Xapian::Error& error, Again again) {
        constexpr int kMoves = 3;
        if (moving_on >= kMoves) throw SearchError("the index changes faster than it can be read: " + error.get_description());
        ++moving_on;
        struct Done {
            int& count;
            ~Done() { --count; }
        } done{moving_on};
        open();
        return again();
    }
};

// Only word and lemma terms may join a query: not ids, dates, sources or other prefixed terms.
class WordTermsOnly : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        if (term.empty()) return false;
        const unsigned char c = static_cast<unsigned char>(term[0]);
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
        return term.size() > 1 && term[0] == 'Z' && term[1] != 'S';
    }
};

/// Throws QueryError for a lang: value newsdex does not tell apart (it would match nothing).
void check_languages(const QueryNode& node, bool in_lang_field = false);

inline constexpr std::size_t kMaxDocs = std::numeric_limits<Xapian::doccount>::max();

/// A hit's fields from its match and stored article; rank, snippet and highlights left to the
/// caller. The cluster fields come from @p clusters.
Hit hit_of(const Xapian::MSetIterator& match, const Article& article, ClusterFinder& clusters);

/// The page [offset, offset + limit) of the story clusters among @p mset's entries (fetched from
/// the first match): for each cluster its first, best-placed entry, as a position into @p mset.
struct ClusterPage {
    std::vector<Xapian::doccount> shown;
    bool full = false;  ///< offset + limit clusters were found: fetching more would not change it
};
ClusterPage cluster_page(const Xapian::MSet& mset, ClusterFinder& clusters, std::size_t offset, std::size_t limit);

/// Matches to fetch so that @p offset + @p limit clusters are likely among them; grows by
/// @p round (0, 1, ...) when they were not.
Xapian::doccount cluster_fetch_size(std::size_t offset, std::size_t limit, int round);

}  // namespace newsdex
