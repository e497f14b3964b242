// A query typed with the keyboard on the wrong layout: `rbtd` is "киев" typed on ЙЦУКЕН keys
// while the system was on QWERTY, `руддщ` is "hello" typed the other way round. These functions
// give the text the same keys make on the other layout.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

/// The two Cyrillic layouts newsdex knows (Windows' standard ones). They differ on four keys:
/// і/ы, ї/ъ, є/э and the apostrophe/ё key.
enum class CyrillicLayout { ukrainian, russian };

/// @p query with its Latin letters (and the punctuation keys that are letters on ЙЦУКЕН, where
/// they stand between letters) replaced by the Cyrillic letters on the same keys of @p layout.
/// The query's syntax is kept: the operators AND, OR, NOT and NEAR/n, field names before ':',
/// quotes, brackets, '-', '+' and '*'. Words with no Latin letter are left alone.
std::string latin_keys_to_cyrillic(std::string_view query, CyrillicLayout layout);

/// @p query with its Cyrillic letters (of either layout) replaced by the Latin letters, or the
/// punctuation, on the same QWERTY keys; the same syntax is kept.
std::string cyrillic_keys_to_latin(std::string_view query);

}  // namespace newsdex
