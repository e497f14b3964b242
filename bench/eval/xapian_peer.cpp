#include "xapian_peer.h"

#include <xapian.h>

#include <cctype>
#include <stdexcept>

namespace newsdex::eval {

std::string snowball_name(const std::string& lang) {
    if (lang == "en") return "english";
    if (lang == "ru") return "russian";
    return "none";
}

namespace {

std::string first_words(const std::string& text, std::size_t count) {
    std::size_t pos = 0, words = 0;
    while (pos < text.size() && words < count) {
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
        if (pos == text.size()) break;
        while (pos < text.size() && !std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
        ++words;
    }
    return text.substr(0, pos);
}

}  // namespace

void index_with_xapian(const std::vector<Article>& articles, const std::string& db_path, std::size_t lead_words) {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    for (const Article& a : articles) {
        Xapian::Document doc;
        generator.set_stemmer(Xapian::Stem(snowball_name(a.lang)));
        generator.set_document(doc);
        generator.index_text(a.title);
        generator.increase_termpos();
        generator.index_text(a.body);
        if (lead_words > 0) {
            generator.increase_termpos();
            generator.index_text(first_words(a.body, lead_words));
        }
        doc.set_data(a.id);
        doc.add_boolean_term("Q" + a.id);
        db.replace_document("Q" + a.id, doc);
    }
    db.commit();
}

struct XapianPeer::Impl {
    Xapian::Database db;
    explicit Impl(const std::string& path) : db(path) {}
};

XapianPeer::XapianPeer(const std::string& db_path) : impl_(new Impl(db_path)) {}
XapianPeer::~XapianPeer() { delete impl_; }

std::vector<std::string> XapianPeer::search(const std::string& text, const std::string& lang, bool stem,
                                            std::size_t limit, double bm25_k1) {
    Xapian::QueryParser parser;
    parser.set_database(impl_->db);
    parser.set_default_op(Xapian::Query::OP_OR);
    if (stem) {
        parser.set_stemmer(Xapian::Stem(snowball_name(lang)));
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    }
    Xapian::Query query;
    try {
        query = parser.parse_query(text);
    } catch (const Xapian::QueryParserError& e) {
        throw std::invalid_argument(e.get_description());
    }
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(query);
    if (bm25_k1 > 0) enquire.set_weighting_scheme(Xapian::BM25Weight(bm25_k1, 0, 1, 0.5, 0.5));
    std::vector<std::string> ids;
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_data());
    return ids;
}

}  // namespace newsdex::eval
