#include "near_duplicate_terms.h"

#include "newsdex/near_duplicate.h"
#include "newsdex/schema.h"

#include <string_view>

namespace newsdex {

void add_near_duplicate_sketch(Xapian::Document& doc, const std::vector<Token>& body) {
    // The body only: a republication's headline is the part most often rewritten.
    std::vector<std::string_view> words;
    words.reserve(body.size());
    for (const Token& t : body) words.emplace_back(t.term);
    const auto sketch = near_duplicate::sketch_of(words);
    if (!sketch) return;
    doc.add_value(schema::kSketchSlot, near_duplicate::encode(*sketch));
    for (const std::string& term : near_duplicate::band_terms(*sketch, schema::kNearDuplicatePrefix))
        doc.add_boolean_term(term);
}

}  // namespace newsdex
