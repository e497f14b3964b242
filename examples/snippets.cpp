// Snippets with the matched words highlighted, in any inflected form. Hit::highlights counts
// Unicode code points, not bytes, so the UTF-8 snippet is walked code point by code point to put
// marks around them (here [ and ]; a terminal would take colours, a web page <mark>).
//   snippets INDEX-DIR QUERY
#include <newsdex/error.h>
#include <newsdex/searcher.h>

#include <cstddef>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

// @p text with @p open and @p close around each [start, end) range of code points.
std::string mark(const std::string& text, const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                 const std::string& open, const std::string& close) {
    std::string out;
    std::size_t code_point = 0;
    auto marks_at = [&](std::size_t at) {
        for (const auto& [start, end] : ranges) {
            if (end == at) out += close;
            if (start == at) out += open;
        }
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        // A code point starts at every byte that is not a UTF-8 continuation byte (10xxxxxx).
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) marks_at(code_point++);
        out += text[i];
    }
    marks_at(code_point);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: " << argv[0] << " INDEX-DIR QUERY\n";
        return 2;
    }
    try {
        newsdex::Searcher searcher(argv[1]);
        newsdex::SearchOptions options;
        options.limit = 5;
        options.snippet_chars = 160;
        const newsdex::SearchResults results = searcher.search(argv[2], options);
        for (const newsdex::Hit& hit : results.hits) {
            std::cout << hit.rank << ". " << hit.title << "  <" << hit.url << ">\n";
            std::cout << "   " << mark(hit.snippet, hit.highlights, "[", "]") << '\n';
        }
        // The whole article, as stored, for a reader who opens a hit.
        if (!results.hits.empty()) {
            if (std::optional<newsdex::Article> article = searcher.find(results.hits.front().id))
                std::cout << "the first article has " << article->body.size() << " bytes of text\n";
        }
    } catch (const newsdex::Error& e) {
        std::cerr << "snippets: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
