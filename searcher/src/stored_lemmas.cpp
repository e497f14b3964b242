#include "stored_lemmas.h"

#include "newsdex/schema.h"

#include <algorithm>

namespace newsdex {

bool StoredLemmas::own_forms_written_only() {
    if (!own_forms_written_only_) {
        bool any = false;
        for (const Xapian::Database& shard : shards_)
            any = any || shard.get_metadata(std::string(schema::kLemmaTermsKey)) == schema::kLemmaTermsDiffering;
        own_forms_written_only_ = any;
    }
    return *own_forms_written_only_;
}

namespace {

// Bounds on the neighbour search for a form the index does not hold.
constexpr std::size_t kMaxNeighboursScanned = 400;
constexpr std::size_t kMaxLemmasOfUnknownForm = 6;
// Lemmas the suffix rules may give one unknown form (most specific rules first).
constexpr std::size_t kMaxParadigmLemmas = 3;

void add_unique(Lemmas& into, const std::string& lemma) {
    if (!lemma.empty() && std::find(into.begin(), into.end(), lemma) == into.end()) into.push_back(lemma);
}

}  // namespace

const Lemmas& StoredLemmas::lemmas(const std::string& term, Language lang) {
    std::string key = std::string(language_code(lang)) + ":" + term;
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    Lemmas found;
    if (term.size() > schema::kMaxWordBytes) {
        // Never indexed, and too long for a metadata key.
    } else if (lang == Language::en) {
        add_unique(found, rules_.stem(term, lang));
    } else if (lang == Language::uk || lang == Language::ru) {
        found = stored_lines(Row::lemmas, lang, term);
        if (found.empty() && stored(Row::forms, lang, term)) {
            // The form itself is unindexed but is the lemma of indexed forms: people search the
            // dictionary form (іти, гривня) of what articles inflect (ішов, гривень).
            found.push_back(term);
            add_unique(found, rules_.stem(term, lang));
        }
        if (found.empty()) found = lemmas_of_unknown_form(term, lang);
    }
    return cache_.emplace(std::move(key), std::move(found)).first->second;
}

Lemmas StoredLemmas::lemmas_of_unknown_form(const std::string& term, Language lang) {
    Lemmas found;
    const std::string stem = rules_.stem(term, lang);
    if (stem.empty()) return found;
    // Words the dictionary does not know were indexed under this very stem.
    add_unique(found, stem);
    // Reduce the form as Hunspell does, with the index's lemmas in place of the dictionary's word
    // list: undo a suffix rule (пішли → піти, руці → рука, Києві → Київ) or the genitive of a
    // plural-only noun (суток → сутки), and keep the words the index holds forms of.
    std::size_t from_paradigms = 0;
    auto try_root = [&](const std::string& root) {
        if (from_paradigms >= kMaxParadigmLemmas || root.size() > schema::kMaxWordBytes || root == stem) return;
        if (!stored(Row::forms, lang, root)) return;
        add_unique(found, root);
        ++from_paradigms;
    };
    for (const auto& root : pronoun_lemmas(term, lang)) try_root(root);
    for (const auto& root : plural_only_nominatives(term, lang)) try_root(root);
    for (const auto& root : suffix_rules(lang).roots_of(term)) try_root(root);
    for (const auto& variant : variant_spellings(term, lang)) {
        for (const auto& lemma : stored_lines(Row::lemmas, lang, variant)) try_root(lemma);
        for (const auto& root : suffix_rules(lang).roots_of(variant)) try_root(root);
    }
    // The dictionary's own paradigm reached an indexed lemma: the stem's neighbours would only add
    // words of the same root that the dictionary lists apart (вживаного would find вживано next to
    // вживаний), each a false match.
    if (from_paradigms > 0) return found;
    // Forms the dictionary knows were indexed under their lemmas: borrow them from indexed forms
    // with the same stem. Unprefixed terms start with a lower-case letter or digit, so the scan
    // never strays into prefixed terms.
    // The stem may not be a prefix of its forms (the Ukrainian stemmer folds і/о alternations:
    // нічним → ночн), so the scan starts from as many letters of the form as the stem has.
    std::size_t stem_letters = 0;
    for (unsigned char c : stem) stem_letters += (c & 0xC0) != 0x80;
    std::size_t cut = 0;
    for (std::size_t letters = 0; cut < term.size(); ++cut) {
        if ((static_cast<unsigned char>(term[cut]) & 0xC0) != 0x80 && letters++ == stem_letters) break;
    }
    const std::string scan_prefix = term.substr(0, cut);
    if (stem_letters < 3) return found;  // too short a stem: too many neighbours to guess from
    std::size_t scanned = 0;
    for (auto it = db_.allterms_begin(scan_prefix); it != db_.allterms_end(scan_prefix) && scanned < kMaxNeighboursScanned; ++it, ++scanned) {
        const std::string form = *it;
        if (form.size() > schema::kMaxWordBytes) continue;
        if (rules_.stem(form, lang) != stem) continue;
        for (const auto& lemma : stored_lines(Row::lemmas, lang, form)) {
            add_unique(found, lemma);
            if (found.size() >= kMaxLemmasOfUnknownForm) return found;
        }
    }
    return found;
}

const SuffixRules& StoredLemmas::suffix_rules(Language lang) {
    auto& rules = suffix_rules_[static_cast<std::size_t>(lang)];
    if (!rules) {
        rules = std::make_unique<SuffixRules>();
        if (lang == Language::uk || lang == Language::ru)
            for (const auto& shard : shards_) {
                const std::string text = shard.get_metadata(schema::suffix_rules_key(lang));
                if (text.empty()) continue;
                *rules = SuffixRules::parse(text);
                break;
            }
    }
    return *rules;
}

schema::LemmaKeys StoredLemmas::keys_of(std::size_t i) const {
    if (lemma_keys_.empty())
        for (const auto& shard : shards_)
            lemma_keys_.push_back(schema::lemma_keys_from(shard.get_metadata(std::string(schema::kLemmaTableKey))));
    return lemma_keys_[i];
}

std::string StoredLemmas::row_value(std::size_t i, Row row, Language lang, const std::string& word) const {
    const schema::LemmaKeys keys = keys_of(i);
    return shards_[i].get_metadata(row == Row::lemmas ? schema::lemma_key(lang, word, keys) : schema::forms_key(word, keys));
}

bool StoredLemmas::stored(Row row, Language lang, const std::string& word) const {
    for (std::size_t i = 0; i < shards_.size(); ++i)
        if (!row_value(i, row, lang, word).empty()) return true;
    return false;
}

std::vector<std::string> StoredLemmas::forms(const std::string& lemma) const {
    if (lemma.size() > schema::kMaxWordBytes) return {};
    return stored_lines(Row::forms, Language::other, lemma);
}

std::vector<std::string> StoredLemmas::stored_lines(Row row, Language lang, const std::string& word) const {
    auto items = [&](std::size_t i) { return schema::lemma_row_items(word, row_value(i, row, lang, word), keys_of(i)); };
    if (shards_.size() == 1) return items(0);
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < shards_.size(); ++i)
        for (auto& line : items(i))
            if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(std::move(line));
    return lines;
}

}  // namespace newsdex
