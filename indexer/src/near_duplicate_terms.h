// The near-duplicate sketch of an article, added to its document (docs/schema.md, "Near
// duplicates"): kept apart from document_builder.cpp so the sketch can change on its own.
#pragma once

#include "newsdex/analyzer.h"

#include <xapian.h>

#include <vector>

namespace newsdex {

/// Adds the MinHash sketch of @p body (the body's tokens, as the analyzer gave them) to the value
/// slot and its LSH band terms; nothing when the body is too short to sketch.
void add_near_duplicate_sketch(Xapian::Document& doc, const std::vector<Token>& body);

}  // namespace newsdex
