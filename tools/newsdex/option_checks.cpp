#include "option_checks.h"

#include "commands.h"

#include <cstdlib>
#include <unistd.h>

namespace newsdex::cli {

void add_filter_options(CLI::App& command, SearchOptions& options) {
    command.add_option("--since", options.since, "only articles published on or after this date (YYYY[-MM[-DD]])");
    command.add_option("--until", options.until, "only articles published on or before this date (YYYY[-MM[-DD]])");
    command.add_option("--lang", options.languages, "only these languages: uk, ru, en, other (any case; comma-separated)")
        ->delimiter(',');
    command.add_option("--source", options.sources,
                       "only this source: any case, the start of its name or whole words of it (newsdex stats lists them)");
}

std::string count_problem(const std::string& text, std::size_t least, std::size_t& value) {
    const std::string what = least == 0 ? "a number of hits to skip (0 or more)" : "a number of hits to show (1 or more)";
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 9)
        return text + " is not " + what;
    value = std::stoul(text);
    if (value < least) return text + " is not " + what;
    return "";
}

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

bool use_color(const std::string& color) {
    const char* no_color = std::getenv("NO_COLOR");
    return color == "always" || (color == "auto" && isatty(STDOUT_FILENO) && !(no_color && *no_color));
}

void add_paging_options(CLI::App& command, Paging& paging) {
    command.add_option("--limit", paging.limit, "hits to show (1 or more)")->capture_default_str();
    command.add_option("--offset", paging.offset, "hits to skip (for paging)")->capture_default_str();
}

bool read_paging(const Paging& paging, SearchOptions& options) {
    if (std::string problem = count_problem(paging.limit, 1, options.limit); !problem.empty()) {
        print_error("--limit: " + problem);
        return false;
    }
    if (std::string problem = count_problem(paging.offset, 0, options.offset); !problem.empty()) {
        print_error("--offset: " + problem);
        return false;
    }
    return true;
}

int report_search_failure(std::exception_ptr error, const std::string& db, const SearchOptions& options) {
    try {
        std::rethrow_exception(error);
    } catch (const NoIndexError& e) {
        print_no_index(e.what(), e.nothing_there(), db);
    } catch (const OptionError& e) {
        print_error(flag_message(e, options.since, options.until));
    } catch (const QueryError& e) {
        print_error(std::string("bad query: ") + e.what());
    } catch (const NeedsReindexError& e) {
        print_error(std::string(e.what()) + "; re-index it (newsdex index --db " + db + " with the same sources) to add them");
    } catch (const SearchError& e) {
        print_error(e.what());
    }
    return kExitError;
}

}  // namespace newsdex::cli
