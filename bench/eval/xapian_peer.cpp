#include "xapian_peer.h"

#include <xapian.h>

#include <stdexcept>

namespace newsdex::eval {

std::string snowball_name(const std::string& lang) {
    if (lang == "en") return "english";
    if (lang == "ru") return "russian";
    return "none";
}

void index_with_xapian(const std::vector<Article>& articles, const std::string& db_path) {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    for (const Article& a : articles) {
        Xapian::Document doc;
        generator.set_stemmer(Xapian::Stem(snowball_name(a.lang)));
        generator.set_document(doc);
        generator.index_text(a.title);
        generator.increase_termpos();
        generator.index_text(a.body);
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
                                            std::size_t limit) {
    Xapian::QueryParser parser;
    parser.set_database(impl_->db);
    parser.set_default_op(Xapian::Query::OP_OR);
    if (stem) {
        parser.set_stemmer(Xapian::Stem(snowball_name(lang)));
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    }
    Xapian::Query query;
    try {
        query = parser.parse_query(text);
    } catch (const Xapian::QueryParserError& e) {
        throw std::invalid_argument(e.get_description());
    }
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(query);
    std::vector<std::string> ids;
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_data());
    return ids;
}

}  // namespace newsdex::eval
