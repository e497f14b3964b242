// How far earlier runs got in each file, kept in the first shard's metadata and committed only
// after every shard has committed the articles it covers, so a record never claims more than the
// index holds. A record is keyed by the file's canonical path and names the file's content by a
// fingerprint (file_fingerprint.h), so it is only used for the same bytes.
#pragma once

#include "read_position.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsdex {

struct IndexOptions;

struct FileCheckpoint {
    std::string fingerprint;                ///< of the file's content when it was read
    std::optional<ReadPosition> position;   ///< everything up to here is indexed and committed
    bool complete = false;                  ///< read to its end without a read failure
    bool limited = false;                   ///< a member was skipped by a limit of the options
    std::uint64_t limits = 0;               ///< hash of those limits (limits_hash)
    std::uint64_t extraction = 0;           ///< hash of the options that shape articles (extraction_hash)

    /// "v2 FINGERPRINT POSITION|- complete|partial LIMITED LIMITS EXTRACTION\nPATH"
    std::string encode(const std::string& path) const;
    /// nullopt for a record of another format (an older newsdex): the file is then read again.
    static std::optional<FileCheckpoint> decode(std::string_view value);
};

/// Metadata keys of checkpoint records start with this.
inline constexpr std::string_view kCheckpointPrefix = "newsdex.file:";

/// The metadata key of the record for the file at @p canonical_path.
std::string checkpoint_key(const std::string& canonical_path);

/// The options that decide which members are skipped as too large, too deep or a bomb: a file
/// that met one of them is read again when they change.
std::uint64_t limits_hash(const IndexOptions& options);

/// The options that decide what articles a member gives (JSON field mapping, text cut-off): a
/// file is read again whole when they change.
std::uint64_t extraction_hash(const IndexOptions& options);

/// What a run should do with a file, given the earlier record and the file as it is now.
struct ResumePlan {
    bool skip = false;                          ///< finished by an earlier run: not read
    std::optional<ReadPosition> resume_after;   ///< read, passing over what precedes this
};
ResumePlan plan_resume(const std::optional<FileCheckpoint>& earlier, const std::string& fingerprint,
                       std::uint64_t limits, std::uint64_t extraction);

}  // namespace newsdex
