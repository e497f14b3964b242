#include "suggestion_printer.h"

namespace newsdex::cli {

std::optional<Suggestion> find_suggestion(const std::string& db, const std::string& query, const SearchOptions& options,
                                          const SearchResults& results) {
    const SuggestOptions defaults;
    // The OR fallback (or a long query's any-word match) can find many articles with only some
    // of the words; the suggester counts articles with all of them itself.
    if (results.count.matches >= defaults.few && !results.fell_back && results.word_match == WordMatch::all)
        return std::nullopt;
    try {
        return Suggester(db).suggest(query, options, defaults);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void print_suggestion(std::ostream& out, const Suggestion& suggestion, bool color) {
    out << "Did you mean: " << (color ? "\x1b[1m" : "") << suggestion.query << (color ? "\x1b[0m" : "") << " ("
        << suggestion.matches << (suggestion.matches == 1 ? " match" : " matches") << ")\n";
}

nlohmann::json suggestion_json(const Suggestion& suggestion) {
    return {{"query", suggestion.query},
            {"matches", suggestion.matches},
            {"reason", suggestion.reason == Suggestion::Reason::spelling ? "spelling" : "keyboard layout"}};
}

std::string with_suggestion(const std::string& count_line, const std::optional<Suggestion>& suggestion) {
    if (!suggestion) return count_line;
    nlohmann::json j = nlohmann::json::parse(count_line);
    j["suggestion"] = suggestion_json(*suggestion);
    // The query is the user's bytes: never fail on invalid UTF-8 in it.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

}  // namespace newsdex::cli
