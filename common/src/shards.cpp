#include "newsdex/shards.h"

#include "newsdex/schema.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace newsdex::shards {
namespace fs = std::filesystem;

std::string Location::describe() const {
    return remote ? host + ":" + std::to_string(port) : path;
}

std::optional<AbsentIndex> find_absence(const std::string& index_dir) {
    std::error_code ec;
    const fs::file_status status = fs::status(index_dir, ec);
    if (status.type() == fs::file_type::not_found) return AbsentIndex{Absence::missing, "no index at " + index_dir + ": it does not exist"};
    if (ec) return AbsentIndex{Absence::unreadable, "cannot read " + index_dir + ": " + ec.message()};
    if (status.type() != fs::file_type::directory)
        return AbsentIndex{Absence::not_a_directory, index_dir + " is a file, not a newsdex index (an index is a directory)"};
    fs::directory_iterator it(index_dir, ec), end;
    if (ec) return AbsentIndex{Absence::unreadable, "cannot read " + index_dir + ": " + ec.message()};
    bool anything = false;
    for (; it != end; it.increment(ec)) {
        if (ec) return AbsentIndex{Absence::unreadable, "cannot read " + index_dir + ": " + ec.message()};
        anything = true;
        // What Xapian opens a directory by: a stub, or the "iamglass" (or older "iamchert")
        // file every database of its own keeps.
        const std::string name = it->path().filename().string();
        if (name == kStubFile || name.rfind("iam", 0) == 0) return std::nullopt;
    }
    if (!anything) return AbsentIndex{Absence::empty, index_dir + " is empty: no index there"};
    return AbsentIndex{Absence::not_an_index, index_dir + " is not a newsdex index: it holds neither a " +
                                                  std::string(kStubFile) + " stub nor a Xapian database"};
}

bool is_sharded(const std::string& index_dir) {
    std::error_code ec;
    return fs::is_regular_file(fs::path(index_dir) / kStubFile, ec);
}

std::vector<Location> read_stub(const std::string& index_dir) {
    const fs::path stub = fs::path(index_dir) / kStubFile;
    std::ifstream in(stub);
    if (!in) throw LayoutError("cannot read " + stub.string());
    std::vector<Location> shards;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        std::istringstream words(line);
        std::string kind, where, extra;
        words >> kind >> where >> extra;
        if (kind.empty() || kind[0] == '#') continue;
        const auto bad = [&](const std::string& why) {
            return LayoutError(stub.string() + " line " + std::to_string(number) + ": " + why);
        };
        if (where.empty()) throw bad("'" + kind + "' needs a location");
        if (!extra.empty()) throw bad("unexpected '" + extra + "' after the location");
        Location loc;
        if (kind == "auto" || kind == "glass") {
            loc.path = fs::path(where).is_absolute() ? where : (fs::path(index_dir) / where).lexically_normal().string();
        } else if (kind == "remote") {
            const auto colon = where.rfind(':');
            unsigned long port = 0;
            if (colon == std::string::npos || colon == 0 || colon + 1 == where.size() ||
                where.find_first_not_of("0123456789", colon + 1) != std::string::npos ||
                (port = std::stoul(where.substr(colon + 1))) == 0 || port > 65535)
                throw bad("expected remote HOST:PORT, got '" + where + "'");
            loc.remote = true;
            loc.host = where.substr(0, colon);
            loc.port = static_cast<unsigned>(port);
        } else {
            throw bad("unknown database type '" + kind + "' (expected auto or remote)");
        }
        shards.push_back(std::move(loc));
    }
    if (shards.empty()) throw LayoutError(stub.string() + " lists no shards");
    return shards;
}

std::vector<std::string> local_paths(const std::string& index_dir) {
    if (!is_sharded(index_dir)) return {index_dir};
    std::vector<std::string> paths;
    for (const auto& loc : read_stub(index_dir)) {
        if (loc.remote)
            throw LayoutError("index " + index_dir + " lists the remote shard " + loc.describe() +
                              ", which only the machine serving it can write or compact");
        paths.push_back(loc.path);
    }
    return paths;
}

void write_stub(const std::string& index_dir, std::size_t count) {
    const fs::path stub = fs::path(index_dir) / kStubFile;
    const fs::path tmp = fs::path(index_dir) / (std::string(kStubFile) + ".tmp");
    {
        std::ofstream out(tmp, std::ios::trunc);
        for (std::size_t i = 0; i < count; ++i) out << "auto " << shard_dir_name(i) << "\n";
        out.flush();
        if (!out) throw LayoutError("cannot write " + tmp.string());
    }
    // A reader sees either no stub or the whole one.
    std::error_code ec;
    fs::rename(tmp, stub, ec);
    if (ec) throw LayoutError("cannot write " + stub.string() + ": " + ec.message());
}

std::string shard_dir_name(std::size_t i) {
    char name[32];
    std::snprintf(name, sizeof name, "shard-%02zu", i);
    return name;
}

std::size_t shard_of(std::string_view id_term, std::size_t shard_count) {
    if (shard_count <= 1) return 0;
    return static_cast<std::size_t>(schema::stable_hash(id_term) % shard_count);
}

}  // namespace newsdex::shards
