// The spelling half of "did you mean" (newsdex/suggest.h): the query with each word the index
// hardly holds replaced by the commonest near word of the index's spelling data.
#pragma once

#include "newsdex/analyzer.h"

#include <xapian.h>

#include <string>
#include <string_view>

namespace newsdex {

/// @p query with every plain word whose written form fewer than @p rare articles hold replaced by
/// the commonest word of the spelling data one edit away (nearest_spelling.h) when
/// @p nearest_first and there is one, else Xapian's spelling suggestion for it (one edit away for
/// words of up to four letters, two for longer ones), in the case it was typed in (Brexti → Brexit). Operators, field names, the
/// values of fields other than title and author, excluded words, numbers and words shorter than
/// three letters are left alone. Returns @p query unchanged when nothing was replaced.
std::string spelling_corrected(std::string_view query, const Xapian::Database& db, const Analyzer& analyzer,
                               std::size_t rare, bool nearest_first = true);

}  // namespace newsdex
