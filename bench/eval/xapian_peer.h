// The peer every ranking is measured against: Xapian on its own, as a user of plain Xapian would
// set it up (TermGenerator and QueryParser, Snowball stemmer where Xapian 1.4 has one, BM25 with
// Xapian's default parameters, words ORed). It indexes the same articles into its own database.
#pragma once

#include "newsdex/article.h"

#include <string>
#include <vector>

namespace newsdex::eval {

/// Writes @p articles into a new plain Xapian database at @p db_path: title and body through a
/// TermGenerator with the Snowball stemmer of the article's language (none for Ukrainian), the
/// id as the document data.
void index_with_xapian(const std::vector<Article>& articles, const std::string& db_path);

/// Ids of the first @p limit hits of @p query in the database index_with_xapian wrote, parsed by
/// Xapian's QueryParser (default operator OR; with @p stem, the Snowball stemmer of @p lang and
/// STEM_SOME, else no stemming). Throws std::invalid_argument for a query the parser refuses.
class XapianPeer {
public:
    explicit XapianPeer(const std::string& db_path);
    ~XapianPeer();
    XapianPeer(const XapianPeer&) = delete;
    XapianPeer& operator=(const XapianPeer&) = delete;
    std::vector<std::string> search(const std::string& query, const std::string& lang, bool stem, std::size_t limit);

private:
    struct Impl;
    Impl* impl_;
};

/// Xapian 1.4's Snowball stemmer name for a language code, or "none".
std::string snowball_name(const std::string& lang);

}  // namespace newsdex::eval
