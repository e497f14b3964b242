#include "hunspell_dictionary.h"

#include <hunspell/hunspell.hxx>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace newsdex {
namespace {

// Ambiguous forms rarely have more than three readings; a cap keeps odd entries from flooding
// one position with terms.
constexpr std::size_t kMaxLemmas = 4;
// Short all-lower words are retried in capitals so that acronyms the dictionary spells that way
// (НАТО, США, ЗСУ) still get their lemma.
constexpr int32_t kMaxAcronymLetters = 5;
// The analyzer gives compounds of at most five parts whole.
constexpr std::size_t kMaxCompoundParts = 5;

// Hunspell shares one case table among its instances through a plain global and a plain
// reference count, set up in the constructor and released in the destructor. Shard writers build
// their dictionaries on their own threads at once: unguarded, two constructors both allocate the
// table (LeakSanitizer saw one leak per run) and a destructor racing a constructor can free it
// under a live instance. Lookups only read the table, so guarding creation and destruction is enough.
std::mutex& hunspell_lifetime_mutex() {
    static std::mutex m;
    return m;
}

std::string locale_of(Language lang) {
    switch (lang) {
    case Language::uk: return "uk_UA";
    case Language::ru: return "ru_RU";
    default: return "";
    }
}

std::string to_utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

}  // namespace

std::string fold_dictionary_word(std::string_view word) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    u.foldCase();
    for (int32_t i = 0; i < u.length(); ++i) {
        const UChar c = u.charAt(i);
        if (c == 0x0451) u.setCharAt(i, 0x0435);                    // ё → е
        else if (c == 0x2019 || c == 0x02BC) u.setCharAt(i, 0x0027);  // ’ ʼ → '
    }
    return to_utf8(u);
}

HunspellDictionary::HunspellDictionary(Language lang, const std::string& dir) : lang_(lang) {
    const std::string locale = locale_of(lang);
    if (locale.empty()) return;
    std::string base = dir;
    if (base.empty()) {
        const char* env = std::getenv("NEWSDEX_HUNSPELL_DIR");
        base = env && *env ? env : "/usr/share/hunspell";
    }
    path_ = base + "/" + locale;
    std::error_code ec;
    if (!std::filesystem::exists(path_ + ".aff", ec) || !std::filesystem::exists(path_ + ".dic", ec)) return;
    const std::lock_guard lock(hunspell_lifetime_mutex());
    hunspell_ = std::make_unique<Hunspell>((path_ + ".aff").c_str(), (path_ + ".dic").c_str());
}

HunspellDictionary::~HunspellDictionary() {
    const std::lock_guard lock(hunspell_lifetime_mutex());
    hunspell_.reset();
}

std::vector<std::string> HunspellDictionary::lemmas(std::string_view word) const {
    std::vector<std::string> out;
    if (!hunspell_ || word.empty()) return out;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    // Hunspell tries the lower-case reading of a capitalised word too, but not the reverse: ask
    // with a capital so proper nouns (Київ, Києві) are found next to common ones (кий).
    icu::UnicodeString title = u;
    const UChar32 first = title.char32At(0);
    title.replace(0, U16_LENGTH(first), static_cast<UChar32>(u_toupper(first)));
    std::vector<std::string> stems = hunspell_->stem(to_utf8(title));
    if (stems.empty() && u.countChar32() <= kMaxAcronymLetters) {
        icu::UnicodeString upper = u;
        stems = hunspell_->stem(to_utf8(upper.toUpper()));
    }
    for (const std::string& s : stems) {
        std::string lemma = fold_dictionary_word(s);
        if (lemma.empty() || std::find(out.begin(), out.end(), lemma) != out.end()) continue;
        out.push_back(std::move(lemma));
        if (out.size() == kMaxLemmas) break;
    }
    // The dictionaries list pronoun forms as words of their own (кого, нею): add their lemma.
    if (std::find(out.begin(), out.end(), std::string(word)) != out.end())
        for (std::string& lemma : pronoun_lemmas(word, lang_))
            if (std::find(out.begin(), out.end(), lemma) == out.end() && out.size() < kMaxLemmas) out.push_back(std::move(lemma));
    // Hunspell-ru and -uk list the genitive of a plural-only noun as a word of its own, "stemmed"
    // to itself (суток, денег, людей): add the nominative plural the dictionary has (сутки).
    if (out.size() == 1 && out.front() == std::string(word)) {
        for (const std::string& nominative : plural_only_nominatives(word, lang_)) {
            if (!hunspell_->spell(nominative)) continue;
            bool entry = false, same_paradigm = false;
            for (const std::string& s : hunspell_->stem(nominative)) {
                const std::string lemma = fold_dictionary_word(s);
                entry = entry || lemma == nominative;
                same_paradigm = same_paradigm || lemma == out.front();
            }
            if (entry && !same_paradigm) {
                out.push_back(nominative);
                break;
            }
            // закони is a form of закон: an ordinary noun, no plural-only genitive; stop asking.
            if (same_paradigm) break;
        }
    }
    return out;
}

std::vector<std::string> HunspellDictionary::compound_lemmas(std::string_view word) const {
    std::vector<std::string> whole = lemmas(word);
    if (std::any_of(whole.begin(), whole.end(), [&](const std::string& l) { return l != word; })) return whole;
    std::vector<std::vector<std::string>> parts;
    bool known = false;
    for (std::size_t from = 0; from <= word.size();) {
        const std::size_t hyphen = std::min(word.find('-', from), word.size());
        const std::string_view part = word.substr(from, hyphen - from);
        if (part.empty() || parts.size() == kMaxCompoundParts) return whole;
        std::vector<std::string> readings = lemmas(part);
        // A part the dictionary does not know (Івано, Санкт) is an indeclinable first part or a
        // name: it stays as written. A part that is its own lemma keeps that reading first, so the
        // compound's nominative reaches itself (вечір-зустріч → вечір-зустріч).
        const auto self = std::find(readings.begin(), readings.end(), part);
        known = known || !readings.empty();
        if (readings.empty()) readings.emplace_back(part);
        else if (self != readings.end()) std::rotate(readings.begin(), self, self + 1);
        parts.push_back(std::move(readings));
        from = hyphen + 1;
    }
    if (!known) return whole;
    // The readings joined, first readings first, at most kMaxLemmas of them.
    std::vector<std::string> out;
    std::vector<std::size_t> pick(parts.size(), 0);
    while (out.size() < kMaxLemmas) {
        std::string joined;
        for (std::size_t i = 0; i < parts.size(); ++i) joined += (i ? "-" : "") + parts[i][pick[i]];
        if (std::find(out.begin(), out.end(), joined) == out.end()) out.push_back(std::move(joined));
        // Vary the last part first: it is the one that inflects in most compounds.
        std::size_t i = parts.size();
        while (i > 0 && ++pick[i - 1] == parts[i - 1].size()) pick[--i] = 0;
        if (i == 0) break;
    }
    return out;
}

bool HunspellDictionary::is_entry(std::string_view word) const {
    if (!hunspell_ || word.empty()) return false;
    const std::string w(word);
    if (!hunspell_->spell(w)) return false;
    for (const std::string& s : hunspell_->stem(w))
        if (fold_dictionary_word(s) == w) return true;
    return false;
}

const SuffixRules& HunspellDictionary::suffix_rules() const {
    if (!suffix_rules_) {
        suffix_rules_ = std::make_unique<SuffixRules>();
        if (hunspell_) {
            std::ifstream in(path_ + ".aff", std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            *suffix_rules_ = SuffixRules::from_affix_file(text.str());
        }
    }
    return *suffix_rules_;
}

}  // namespace newsdex
