#include "newsdex/near_duplicate.h"

#include "newsdex/schema.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace newsdex::near_duplicate {
namespace {

// splitmix64's finalizer: one 64-bit shingle hash gives kHashes independent-looking hashes, so
// a shingle is hashed once, not kHashes times.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

}  // namespace

std::optional<Sketch> sketch_of(const std::vector<std::string_view>& words) {
    if (words.size() < kShingleWords || words.size() - kShingleWords + 1 < kMinShingles) return std::nullopt;
    Sketch sketch;
    sketch.mins.fill(std::numeric_limits<std::uint32_t>::max());
    std::vector<std::uint64_t> word_hashes;
    word_hashes.reserve(words.size());
    for (std::string_view w : words) word_hashes.push_back(schema::stable_hash(w));
    for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
        std::uint64_t h = 0;
        for (std::size_t k = 0; k < kShingleWords; ++k) h = mix(h ^ word_hashes[i + k]);
        for (std::size_t j = 0; j < kHashes; ++j) {
            const auto v = static_cast<std::uint32_t>(mix(h + 0x9e3779b97f4a7c15ULL * (j + 1)) >> 32);
            sketch.mins[j] = std::min(sketch.mins[j], v);
        }
    }
    return sketch;
}

std::string encode(const Sketch& sketch) {
    std::string out;
    out.reserve(kHashes * 4);
    for (std::uint32_t v : sketch.mins)
        for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
    return out;
}

std::optional<Sketch> decode(std::string_view value) {
    if (value.size() != kHashes * 4) return std::nullopt;
    Sketch sketch;
    for (std::size_t j = 0; j < kHashes; ++j) {
        std::uint32_t v = 0;
        for (int b = 0; b < 4; ++b) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(value[j * 4 + b])) << (8 * b);
        sketch.mins[j] = v;
    }
    return sketch;
}

std::vector<std::string> band_terms(const Sketch& sketch, std::string_view prefix) {
    std::vector<std::string> terms;
    terms.reserve(kBands);
    for (std::size_t b = 0; b < kBands; ++b) {
        std::uint64_t h = b;
        for (std::size_t r = 0; r < kRows; ++r) h = mix(h ^ (static_cast<std::uint64_t>(sketch.mins[b * kRows + r]) << (r * 32 % 64)));
        // 12 hex digits (48 bits): a false band match between unrelated articles is only a
        // candidate, which the similarity check then rejects.
        char buf[16];
        std::snprintf(buf, sizeof buf, "%x%012llx", static_cast<unsigned>(b), static_cast<unsigned long long>(h >> 16));
        terms.push_back(std::string(prefix) + buf);
    }
    return terms;
}

double similarity(const Sketch& a, const Sketch& b) {
    std::size_t same = 0;
    for (std::size_t j = 0; j < kHashes; ++j) same += a.mins[j] == b.mins[j];
    return static_cast<double>(same) / kHashes;
}

}  // namespace newsdex::near_duplicate
