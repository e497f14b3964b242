#include "lemma_table_writer.h"

#include "newsdex/schema.h"

#include <algorithm>
#include <map>
#include <set>

namespace newsdex {
void write_lemma_table(Xapian::WritableDatabase& db, schema::LemmaKeys keys, const std::vector<Lemmatizer::Entry>& entries) {
    std::map<std::string, std::set<std::string>> forms_of;
    for (const auto& e : entries) {
        // Xapian limits metadata keys to about 240 bytes; longer words are not indexed anyway.
        if (e.lemmas.empty() || e.form.size() > schema::kMaxWordBytes) continue;
        // English is stemmed by Snowball at query time too; only dictionary languages need rows.
        if (e.lang == Language::uk || e.lang == Language::ru)
            db.set_metadata(schema::lemma_key(e.lang, e.form, keys), schema::lemma_row(e.form, e.lemmas, keys));
        for (const auto& lemma : e.lemmas)
            if (lemma.size() <= schema::kMaxWordBytes) forms_of[lemma].insert(e.form);
    }
    for (auto& [lemma, forms] : forms_of) {
        const std::string key = schema::forms_key(lemma, keys);
        std::vector<std::string> merged = schema::lemma_row_items(lemma, db.get_metadata(key), keys);
        const std::size_t before = merged.size();
        for (const auto& form : forms)
            if (merged.size() < schema::kMaxFormsPerLemma && std::find(merged.begin(), merged.end(), form) == merged.end())
                merged.push_back(form);
        if (merged.size() != before) db.set_metadata(key, schema::lemma_row(lemma, merged, keys));
    }
}

void write_suffix_rules(Xapian::WritableDatabase& db, Lemmatizer& lemmatizer) {
    for (Language lang : {Language::uk, Language::ru}) {
        const std::string rules = lemmatizer.suffix_rules(lang);
        if (rules.empty()) continue;
        const std::string key = schema::suffix_rules_key(lang);
        if (db.get_metadata(key) != rules) db.set_metadata(key, rules);
    }
}

}  // namespace newsdex
