// The peer every ranking is measured against: Xapian on its own, as a user of plain Xapian would
// set it up (TermGenerator and QueryParser, Snowball stemmer where Xapian 1.4 has one, BM25 with
// Xapian's default parameters, words ORed). It indexes the same articles into its own database.
#pragma once

#include "newsdex/article.h"

#include <cstddef>
#include <string>
#include <vector>

namespace newsdex::eval {

/// Writes @p articles into a new plain Xapian database at @p db_path: title and body through a
/// TermGenerator with the Snowball stemmer of the article's language (none for Ukrainian), the
/// id as the document data. With @p lead_words > 0, the first lead_words words of the body are
/// indexed a second time: the crude lead prior issue 11 measured with Xapian alone.
void index_with_xapian(const std::vector<Article>& articles, const std::string& db_path, std::size_t lead_words = 0);

/// Ids of the first @p limit hits of @p query in the database index_with_xapian wrote, parsed by
/// Xapian's QueryParser (default operator OR; with @p stem, the Snowball stemmer of @p lang for
/// every word, else no stemming), weighted by BM25 with Xapian's defaults or, with @p bm25_k1 > 0,
/// that k1. Throws std::invalid_argument for a query the parser refuses.
///
/// Every word is stemmed (STEM_ALL_Z), not Xapian's default STEM_SOME: STEM_SOME leaves a word
/// that starts with a capital unstemmed, so an all-capitals headline (most of Reuters) would not
/// be stemmed at all and the "stemmed" peer would be the unstemmed one.
class XapianPeer {
public:
    explicit XapianPeer(const std::string& db_path);
    ~XapianPeer();
    XapianPeer(const XapianPeer&) = delete;
    XapianPeer& operator=(const XapianPeer&) = delete;
    std::vector<std::string> search(const std::string& query, const std::string& lang, bool stem, std::size_t limit,
                                    double bm25_k1 = 0);

private:
    struct Impl;
    Impl* impl_;
};

/// Xapian 1.4's Snowball stemmer name for a language code, or "none".
std::string snowball_name(const std::string& lang);

}  // namespace newsdex::eval
