// Fuzz target: WARC files (records, HTTP headers, chunked and compressed bodies, the pages inside).
#include "fuzz_support.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    newsdex::Member member;
    member.path = "fuzz.warc";
    member.data.assign(reinterpret_cast<const char*>(data), size);
    newsdex::fuzz::check_extraction(newsdex::extract_warc(member));
    return 0;
}
