#include "newsdex/stemmer.h"

#include <xapian.h>

namespace newsdex {

struct Stemmer::Impl {
    Xapian::Stem english{"english"};
    Xapian::Stem russian{"russian"};
};

Stemmer::Stemmer() : impl_(std::make_unique<Impl>()) {}
Stemmer::~Stemmer() = default;

std::string Stemmer::stem(std::string_view term, Language lang) const {
    switch (lang) {
    case Language::en: return impl_->english(std::string(term));
    case Language::ru: return russian_stem_alternations(impl_->russian(std::string(term)));
    case Language::uk: return ukrainian_stem(term);
    case Language::other: break;
    }
    return {};
}

}  // namespace newsdex
