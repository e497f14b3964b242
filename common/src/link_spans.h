// Finds e-mail addresses and URL-like strings in text, which the analyzer keeps whole (besides
// their parts) because ICU's word rules cut them at every "@", "/" and ":". Internal.
#pragma once

#include <unicode/unistr.h>

#include <cstdint>
#include <vector>

namespace newsdex {

struct LinkSpan {
    int32_t start, end;  // UTF-16 indexes, [start, end)
};

/// Non-overlapping e-mail and URL spans of @p text, in order: scheme://…, www.…, and
/// local@domain.tld. Trailing sentence punctuation is not part of a span.
std::vector<LinkSpan> find_link_spans(const icu::UnicodeString& text);

}  // namespace newsdex
