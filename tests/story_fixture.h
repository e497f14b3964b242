// Made-up news stories and their republished versions, for the cluster, similar and facet tests:
// sentences of ordinary words in a seeded random order, so two stories share almost no run of
// three words while a republication shares most of them.
#pragma once

#include <cstddef>
#include <random>
#include <string>
#include <vector>

namespace newsdex::test {

inline std::vector<std::string> story_sentences(unsigned seed, std::size_t count = 10) {
    static const char* const kWords[] = {
        "council", "river",  "bridge", "mayor",   "station", "grain",  "harbour", "market", "school",  "train",
        "weather", "storm",  "farmers", "museum", "library", "budget", "vote",    "road",   "repairs", "hospital",
        "teacher", "police", "festival", "north", "south",   "plans",  "report",  "prices", "water",   "power",
        "minister", "club",  "season", "village", "workers", "strike", "ferry",   "airport", "park",   "housing"};
    std::mt19937 rng(seed);
    std::vector<std::string> sentences;
    for (std::size_t s = 0; s < count; ++s) {
        std::string sentence;
        for (int w = 0; w < 12; ++w) sentence += std::string(w ? " " : "") + kWords[rng() % std::size(kWords)];
        sentence[0] = static_cast<char>(sentence[0] - 'a' + 'A');
        sentences.push_back(sentence + ".");
    }
    return sentences;
}

inline std::string join_story(const std::vector<std::string>& sentences) {
    std::string text;
    for (const auto& s : sentences) text += (text.empty() ? "" : " ") + s;
    return text;
}

/// The story as another outlet republished it: one sentence dropped, one reworded at its end, two
/// swapped (the @p variant-th of a few such editions).
inline std::string republished(const std::vector<std::string>& sentences, unsigned variant) {
    std::vector<std::string> copy = sentences;
    const std::size_t n = copy.size();
    copy[(1 + variant) % n].resize(copy[(1 + variant) % n].size() - 1);
    copy[(1 + variant) % n] += " officials said.";
    std::swap(copy[(3 + variant) % n], copy[(4 + variant) % n]);
    copy.erase(copy.begin() + static_cast<long>((6 + variant) % n));
    return join_story(copy);
}

}  // namespace newsdex::test
