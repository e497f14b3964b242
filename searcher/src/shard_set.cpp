#include "shard_set.h"

#include "newsdex/schema.h"
#include "newsdex/searcher.h"
#include "newsdex/shards.h"

namespace newsdex {
namespace {

// Long enough for a loaded remote machine, short enough that a dead one is reported promptly.
constexpr unsigned kRemoteTimeoutMs = 10000;

Xapian::Database open_one(const shards::Location& where) {
    if (where.remote) return Xapian::Remote::open(where.host, where.port, kRemoteTimeoutMs);
    return Xapian::Database(where.path);
}

NoIndexError::Reason reason_of(shards::Absence absence) {
    using R = NoIndexError::Reason;
    switch (absence) {
    case shards::Absence::missing: return R::missing;
    case shards::Absence::not_a_directory: return R::not_a_directory;
    case shards::Absence::empty: return R::empty;
    case shards::Absence::not_an_index: return R::not_an_index;
    case shards::Absence::unreadable: break;
    }
    return R::unreadable;
}

}  // namespace

OpenShards open_shards(const std::string& path) {
    if (const auto absent = shards::find_absence(path))
        throw NoIndexError(absent->message, reason_of(absent->absence));
    std::vector<shards::Location> locations;
    try {
        if (shards::is_sharded(path)) locations = shards::read_stub(path);
        else locations.push_back({false, path, {}, 0});
    } catch (const shards::LayoutError& e) {
        throw SearchError(std::string("cannot open index: ") + e.what());
    }
    OpenShards shards;
    for (const auto& where : locations) {
        const std::string name = locations.size() == 1 && !where.remote ? path : "shard " + where.describe() + " of " + path;
        // A shard the stub lists but that is gone is a broken index, not a missing one.
        if (!where.remote && where.path != path)
            if (const auto absent = shards::find_absence(where.path))
                throw SearchError("cannot open index at " + name + ": " + absent->message);
        Xapian::Database db;
        std::string version;
        // Opening races a writer's commits: two in a row discard the revision being opened.
        // Xapian's advice is to open again; a few tries, so that an index rewritten faster than
        // it can be opened still gets an error.
        constexpr int kTries = 5;
        for (int attempt = 1;; ++attempt) {
            std::string_view step = "open";
            try {
                db = open_one(where);
                step = "read";
                version = db.get_metadata(std::string(schema::kSchemaVersionKey));
                break;
            } catch (const Xapian::DatabaseModifiedError& e) {
                if (attempt < kTries) continue;
                throw SearchError("cannot " + std::string(step) + " index at " + name + ": " + e.get_msg());
            } catch (const Xapian::Error& e) {
                throw SearchError("cannot " + std::string(step) + " index at " + name + ": " + e.get_msg());
            }
        }
        if (version != schema::kSchemaVersion)
            throw SearchError("index at " + name + " has schema " + (version.empty() ? "none" : version) +
                              ", this newsdex reads schema " + std::string(schema::kSchemaVersion) + "; re-index it");
        shards.databases.push_back(std::move(db));
        shards.remote = shards.remote || where.remote;
    }
    return shards;
}

}  // namespace newsdex
