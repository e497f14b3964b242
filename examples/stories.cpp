// Stories rather than articles: the same story republished with edits is listed once, with its
// number of versions; how the matches spread over the years; the articles most like one of them.
//   stories INDEX-DIR QUERY
#include <newsdex/error.h>
#include <newsdex/searcher.h>

#include <iostream>
#include <optional>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: " << argv[0] << " INDEX-DIR QUERY\n";
        return 2;
    }
    try {
        newsdex::Searcher searcher(argv[1]);
        newsdex::SearchOptions options;
        options.limit = 5;
        options.snippets = false;
        // collapse_duplicates (on by default) shows each story cluster once, at its best-placed
        // member; cluster_size counts the versions the index holds.
        const newsdex::SearchResults results = searcher.search(argv[2], options);
        for (const newsdex::Hit& hit : results.hits)
            std::cout << hit.rank << ". " << hit.title << " (" << hit.cluster_size << " versions, story "
                      << hit.cluster << ")\n";

        // Counted over every match, not just the page: a timeline.
        for (const newsdex::FacetBucket& year : searcher.facets(argv[2], newsdex::FacetBy::year).buckets)
            std::cout << (year.value.empty() ? "undated" : year.value) << ": " << year.count << '\n';

        // The other versions of the first story come first, then related articles; every version
        // is listed with collapse_duplicates off.
        if (!results.hits.empty()) {
            newsdex::SearchOptions like;
            like.limit = 5;
            like.snippets = false;
            like.collapse_duplicates = false;
            if (std::optional<newsdex::SearchResults> similar = searcher.similar(results.hits.front().id, like))
                for (const newsdex::Hit& hit : similar->hits)
                    std::cout << "like " << hit.rank << ". " << hit.title
                              << (hit.cluster == results.hits.front().cluster ? " (same story)" : "") << '\n';
        }
    } catch (const newsdex::Error& e) {
        std::cerr << "stories: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
