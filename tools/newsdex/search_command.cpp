#include "commands.h"
#include "result_printer.h"
#include "suggestion_printer.h"

#include "newsdex/searcher.h"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace newsdex::cli {

Action add_search_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("search", "search an index; exit 0 with hits, 1 without, 2 on error");
    struct Args {
        std::string db;
        std::string query;
        SearchOptions options;
        bool json = false;
        std::string color = "auto";
        std::string sort = "relevance";
        bool all_copies = false;
    };
    auto args = std::make_shared<Args>();
    add_db_option(*cmd, args->db);
    cmd->add_option("query", args->query, "the query (see docs/query-language.md)")->required();
    cmd->add_option("--limit", args->options.limit, "hits to show")->capture_default_str()->check(CLI::Range(0, 100000));
    cmd->add_option("--offset", args->options.offset, "hits to skip (for paging)")->capture_default_str();
    cmd->add_flag("--json", args->json, "print JSON Lines, one object per hit");
    cmd->add_option("--sort", args->sort, "relevance, date (oldest first) or -date (newest first)")
        ->capture_default_str()->check(CLI::IsMember({"relevance", "date", "-date"}));
    cmd->add_option("--since", args->options.since, "only articles published on or after this date (YYYY[-MM[-DD]])");
    cmd->add_option("--until", args->options.until, "only articles published on or before this date (YYYY[-MM[-DD]])");
    cmd->add_option("--lang", args->options.languages, "only these languages (uk, ru, en, other)")->delimiter(',');
    cmd->add_option("--source", args->options.sources, "only these sources (exact name)");
    cmd->add_flag("--all-copies", args->all_copies, "show exact duplicates as separate hits");
    cmd->add_flag("-F,--literal", args->options.literal,
                  "read the query as plain text: no operators, fields, phrases or exclusions (like grep -F)");
    cmd->add_option("--color", args->color, "colour highlights: auto, always or never")
        ->capture_default_str()->check(CLI::IsMember({"auto", "always", "never"}));

    return [args]() {
        const auto started = std::chrono::steady_clock::now();
        try {
            args->options.sort = args->sort == "date"    ? SortOrder::date_oldest
                                 : args->sort == "-date" ? SortOrder::date_newest
                                                         : SortOrder::relevance;
            args->options.collapse_duplicates = !args->all_copies;
            Searcher searcher(args->db);
            const SearchResults results = searcher.search(args->query, args->options);
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            if (args->json) {
                print_json_lines(std::cout, results);
            } else {
                const char* no_color = std::getenv("NO_COLOR");
                const bool color = args->color == "always" ||
                                   (args->color == "auto" && isatty(STDOUT_FILENO) && !(no_color && *no_color));
                print_for_people(std::cout, results, color, ms);
                if (const auto better = find_suggestion(args->db, args->query, args->options, results))
                    print_suggestion(std::cout, *better, color);
            }
            return results.hits.empty() && results.estimated_matches == 0 ? kExitNoHits : kExitOk;
        } catch (const NoIndexError& e) {
            print_no_index(e.what(), e.nothing_there(), args->db);
        } catch (const QueryError& e) {
            print_error(std::string("bad query: ") + e.what());
        } catch (const SearchError& e) {
            print_error(e.what());
        }
        return kExitError;
    };
}

}  // namespace newsdex::cli
