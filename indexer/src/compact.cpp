#include "newsdex/compact.h"

#include "newsdex/indexer.h"
#include "newsdex/schema.h"
#include "newsdex/shards.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>

namespace newsdex {
namespace fs = std::filesystem;
namespace {

/// Where shards hold different rows under one metadata key (the forms one lemma has in each
/// shard), the merged row lists every line once.
class LemmaTableMerger : public Xapian::Compactor {
public:
    std::string resolve_duplicate_metadata(const std::string&, size_t num_tags, const std::string tags[]) override {
        std::vector<std::string> lines;
        for (size_t i = 0; i < num_tags; ++i)
            for (auto& line : schema::split_lines(tags[i]))
                if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(std::move(line));
        if (lines.size() > schema::kMaxFormsPerLemma) lines.resize(schema::kMaxFormsPerLemma);
        return schema::join_lines(lines);
    }
};

void compact_into(const std::vector<std::string>& sources, const std::string& output) {
    Xapian::Database all;
    for (const auto& path : sources) all.add_database(Xapian::Database(path));
    LemmaTableMerger merger;
    all.compact(output, sources.size() > 2 ? Xapian::DBCOMPACT_MULTIPASS : 0, 0, merger);
}

}  // namespace

void compact_index(const std::string& from, const std::string& to, CompactOptions options) {
    std::error_code ec;
    if (const auto absent = shards::find_absence(from)) throw IndexError(absent->message);
    if (fs::exists(to, ec) && !fs::is_empty(to, ec))
        throw IndexError(to + " already exists; compact into a new directory");
    if (fs::equivalent(from, to, ec)) throw IndexError("cannot compact " + from + " onto itself");
    try {
        const auto sources = shards::local_paths(from);
        if (!options.keep_shards || sources.size() == 1) {
            compact_into(sources, to);
            return;
        }
        fs::create_directories(to);
        for (std::size_t i = 0; i < sources.size(); ++i)
            compact_into({sources[i]}, (fs::path(to) / shards::shard_dir_name(i)).string());
        shards::write_stub(to, sources.size());
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot compact " + from + " into " + to + ": " + e.get_msg());
    } catch (const shards::LayoutError& e) {
        throw IndexError(e.what());
    } catch (const fs::filesystem_error& e) {
        throw IndexError(std::string("cannot compact ") + from + ": " + e.what());
    }
}

}  // namespace newsdex
