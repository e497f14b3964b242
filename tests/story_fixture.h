// Made-up news stories and their republished versions, for the cluster, similar and facet tests:
// sentences of made-up words in a seeded random order, so two stories share almost no run of
// three words while a republication shares most of them.
#pragma once

#include <cstddef>
#include <random>
#include <string>
#include <vector>

namespace newsdex::test {

/// Made-up words from syllables ("balo", "kemir", ...): 400 of them, so that two stories share
/// some words but few, as real ones do.
inline const std::vector<std::string>& story_words() {
    static const std::vector<std::string> words = [] {
        const char* const first[] = {"ba", "ke", "mi", "lo", "tu", "ra", "se", "vo", "di", "na",
                                     "po", "gu", "fe", "ri", "sa", "to", "me", "ni", "ha", "ju"};
        const char* const second[] = {"lo", "mir", "ten", "vas", "rik", "dol", "ban", "sen", "tor", "lam",
                                      "nes", "pik", "gar", "ful", "mon", "rin", "zet", "kal", "dus", "ver"};
        std::vector<std::string> out;
        for (const char* f : first)
            for (const char* s : second) out.push_back(std::string(f) + s);
        return out;
    }();
    return words;
}

inline std::vector<std::string> story_sentences(unsigned seed, std::size_t count = 10) {
    const auto& words = story_words();
    std::mt19937 rng(seed);
    std::vector<std::string> sentences;
    for (std::size_t s = 0; s < count; ++s) {
        std::string sentence;
        for (int w = 0; w < 12; ++w) sentence += std::string(w ? " " : "") + words[rng() % words.size()];
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
