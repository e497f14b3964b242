// Near-duplicate sketches: a MinHash signature of an article's body, computed by the indexer from
// the analyzer's normalized words and compared by the searcher. docs/schema.md ("Near
// duplicates") says what is stored; docs/benchmarks.md how the constants were chosen.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::near_duplicate {

/// Shingles are runs of this many consecutive normalized words: a changed word changes three
/// shingles, a reordered sentence only the two at its edges.
inline constexpr std::size_t kShingleWords = 3;
/// MinHash values per article; the share of equal values estimates the Jaccard similarity of two
/// articles' shingle sets (standard error 0.06 at 0.5).
inline constexpr std::size_t kHashes = 64;
/// LSH bands stored as terms: band b is the pair of values 2b, 2b+1. Two articles with Jaccard 0.4
/// share a band with probability 1 - (1 - 0.4²)^16 = 0.94; at 0.5, 0.99.
inline constexpr std::size_t kBands = 16;
inline constexpr std::size_t kRows = 2;
static_assert(kBands * kRows <= kHashes);
/// Texts with fewer shingles get no sketch: a two-line note matches too much by chance.
inline constexpr std::size_t kMinShingles = 10;
/// Two articles are near duplicates when at least this share of their MinHash values agree
/// (tuned on one half of a hash split of generated pairs, docs/benchmarks.md).
inline constexpr double kThreshold = 0.5;

struct Sketch {
    std::array<std::uint32_t, kHashes> mins{};
};

/// The sketch of a text given as its normalized words in order; nullopt when it has fewer than
/// kMinShingles shingles.
std::optional<Sketch> sketch_of(const std::vector<std::string_view>& words);

/// The value-slot form (kHashes little-endian 32-bit values) and back; nullopt for anything else.
std::string encode(const Sketch& sketch);
std::optional<Sketch> decode(std::string_view value);

/// The band terms of a sketch (each with @p prefix): articles that share one are candidates.
std::vector<std::string> band_terms(const Sketch& sketch, std::string_view prefix);

/// The share of MinHash values two sketches agree on: an estimate of their Jaccard similarity.
double similarity(const Sketch& a, const Sketch& b);

inline bool near_duplicates(const Sketch& a, const Sketch& b) { return similarity(a, b) >= kThreshold; }

}  // namespace newsdex::near_duplicate
