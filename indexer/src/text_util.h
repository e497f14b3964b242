// Small string and libxml2 helpers shared by the extractors.
#pragma once

#include <libxml/tree.h>

#include <cctype>
#include <string>
#include <string_view>

namespace newsdex {

/// ASCII letters lower-cased; other bytes (UTF-8 sequences included) unchanged.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// The element's tag name ("" for nodes without one).
inline std::string_view xml_name(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

/// The value of attribute @p name, or "".
inline std::string xml_attr(const xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    if (!v) return {};
    std::string s(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return s;
}

}  // namespace newsdex
