// Opening an index for reading: one Xapian database, or the shards its stub file lists (local
// directories, or databases served by xapian-tcpsrv), each checked for the schema this newsdex
// reads.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace newsdex {

struct OpenShards {
    std::vector<Xapian::Database> databases;  ///< in stub order (one for a plain database)
    bool remote = false;                      ///< one of them is served by xapian-tcpsrv
};

/// The shards of the index at @p path. Throws SearchError naming the shard that cannot be opened
/// or has another schema.
OpenShards open_shards(const std::string& path);

}  // namespace newsdex
