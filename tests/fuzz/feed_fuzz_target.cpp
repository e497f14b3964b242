// Fuzz target: RSS 2.0, RSS 1.0 and Atom feeds in any encoding.
#include "fuzz_support.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    newsdex::Member member;
    member.path = "fuzz.xml";
    member.data.assign(reinterpret_cast<const char*>(data), size);
    newsdex::fuzz::check_extraction(newsdex::extract_feed(member));
    return 0;
}
