// One news article as the pipeline passes it from extraction to indexing and back to display.
#pragma once

#include <string>

namespace newsdex {

struct Article {
    std::string id;         ///< stable identity; the index keeps one document per id
    std::string url;        ///< canonical URL, or "" when unknown
    std::string title;
    std::string author;
    std::string published;  ///< ISO 8601 date or datetime, or "" when unknown
    std::string lang;       ///< "uk", "ru", "en" or "other" (after detection)
    std::string source;     ///< outlet or dataset name
    std::string body;       ///< main text, paragraphs separated by '\n'
    std::string origin;     ///< where it was read: archive and member path
};

}  // namespace newsdex
