#include "read_position.h"

#include <algorithm>
#include <charconv>

namespace newsdex {

std::string ReadPosition::encode() const {
    std::string out;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i) out += '/';
        out += std::to_string(entries[i]);
    }
    if (line != kWholeEntry) out += ":" + std::to_string(line);
    return out;
}

std::optional<ReadPosition> ReadPosition::decode(const std::string& text) {
    ReadPosition p;
    const char* at = text.data();
    const char* end = text.data() + text.size();
    for (;;) {
        std::uint64_t n = 0;
        const auto [next, ec] = std::from_chars(at, end, n);
        if (ec != std::errc() || n == 0) return std::nullopt;
        p.entries.push_back(n);
        at = next;
        if (at == end) return p;
        if (*at == ':') break;
        if (*at != '/') return std::nullopt;
        ++at;
    }
    ++at;
    const auto [next, ec] = std::from_chars(at, end, p.line);
    if (ec != std::errc() || next != end) return std::nullopt;
    return p;
}

bool entry_done(const std::vector<std::uint64_t>& path, const ReadPosition& done) {
    const std::size_t common = std::min(path.size(), done.entries.size());
    for (std::size_t i = 0; i < common; ++i) {
        if (path[i] < done.entries[i]) return true;
        if (path[i] > done.entries[i]) return false;
    }
    // Same entry, or one level holds the other: done only when it names this very entry whole.
    return path.size() == done.entries.size() && done.line == ReadPosition::kWholeEntry;
}

bool resumes_inside(const std::vector<std::uint64_t>& path, const ReadPosition& done) {
    if (done.entries.size() < path.size() || !std::equal(path.begin(), path.end(), done.entries.begin())) return false;
    return done.entries.size() > path.size() || done.line != ReadPosition::kWholeEntry;
}

}  // namespace newsdex
