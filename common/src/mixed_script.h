// Repair of words that mix Cyrillic and Latin look-alike letters (scraped and OCR'd text: a Latin
// K, i, o, a, e, c, p, x inside a Cyrillic word, or the reverse). Internal to the analyzer.
#pragma once

#include <unicode/unistr.h>

namespace newsdex {

/// Rewrites a case-folded word that mixes scripts into the one script it clearly belongs to: the
/// minority letters must all have a look-alike in the other script, and the majority script must
/// either have a letter without one or outnumber them. Words that mix scripts on purpose (two
/// letters with no look-alike on both sides) are left alone. A Latin vowel with an acute or grave
/// inside a Cyrillic word is a stress mark on its look-alike (зáмок → замок).
void repair_mixed_script(icu::UnicodeString& word);

}  // namespace newsdex
