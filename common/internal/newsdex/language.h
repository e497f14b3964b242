// Languages newsdex analyses, and how it tells them apart.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

enum class Language { other, en, uk, ru };

/// "en", "uk", "ru" or "other".
std::string_view language_code(Language lang);

/// Parses a language code or locale ("uk", "uk_UA", "ru-RU", "en-GB", "eng"); unknown → other.
Language language_from_code(std::string_view code);

/// Detects the language of an article from its letters (і ї є ґ against ы э ъ ё, Latin against
/// Cyrillic) and its most common function words. @p hint (the declared language) decides only
/// when the text itself does not.
Language detect_language(std::string_view text, Language hint = Language::other);

/// Languages one normalized query word can belong to, judged by its alphabet alone: a Cyrillic
/// word without a letter unique to Ukrainian or Russian gives both. E-mail addresses and URLs
/// belong to none (they are never lemmatized).
std::vector<Language> word_languages(std::string_view normalized_word);

/// The language a word of an article is lemmatized in, at indexing and for snippets alike: the
/// article's own when the word's alphabet allows it (a Cyrillic word of a Ukrainian article is
/// Ukrainian), otherwise the word's (an English name in a Russian article is English).
Language term_language(std::string_view normalized_word, Language article_lang);

}  // namespace newsdex
