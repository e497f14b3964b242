#include "commands.h"
#include "result_printer.h"
#include "suggestion_printer.h"

#include "newsdex/searcher.h"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace newsdex::cli {
namespace {

// A count given on the command line: digits only, at least @p least; what is wrong, or "".
std::string count_problem(const std::string& text, std::size_t least, std::size_t& value) {
    const std::string what = least == 0 ? "a number of hits to skip (0 or more)" : "a number of hits to show (1 or more)";
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 9)
        return text + " is not " + what;
    value = std::stoul(text);
    if (value < least) return text + " is not " + what;
    return "";
}

// The library names an option by its field; people know it by its flag.
std::string flag_message(const OptionError& e, const std::string& since, const std::string& until) {
    switch (e.option()) {
    case OptionError::Option::since: return "--since: " + e.problem();
    case OptionError::Option::until: return "--until: " + e.problem();
    case OptionError::Option::date_range: return "--until " + until + " is before --since " + since + ": the range is empty";
    case OptionError::Option::languages: return "--lang: " + e.problem();
    case OptionError::Option::sources: return "--source: " + e.problem() + " (newsdex stats lists the sources)";
    }
    return e.what();
}

}  // namespace

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
        std::string limit = "10", offset = "0";
    };
    auto args = std::make_shared<Args>();
    add_db_option(*cmd, args->db);
    cmd->add_option("query", args->query, "the query (see docs/query-language.md)")->required();
    // Read as text and checked by the action, which says what is wrong in one line.
    cmd->add_option("--limit", args->limit, "hits to show (1 or more)")->capture_default_str();
    cmd->add_option("--offset", args->offset, "hits to skip (for paging)")->capture_default_str();
    cmd->add_flag("--json", args->json, "print JSON Lines, one object per hit");
    cmd->add_flag("--count", args->count,
                  "print only the match count, as one JSON object: {\"matches\": N, \"exact\": true, \"matched\": \"all\"}");
    cmd->add_option("--sort", args->sort, "relevance, date (oldest first) or -date (newest first)")
        ->capture_default_str()->check(CLI::IsMember({"relevance", "date", "-date"}));
    cmd->add_option("--since", args->options.since, "only articles published on or after this date (YYYY[-MM[-DD]])");
    cmd->add_option("--until", args->options.until, "only articles published on or before this date (YYYY[-MM[-DD]])");
    cmd->add_option("--lang", args->options.languages, "only these languages: uk, ru, en, other (any case; comma-separated)")
        ->delimiter(',');
    cmd->add_option("--source", args->options.sources,
                    "only this source: any case, the start of its name or whole words of it (newsdex stats lists them)");
    cmd->add_flag("--all-copies", args->all_copies, "show exact duplicates as separate hits");
    cmd->add_flag("-F,--literal", args->options.literal,
                  "read the query as plain text: no operators, fields, phrases or exclusions (like grep -F)");
    cmd->add_flag("--uk-ru", args->options.other_cyrillic,
                  "a Ukrainian or Russian word also finds its spelling in the other language (мост → міст, Київ → Киев)");
    cmd->add_option("--color", args->color, "colour highlights: auto, always or never")
        ->capture_default_str()->check(CLI::IsMember({"auto", "always", "never"}));

    return [args]() {
        const auto started = std::chrono::steady_clock::now();
        if (std::string problem = count_problem(args->limit, 1, args->options.limit); !problem.empty()) {
            print_error("--limit: " + problem);
            return kExitError;
        }
        if (std::string problem = count_problem(args->offset, 0, args->options.offset); !problem.empty()) {
            print_error("--offset: " + problem);
            return kExitError;
        }
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
                const char* no_color = std::getenv("NO_COLOR");
                const bool color = args->color == "always" ||
                                   (args->color == "auto" && isatty(STDOUT_FILENO) && !(no_color && *no_color));
                print_for_people(std::cout, results, color, ms);
                if (const auto better = find_suggestion(args->db, args->query, args->options, results))
                    print_suggestion(std::cout, *better, color);
            }
            return results.hits.empty() && results.count.matches == 0 ? kExitNoHits : kExitOk;
        } catch (const NoIndexError& e) {
            print_no_index(e.what(), e.nothing_there(), args->db);
        } catch (const OptionError& e) {
            print_error(flag_message(e, args->options.since, args->options.until));
        } catch (const QueryError& e) {
            print_error(std::string("bad query: ") + e.what());
        } catch (const SearchError& e) {
            print_error(e.what());
        }
        return kExitError;
    };
}

}  // namespace newsdex::cli
