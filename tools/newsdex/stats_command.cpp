#include "commands.h"

#include "newsdex/searcher.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

namespace newsdex::cli {
namespace {

std::string human_size(std::uintmax_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    return buf;
}

}  // namespace

Action add_stats_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("stats", "show what an index holds");
    auto db = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    add_db_option(*cmd, *db);
    cmd->add_flag("--json", *json, "print one JSON object");
    return [db, json]() {
        try {
            const IndexStats stats = Searcher(*db).stats();
            if (*json) {
                nlohmann::json j{{"documents", stats.documents},
                                 {"languages", stats.languages},
                                 {"size_bytes", stats.size_bytes}};
                if (stats.languages.empty()) j["languages"] = nlohmann::json::object();
                std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
            } else {
                std::cout << "documents: " << stats.documents << '\n' << "languages:";
                for (const auto& [lang, count] : stats.languages) std::cout << ' ' << lang << ' ' << count;
                std::cout << '\n' << "size:      " << human_size(stats.size_bytes) << '\n';
            }
            return kExitOk;
        } catch (const NoIndexError& e) {
            print_no_index(e.what(), e.nothing_there(), *db);
            return kExitError;
        } catch (const SearchError& e) {
            print_error(e.what());
            return kExitError;
        }
    };
}

}  // namespace newsdex::cli
