// Fuzz target: JSON, JSON arrays and JSON Lines chunks as the extractor gets them (UTF-8 already).
// Every article it returns has UTF-8 fields; nothing else may escape (exceptions, crashes, hangs).
#include "fuzz_support.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // User-given keys, dotted paths included, take the lookup through find_path as well.
    static const newsdex::JsonFields fields{{"title", {"headline", "meta.title"}}, {"body", {"content.text"}},
                                            {"date", {"meta.published"}}, {"id", {"guid"}}};
    // The size picks how the member arrives (whole, or as a later chunk of JSON Lines) and whether
    // the user gave keys, so that any JSON file is a seed as it stands.
    const std::size_t first_line = size % 4 == 0 ? 41 : 1;
    const bool with_fields = size / 4 % 2 == 1;
    newsdex::Member member;
    member.path = "fuzz.jsonl";
    member.data = newsdex::repair_utf8({reinterpret_cast<const char*>(data), size});
    member.first_line = first_line;
    const newsdex::Extraction out =
        with_fields ? newsdex::extract_json(member, fields) : newsdex::extract_json(member);
    newsdex::fuzz::check_extraction(out);
    return 0;
}
