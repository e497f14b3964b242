#include "commands.h"
#include "option_checks.h"
#include "result_printer.h"
#include "suggestion_printer.h"

#include "newsdex/searcher.h"

#include <chrono>
#include <iostream>
#include <memory>
#include <sstream>

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
        bool count = false;
        Paging paging;
    };
    auto args = std::make_shared<Args>();
    add_db_option(*cmd, args->db);
    cmd->add_option("query", args->query, "the query (see docs/query-language.md)")->required();
    // Read as text and checked by the action, which says what is wrong in one line.
    add_paging_options(*cmd, args->paging);
    cmd->add_flag("--json", args->json, "print JSON Lines, one object per hit");
    cmd->add_flag("--count", args->count,
                  "print only the match count, as one JSON object: {\"matches\": N, \"exact\": true, \"matched\": \"all\"}");
    cmd->add_option("--sort", args->sort, "relevance, date (oldest first) or -date (newest first)")
        ->capture_default_str()->check(CLI::IsMember({"relevance", "date", "-date"}));
    add_filter_options(*cmd, args->options);
    cmd->add_flag("--all-copies", args->all_copies, "show exact copies and near duplicates (other versions of a story) as separate hits");
    cmd->add_flag("-F,--literal", args->options.literal,
                  "read the query as plain text: no operators, fields, phrases or exclusions (like grep -F)");
    cmd->add_flag("--uk-ru", args->options.other_cyrillic,
                  "a Ukrainian or Russian word also finds its spelling in the other language (мост → міст, Київ → Киев)");
    cmd->add_option("--color", args->color, "colour highlights: auto, always or never")
        ->capture_default_str()->check(CLI::IsMember({"auto", "always", "never"}));

    return [args]() {
        const auto started = std::chrono::steady_clock::now();
        if (!read_paging(args->paging, args->options)) return kExitError;
        if (args->count) {
            args->options.limit = 0;
            args->options.snippets = false;
        }
        try {
            args->options.sort = args->sort == "date"    ? SortOrder::date_oldest
                                 : args->sort == "-date" ? SortOrder::date_newest
                                                         : SortOrder::relevance;
            args->options.collapse_duplicates = !args->all_copies;
            Searcher searcher(args->db);
            const SearchResults results = searcher.search(args->query, args->options);
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            if (args->count) {
                std::ostringstream count;
                print_count_json(count, results);
                std::cout << with_suggestion(count.str(), find_suggestion(args->db, args->query, args->options, results));
            } else if (args->json) {
                print_json_lines(std::cout, results);
            } else {
                const bool color = use_color(args->color);
                print_for_people(std::cout, results, color, ms);
                if (const auto better = find_suggestion(args->db, args->query, args->options, results))
                    print_suggestion(std::cout, *better, color);
            }
            return results.hits.empty() && results.count.matches == 0 ? kExitNoHits : kExitOk;
        } catch (...) {
            return report_search_failure(std::current_exception(), args->db, args->options);
        }
    };
}

}  // namespace newsdex::cli
