#include "nearest_spelling.h"

#include "utf32.h"

#include <algorithm>
#include <vector>

namespace newsdex {
namespace {

const std::u32string kLatin = U"abcdefghijklmnopqrstuvwxyz";
const std::u32string kCyrillic = U"абвгґдеєжзиіїйклмнопрстуфхцчшщъыьэюя'";

const std::u32string* alphabet_of(const std::u32string& word) {
    auto all_in = [&](const std::u32string& letters) {
        return std::all_of(word.begin(), word.end(), [&](char32_t c) { return letters.find(c) != std::u32string::npos; });
    };
    if (all_in(kLatin)) return &kLatin;
    if (all_in(kCyrillic)) return &kCyrillic;
    return nullptr;
}

}  // namespace

std::string nearest_spelling(const Xapian::Database& db, const std::string& word) {
    const std::u32string w = to_u32(word);
    const std::u32string* letters = w.empty() ? nullptr : alphabet_of(w);
    if (letters == nullptr) return {};
    std::vector<std::string> candidates;
    auto add = [&](const std::u32string& candidate) {
        if (!candidate.empty() && candidate != w) candidates.push_back(to_utf8(candidate));
    };
    for (std::size_t i = 0; i < w.size(); ++i) add(w.substr(0, i) + w.substr(i + 1));
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
        std::u32string swapped = w;
        std::swap(swapped[i], swapped[i + 1]);
        add(swapped);
    }
    for (std::size_t i = 0; i <= w.size(); ++i)
        for (char32_t c : *letters) {
            if (i < w.size()) {
                std::u32string replaced = w;
                replaced[i] = c;
                add(replaced);
            }
            add(w.substr(0, i) + c + w.substr(i));
        }
    // Xapian 1.4 gives a word's spelling frequency only through the list of spelling words: one
    // walk over it, skipping forward to each candidate in order.
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::string best;
    Xapian::doccount best_freq = 0;
    Xapian::TermIterator it = db.spellings_begin();
    const Xapian::TermIterator end = db.spellings_end();
    // A word the spelling data holds is written so in the index: no typo (as Xapian decides too).
    it.skip_to(word);
    if (it != end && *it == word) return {};
    for (const std::string& candidate : candidates) {
        it.skip_to(candidate);
        if (it == end) break;
        // Ties go to the first in order, so the answer depends on nothing but the data.
        if (*it == candidate && it.get_termfreq() > best_freq) {
            best_freq = it.get_termfreq();
            best = candidate;
        }
    }
    return best;
}

}  // namespace newsdex
