// Turns one member's bytes into articles, choosing the format by sniffing the content.
#pragma once

#include "newsdex/article.h"
#include "source_reader.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

enum class ContentKind { json, html, feed, warc, text, binary };

/// The format of @p data judged from its first bytes (the file name is only a tie-breaker).
ContentKind sniff_content(std::string_view data, std::string_view path);

struct Extraction {
    std::vector<Article> articles;
    /// Problems with parts of the member (a bad JSON line, a record without text); the rest is kept.
    std::vector<Skipped> problems;
};

/// JSON keys given by the user per article field (see IndexOptions::json_fields).
using JsonFields = std::map<std::string, std::vector<std::string>>;

/// Articles of a member. Their id is left empty (the indexer decides identity); origin is set.
Extraction extract_articles(const Member& member, const JsonFields& json_fields = {});

// Per-format extractors, exposed for their tests.
/// @p member must hold UTF-8 (extract_articles converts it).
Extraction extract_json(const Member& member, const JsonFields& json_fields = {});
/// @p declared_charset: from outside the page (an HTTP header), "" when unknown.
Article extract_html(std::string_view html, const std::string& origin, std::string_view declared_charset = {});
Article extract_text(std::string_view text, const std::string& origin);
Extraction extract_feed(const Member& member);  ///< RSS 2.0, RSS 1.0 (RDF) and Atom
Extraction extract_warc(const Member& member);  ///< WARC response records holding HTML

bool looks_like_feed(std::string_view data);
bool looks_like_warc(std::string_view data);

/// Any date schema::parse_date reads, as ISO 8601 with its offset ("Tue, 05 Mar 2024 10:20:30 +0300"
/// → "2024-03-05T10:20:30+03:00"); other text is returned as is.
std::string to_iso_date(std::string_view date);

/// True when @p data starts with a UTF-16 (or UTF-32) byte-order mark.
bool has_utf16_or_32_bom(std::string_view data);

/// Valid UTF-8 with every invalid sequence replaced by U+FFFD, and a leading BOM removed.
std::string repair_utf8(std::string_view data);

}  // namespace newsdex
