// Runs a fuzz target without libFuzzer, so that every build tests it: over each file of the given
// directories (the seed corpus and the inputs that once crashed), then over variants of each made
// by a fixed-seed generator (cuts, flipped and inserted bytes, spliced halves), which reach the
// error paths a well-formed seed never takes. `NEWSDEX_FUZZ=ON` with clang builds the real fuzzer.
//   <target>_fuzz_replay [--variants N] DIR...
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::string& input) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string variant(const std::string& seed, const std::string& other, std::mt19937& rng) {
    std::string s = seed;
    switch (rng() % 4) {
    case 0:  // cut short, as downloads are
        s.resize(s.empty() ? 0 : rng() % s.size());
        break;
    case 1:  // bytes changed in place
        for (int k = 0, n = 1 + static_cast<int>(rng() % 8); k < n && !s.empty(); ++k)
            s[rng() % s.size()] = static_cast<char>(rng());
        break;
    case 2:  // bytes inserted, among them the ones parsers care about
    {
        static const char special[] = "<>&\"'{}[]:,\\\n\r\0\xff\xd0";
        for (int k = 0, n = 1 + static_cast<int>(rng() % 4); k < n; ++k)
            s.insert(s.begin() + static_cast<std::ptrdiff_t>(s.empty() ? 0 : rng() % s.size()),
                     special[rng() % (sizeof special - 1)]);
        break;
    }
    default:  // the head of one input on the tail of another
        s = seed.substr(0, seed.empty() ? 0 : rng() % seed.size()) +
            other.substr(other.empty() ? 0 : rng() % other.size());
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    int variants = 20;
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--variants") == 0 && i + 1 < argc) {
            variants = std::atoi(argv[++i]);
            continue;
        }
        std::error_code ec;
        // A target without regressions yet has no directory for them.
        if (!std::filesystem::is_directory(argv[i], ec)) continue;
        for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i]))
            if (e.is_regular_file()) files.push_back(e.path());
    }
    if (files.empty()) {
        std::fprintf(stderr, "fuzz replay: no inputs found\n");
        return 1;
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> inputs;
    for (const auto& f : files) inputs.push_back(read_file(f));
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        // Named before it runs: a crash leaves the culprit as the last line.
        std::fprintf(stderr, "%s\n", files[i].c_str());
        run(inputs[i]);
    }
    // Variants exist only in memory; to keep the one that fails, set NEWSDEX_FUZZ_REPLAY_LAST to a
    // file name and each variant is written there before it runs.
    const char* last = std::getenv("NEWSDEX_FUZZ_REPLAY_LAST");
    std::mt19937 rng(20261202);
    std::size_t runs = inputs.size();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        for (int k = 0; k < variants; ++k, ++runs) {
            const std::string v = variant(inputs[i], inputs[rng() % inputs.size()], rng);
            if (last) std::ofstream(last, std::ios::binary | std::ios::trunc) << v;
            run(v);
        }
    }
    std::printf("fuzz replay: %zu files, %zu inputs, no failure\n", inputs.size(), runs);
    return 0;
}
