// A Ukrainian word's Russian spelling and the other way round, for the words the two languages
// share a root in (міст/мост, Київ/Киев, вибори/выборы, коронавірус/коронавирус): the regular
// letter correspondences of the two spellings, tried one or two at a time. Translation proper
// needs a bilingual dictionary, which Debian does not package; this finds cognates only.
#pragma once

#include <string>
#include <vector>

namespace newsdex {

/// Spellings the other Cyrillic language may write the normalized (lower-case) word @p word in:
/// every way of changing one or two of its letters by the correspondences below, in order,
/// without duplicates and without @p word itself. A word with a letter of only one language is
/// changed towards the other language only; a word with none, both ways. Most candidates are no
/// words at all: the caller keeps those the index holds in the other language.
///   Russian → Ukrainian: о → і, е → і ї є, и → і ї, ы → и, э → е, ъ → '
///   Ukrainian → Russian: і → и о е, ї → и е, є → е э, и → ы, ґ → г, е → э, ' → ъ
std::vector<std::string> cognate_spellings(const std::string& word, bool to_ukrainian, bool to_russian);

}  // namespace newsdex
