#include "commands.h"
#include "option_checks.h"
#include "result_printer.h"

#include "newsdex/searcher.h"

#include <chrono>
#include <iostream>
#include <memory>

namespace newsdex::cli {

Action add_similar_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("similar", "list the articles most like one article, its other versions first; "
                                              "exit 0 with hits, 1 without or with no such id, 2 on error");
    struct Args {
        std::string db;
        std::string id;
        SearchOptions options;
        bool json = false;
        bool all_copies = false;
        std::string color = "auto";
        Paging paging;
    };
    auto args = std::make_shared<Args>();
    add_db_option(*cmd, args->db);
    cmd->add_option("id", args->id, "the article's id, as search prints it")->required();
    add_paging_options(*cmd, args->paging);
    cmd->add_flag("--json", args->json, "print JSON Lines, one object per hit (as search --json)");
    add_filter_options(*cmd, args->options);
    cmd->add_flag("--all-copies", args->all_copies, "show exact copies and near duplicates as separate hits");
    cmd->add_option("--color", args->color, "colour highlights: auto, always or never")
        ->capture_default_str()->check(CLI::IsMember({"auto", "always", "never"}));

    return [args]() {
        const auto started = std::chrono::steady_clock::now();
        if (!read_paging(args->paging, args->options)) return kExitError;
        args->options.collapse_duplicates = !args->all_copies;
        try {
            Searcher searcher(args->db);
            const auto results = searcher.similar(args->id, args->options);
            if (!results) {
                print_error("no article with id " + args->id + " in " + args->db);
                return kExitNoHits;
            }
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            if (args->json) print_json_lines(std::cout, *results);
            else print_for_people(std::cout, *results, use_color(args->color), ms);
            return results->hits.empty() ? kExitNoHits : kExitOk;
        } catch (...) {
            return report_search_failure(std::current_exception(), args->db, args->options);
        }
    };
}

}  // namespace newsdex::cli
