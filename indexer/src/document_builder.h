// Article → Xapian document, following common/include/newsdex/schema.h.
#pragma once

#include "newsdex/analyzer.h"
#include "newsdex/article.h"
#include "newsdex/stemmer.h"

#include <xapian.h>

namespace newsdex {

class DocumentBuilder {
public:
    /// Fills in the article's language (detected, the declared one as a hint) before building.
    Xapian::Document build(Article& article);

private:
    void index_tokens(Xapian::Document& doc, const std::vector<Token>& tokens, Language lang, bool title);
    void index_words(Xapian::Document& doc, std::string_view text, std::string_view prefix);

    Analyzer analyzer_;
    Stemmer stemmer_;
};

}  // namespace newsdex
