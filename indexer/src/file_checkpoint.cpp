#include "file_checkpoint.h"

#include "newsdex/indexer.h"
#include "newsdex/schema.h"

#include <cstdio>
#include <sstream>

namespace newsdex {

std::string FileCheckpoint::encode(const std::string& path) const {
    char hashes[48];
    std::snprintf(hashes, sizeof hashes, "%016llx %016llx", static_cast<unsigned long long>(limits),
                  static_cast<unsigned long long>(extraction));
    return "v2 " + fingerprint + " " + (position ? position->encode() : "-") + (complete ? " complete " : " partial ") +
           (limited ? "1 " : "0 ") + hashes + "\n" + path;
}

std::optional<FileCheckpoint> FileCheckpoint::decode(std::string_view value) {
    std::istringstream in(std::string(value.substr(0, value.find('\n'))));
    std::string version, position, state, limits, extraction;
    int limited = 0;
    FileCheckpoint c;
    if (!(in >> version >> c.fingerprint >> position >> state >> limited >> limits >> extraction) || version != "v2")
        return std::nullopt;
    if (position != "-") {
        c.position = ReadPosition::decode(position);
        if (!c.position) return std::nullopt;
    }
    if (state != "complete" && state != "partial") return std::nullopt;
    c.complete = state == "complete";
    c.limited = limited != 0;
    try {
        c.limits = std::stoull(limits, nullptr, 16);
        c.extraction = std::stoull(extraction, nullptr, 16);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return c;
}

std::string checkpoint_key(const std::string& canonical_path) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(schema::stable_hash(canonical_path)));
    return std::string(kCheckpointPrefix) + buf;
}

std::uint64_t limits_hash(const IndexOptions& o) {
    return schema::stable_hash(std::to_string(o.max_member_bytes) + " " + std::to_string(o.max_archive_bytes) + " " +
                               std::to_string(o.max_depth) + " " + std::to_string(o.max_ratio));
}

std::uint64_t extraction_hash(const IndexOptions& o) {
    std::string text = std::to_string(o.max_text_bytes);
    for (const auto& [field, keys] : o.json_fields) {  // a std::map: in a stable order
        text += "\n" + field + "=";
        for (const auto& key : keys) text += key + ",";
    }
    return schema::stable_hash(text);
}

ResumePlan plan_resume(const std::optional<FileCheckpoint>& earlier, const std::string& fingerprint,
                       std::uint64_t limits, std::uint64_t extraction) {
    if (!earlier || fingerprint.empty() || earlier->fingerprint != fingerprint) return {};
    if (earlier->extraction != extraction) return {};
    // Members skipped by a limit may be read under other limits, wherever they were in the file.
    if (earlier->limited && earlier->limits != limits) return {};
    if (earlier->complete) return {true, std::nullopt};
    return {false, earlier->position};
}

}  // namespace newsdex
