// Fuzz target: charset declarations, detection and conversion. Whatever the bytes and whatever
// charset is claimed for them, the result is valid UTF-8 and names what it was converted from.
#include "charset.h"
#include "extractor.h"
#include "fuzz_support.h"

#include <cstdint>
#include <string>

namespace {

void check_lower_case(const std::string& name, const char* what) {
    for (char c : name)
        if (c >= 'A' && c <= 'Z') newsdex::fuzz::fail(what, name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using newsdex::fuzz::fail;
    using newsdex::fuzz::valid_utf8;
    // The size picks a charset claimed from outside (an HTTP header), right, wrong or unknown.
    static const char* const declared[] = {"", "utf-8", "windows-1251", "koi8-u", "utf-16be", "utf-32le",
                                           "iso-8859-5", "bogus", "UTF-7", "gb18030", "", ""};
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    check_lower_case(newsdex::declared_charset(bytes), "declared_charset is not lower-case");
    // A Content-Type header value is at most a line; the same bytes serve as one.
    check_lower_case(newsdex::charset_from_content_type(bytes.substr(0, 200)), "content-type charset is not lower-case");
    if (newsdex::detect_charset(bytes).empty()) fail("no charset detected", bytes);

    const newsdex::Utf8Text text = newsdex::to_utf8(bytes, declared[size % 12]);
    if (!valid_utf8(text.text)) fail("to_utf8 gave invalid UTF-8", text.text);
    if (text.charset.empty()) fail("to_utf8 without a charset", text.text);
    // No check that the text starts without U+FEFF: after a byte-order mark has been taken off, a
    // second one is a character of the text (the fuzzer found FE FF FE FF: UTF-16 with two).

    const std::string repaired = newsdex::repair_utf8(bytes);
    if (!valid_utf8(repaired)) fail("repair_utf8 gave invalid UTF-8", repaired);
    // Valid text passes unchanged, but for a leading BOM.
    const std::string_view unbommed = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes;
    if (valid_utf8(bytes) && repaired != unbommed) fail("repair_utf8 changed valid UTF-8", repaired);
    return 0;
}
