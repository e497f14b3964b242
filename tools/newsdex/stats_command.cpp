#include "commands.h"

#include "newsdex/searcher.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <vector>

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

// Most articles first; a long tail is summed up rather than scrolled past.
void print_sources(const std::map<std::string, std::size_t>& sources) {
    constexpr std::size_t kShown = 100;
    std::vector<std::pair<std::string, std::size_t>> by_count(sources.begin(), sources.end());
    std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::cout << "sources:   " << sources.size() << '\n';
    for (std::size_t i = 0; i < by_count.size() && i < kShown; ++i)
        std::cout << "  " << std::setw(8) << by_count[i].second << "  " << by_count[i].first << '\n';
    if (by_count.size() > kShown) std::cout << "  ... and " << by_count.size() - kShown << " more (stats --json lists them all)\n";
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
                                 {"sources", stats.sources},
                                 {"size_bytes", stats.size_bytes}};
                if (stats.languages.empty()) j["languages"] = nlohmann::json::object();
                if (stats.sources.empty()) j["sources"] = nlohmann::json::object();
                nlohmann::json published{{"first", nullptr}, {"last", nullptr}, {"undated", stats.undated}};
                if (!stats.first_published.empty()) {
                    published["first"] = stats.first_published;
                    published["last"] = stats.last_published;
                }
                j["published"] = published;
                std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
            } else {
                std::cout << "documents: " << stats.documents << '\n' << "languages:";
                for (const auto& [lang, count] : stats.languages) std::cout << ' ' << lang << ' ' << count;
                std::cout << '\n' << "published: ";
                if (stats.first_published.empty()) std::cout << "no dated articles";
                else std::cout << stats.first_published << " to " << stats.last_published;
                if (stats.undated > 0) std::cout << " (" << stats.undated << " undated)";
                std::cout << '\n' << "size:      " << human_size(stats.size_bytes) << '\n';
                print_sources(stats.sources);
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
