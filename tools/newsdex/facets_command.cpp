#include "commands.h"
#include "option_checks.h"

#include "newsdex/searcher.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>

namespace newsdex::cli {
namespace {

const std::map<std::string, FacetBy> kFacets{{"year", FacetBy::year},     {"month", FacetBy::month},
                                              {"day", FacetBy::day},       {"source", FacetBy::source},
                                              {"lang", FacetBy::lang}};

std::string label(const FacetBucket& bucket, FacetBy by) {
    if (!bucket.value.empty()) return bucket.value;
    if (by == FacetBy::source) return "(no source)";
    return "(undated)";
}

// Code points, for lining up Cyrillic source names.
std::size_t width(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// One line per bucket: its value, its count and a bar as long as its share of the largest.
void print_chart(std::ostream& out, const FacetCounts& counts, FacetBy by, bool color) {
    constexpr std::size_t kBarWidth = 40;
    std::size_t label_width = 0, largest = 0;
    for (const FacetBucket& b : counts.buckets) {
        label_width = std::max(label_width, std::min<std::size_t>(width(label(b, by)), 40));
        largest = std::max(largest, b.count);
    }
    const std::size_t count_width = std::to_string(largest).size();
    for (const FacetBucket& b : counts.buckets) {
        std::string name = label(b, by);
        const std::size_t w = width(name);
        out << name << std::string(label_width > w ? label_width - w : 1, ' ') << "  ";
        const std::string n = std::to_string(b.count);
        out << std::string(count_width - n.size(), ' ') << n << "  ";
        // A bucket with any articles gets at least a sliver, so it does not look empty.
        std::size_t bar = largest == 0 ? 0 : (b.count * kBarWidth + largest - 1) / largest;
        std::string blocks;
        for (std::size_t i = 0; i < bar; ++i) blocks += "\u2588";
        out << (color ? "\033[36m" : "") << blocks << (color ? "\033[0m" : "") << '\n';
    }
    out << (color ? "\033[2m" : "") << counts.total << (counts.total == 1 ? " match" : " matches")
        << (counts.fell_back ? " with some of the words" : "") << (color ? "\033[0m" : "") << '\n';
}

}  // namespace

Action add_facets_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("facets", "count the articles matching a query by year, month, day, source or "
                                             "language; exit 0 with matches, 1 without, 2 on error");
    struct Args {
        std::string db;
        std::string query;
        std::string by = "year";
        SearchOptions options;
        bool json = false;
        std::string color = "auto";
    };
    auto args = std::make_shared<Args>();
    add_db_option(*cmd, args->db);
    cmd->add_option("query", args->query, "the query (as for search)")->required();
    cmd->add_option("--by", args->by, "year, month, day, source or lang")
        ->capture_default_str()->check(CLI::IsMember({"year", "month", "day", "source", "lang"}));
    cmd->add_flag("--json", args->json, "print JSON Lines, one {\"value\": ..., \"count\": N} per bucket");
    add_filter_options(*cmd, args->options);
    cmd->add_flag("-F,--literal", args->options.literal, "read the query as plain text (as for search)");
    cmd->add_option("--color", args->color, "colour the bars: auto, always or never")
        ->capture_default_str()->check(CLI::IsMember({"auto", "always", "never"}));

    return [args]() {
        const FacetBy by = kFacets.at(args->by);
        try {
            Searcher searcher(args->db);
            const FacetCounts counts = searcher.facets(args->query, by, args->options);
            if (args->json) {
                for (const FacetBucket& b : counts.buckets) {
                    nlohmann::ordered_json j{{"value", nullptr}, {"count", b.count}};  // value first, as people read it
                    if (!b.value.empty()) j["value"] = b.value;
                    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
                }
            } else {
                print_chart(std::cout, counts, by, use_color(args->color));
            }
            return counts.total == 0 ? kExitNoHits : kExitOk;
        } catch (...) {
            return report_search_failure(std::current_exception(), args->db, args->options);
        }
    };
}

}  // namespace newsdex::cli
