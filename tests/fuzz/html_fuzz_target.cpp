// Fuzz target: an HTML page in any encoding, with or without a charset from an HTTP header.
#include "fuzz_support.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The size picks the charset a server might have declared, wrong ones included, so that any
    // page is a seed as it stands.
    static const char* const declared[] = {"", "", "", "utf-8", "windows-1251", "koi8-r", "utf-16le", "x-nonsense", "cp866"};
    const std::string_view page(reinterpret_cast<const char*>(data), size);
    const newsdex::Article a = newsdex::extract_html(page, "fuzz.html", declared[size % 9]);
    newsdex::fuzz::check_article(a);
    return 0;
}
