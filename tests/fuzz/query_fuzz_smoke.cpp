// Runs the query fuzz target without libFuzzer: over the seed corpus, then over inputs made from
// query-language fragments and random bytes by a fixed-seed generator, so the test suite
// exercises the target on every build. `NEWSDEX_FUZZ=ON` with clang builds the real fuzzer.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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

}  // namespace

int main(int argc, char** argv) {
    std::size_t runs = 0;
    if (argc > 1) {
        for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            run(ss.str());
            ++runs;
        }
    }
    const std::vector<std::string> pieces{
        "\"", "(", ")", " ", "AND", "OR", "NOT", "NEAR/3", "NEAR", "-", "+", "*", ":", "title:", "date:",
        "date:2019-06..2019-08", "..", "site:", "lang:", "author:", "переговори", "Києві", "ёлка", "м’ясо",
        "word", "\xff", "\xc3", "\xe2\x80", "\u00ad", "\u0301", "«", "»", "NEAR/99999", "0", "a*", "((", "))"};
    std::mt19937 rng(20261126);
    const int count = argc > 2 ? std::atoi(argv[2]) : 20000;
    for (int i = 0; i < count; ++i) {
        std::string q;
        const int n = static_cast<int>(rng() % 12);
        for (int k = 0; k < n; ++k) {
            if (rng() % 5 == 0) q += static_cast<char>(rng() % 256);
            else q += pieces[rng() % pieces.size()];
            if (rng() % 3 == 0) q += ' ';
        }
        run(q);
        ++runs;
    }
    std::printf("query fuzz smoke: %zu inputs, no failure\n", runs);
    return 0;
}
