// Searching with filters: a publication date range, languages and sources, newest first; and
// telling the kinds of error apart.
//   search_filters INDEX-DIR QUERY [SINCE [UNTIL [LANGUAGE [SOURCE]]]]   (dates YYYY[-MM[-DD]], "" for none)
#include <newsdex/error.h>
#include <newsdex/searcher.h>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3 || argc > 7) {
        std::cerr << "usage: " << argv[0] << " INDEX-DIR QUERY [SINCE [UNTIL [LANGUAGE [SOURCE]]]]\n";
        return 2;
    }
    newsdex::SearchOptions options;
    options.limit = 20;
    options.sort = newsdex::SortOrder::date_newest;
    if (argc > 3) options.since = argv[3];
    if (argc > 4) options.until = argv[4];
    if (argc > 5 && *argv[5]) options.languages = {argv[5]};  // uk, ru, en or other
    if (argc > 6 && *argv[6]) options.sources = {argv[6]};    // the start of a source's name, any case
    try {
        newsdex::Searcher searcher(argv[1]);
        const newsdex::SearchResults results = searcher.search(argv[2], options);
        const newsdex::MatchCount& count = results.count;
        if (count.exact)
            std::cout << count.matches << " matches\n";
        else
            std::cout << "about " << count.matches << " matches (" << count.lower << " to " << count.upper << ")\n";
        for (const newsdex::Hit& hit : results.hits)
            std::cout << hit.rank << ". " << hit.published << " [" << hit.lang << "] " << hit.source << ": " << hit.title
                      << (hit.copies > 1 ? " (" + std::to_string(hit.copies) + " copies)" : "") << '\n';
    } catch (const newsdex::OptionError& e) {
        // A filter value that cannot be right; name the option as this program's users know it.
        std::cerr << "search_filters: bad " << newsdex::OptionError::name(e.option()) << " \"" << e.value()
                  << "\": " << e.problem() << '\n';
        return 2;
    } catch (const newsdex::QueryError& e) {
        std::cerr << "search_filters: " << e.what() << '\n' << argv[2] << '\n'
                  << std::string(e.column() - 1, ' ') << "^\n";
        return 2;
    } catch (const newsdex::NoIndexError& e) {
        std::cerr << "search_filters: " << e.what() << (e.nothing_there() ? " (index something first)" : "") << '\n';
        return 2;
    } catch (const newsdex::Error& e) {
        std::cerr << "search_filters: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
