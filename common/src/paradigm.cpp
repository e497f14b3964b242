#include "newsdex/paradigm.h"

#include "hunspell_dictionary.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace newsdex {
namespace {

// Plain UTF-8 conversions: the searcher parses the stored rules on its first unknown query word,
// and ICU's conversions made that cost milliseconds. Input is the analyzer's or ICU's output, so
// valid UTF-8; a stray byte is taken as it is.
std::u32string to_u32(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if (n == 1 || i + static_cast<std::size_t>(n) > s.size()) {
            out.push_back(b);
            ++i;
            continue;
        }
        char32_t c = b & (0x7F >> n);
        for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(c);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

std::string to_utf8(std::u32string_view s) {
    std::string out;
    out.reserve(s.size() * 2);
    for (char32_t c : s) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}


bool ends_with(std::u32string_view s, std::u32string_view end) {
    return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

}  // namespace

bool affix_condition_holds(std::u32string_view condition, std::u32string_view word) {
    if (condition == U".") return true;
    // Match the condition's letters against the end of the word, right to left.
    std::size_t at = word.size();
    std::size_t k = condition.size();
    while (k > 0) {
        if (at == 0) return false;
        const char32_t letter = word[--at];
        if (condition[k - 1] == U']') {
            const std::size_t open = condition.rfind(U'[', k - 1);
            if (open == std::u32string_view::npos) return false;
            const bool negated = open + 1 < k - 1 && condition[open + 1] == U'^';
            const std::u32string_view set = condition.substr(open + 1 + negated, k - 1 - open - 1 - negated);
            const bool in = set.find(letter) != std::u32string_view::npos;
            if (in == negated) return false;
            k = open;
        } else {
            if (condition[k - 1] != U'.' && condition[k - 1] != letter) return false;
            --k;
        }
    }
    return true;
}

SuffixRules SuffixRules::from_affix_file(std::string_view aff_text) {
    // Sorted and without duplicates, so that the same rules always give the same text (the
    // indexer compares it with what the index holds).
    std::set<std::string> lines;
    std::istringstream in{std::string(aff_text)};
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("SFX", 0) != 0) continue;
        std::istringstream fields(line);
        std::string kind, flag, strip, added, condition;
        // The header line of a block ("SFX flag Y count") has no condition.
        if (!(fields >> kind >> flag >> strip >> added >> condition)) continue;
        added = added.substr(0, added.find('/'));  // continuation flags
        auto fold = [](const std::string& f) { return f == "0" ? std::string() : fold_dictionary_word(f); };
        lines.insert(fold(strip) + '\t' + fold(added) + '\t' + (condition == "." ? condition : fold_dictionary_word(condition)));
    }
    std::string text;
    for (const auto& l : lines) text += l + '\n';
    return parse(text);
}

std::string SuffixRules::serialize() const { return text_ ? *text_ : std::string(); }

SuffixRules SuffixRules::parse(std::string_view stored) {
    // The rules point into one shared copy of the text: no allocation per rule, since the
    // searcher parses them on its first unknown query word.
    SuffixRules rules;
    rules.text_ = std::make_shared<const std::string>(stored);
    std::string_view text = *rules.text_;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        const std::size_t t1 = line.find('\t');
        const std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string_view::npos) continue;
        const std::string_view added = line.substr(t1 + 1, t2 - t1 - 1);
        rules.by_added_[added].push_back({line.substr(0, t1), line.substr(t2 + 1)});
        rules.longest_added_ = std::max(rules.longest_added_, added.size());
        ++rules.size_;
    }
    return rules;
}

std::vector<std::string> SuffixRules::roots_of(std::string_view form) const {
    std::vector<std::string> out;
    if (by_added_.empty()) return out;
    std::set<std::string> seen{std::string(form)};
    // Every letter boundary from the end of the form, the whole form's first: added suffixes of
    // up to longest_added_ bytes, longest first.
    std::vector<std::size_t> cuts;
    for (std::size_t i = form.size() + 1; i-- > 0;) {
        if (i < form.size() && (static_cast<unsigned char>(form[i]) & 0xC0) == 0x80) continue;
        if (form.size() - i > longest_added_) break;
        cuts.push_back(i);
    }
    for (auto c = cuts.rbegin(); c != cuts.rend(); ++c) {
        const std::size_t cut = *c;
        if (cut == 0) continue;
        const auto it = by_added_.find(form.substr(cut));
        if (it == by_added_.end()) continue;
        for (const Rule& r : it->second) {
            std::string root(form.substr(0, cut));
            root += r.strip;
            const std::u32string letters = to_u32(root);
            if (letters.size() < 3) continue;  // a root of a letter or two is no root
            if (!affix_condition_holds(to_u32(r.condition), letters) || !seen.insert(root).second) continue;
            out.push_back(std::move(root));
        }
    }
    return out;
}

std::vector<std::string> plural_only_nominatives(std::string_view form, Language lang) {
    std::vector<std::string> out;
    if (lang != Language::uk && lang != Language::ru) return out;
    const std::u32string w = to_u32(form);
    if (w.size() < 3) return out;
    const std::u32string vowels = lang == Language::ru ? U"аеиоуыэюяё" : U"аеєиіїоуюя";
    auto vowel = [&](char32_t c) { return vowels.find(c) != std::u32string::npos; };
    std::vector<std::u32string> found;
    auto push = [&](std::u32string c) {
        if (c.size() >= 3 && c != w && std::find(found.begin(), found.end(), c) == found.end()) found.push_back(std::move(c));
    };
    const std::u32string endings = lang == Language::ru ? U"ыи" : U"иі";
    auto with_endings = [&](const std::u32string& base) {
        for (char32_t e : endings) push(base + e);
    };
    const char32_t last = w.back();
    // Other plural cases the dictionaries leave as words of their own: людьми, людям, дітьми,
    // грошима → люди, діти, гроші.
    for (std::u32string_view e : {U"ьми", U"ами", U"ями", U"има", U"ми", U"ам", U"ям", U"ах", U"ях"})
        if (ends_with(w, e)) {
            with_endings(w.substr(0, w.size() - e.size()));
            break;
        }
    if (lang == Language::ru) {
        // -ей, -ов/-ев: дверей → двери, людей → люди; очков → очки, весов → весы.
        for (std::u32string_view e : {U"ей", U"ов", U"ев"})
            if (ends_with(w, e)) with_endings(w.substr(0, w.size() - 2));
    } else {
        // -ей, -ів/-їв: людей → люди, дверей → двері; штанів → штани, окулярів → окуляри.
        for (std::u32string_view e : {U"ей", U"ів", U"їв"})
            if (ends_with(w, e)) {
                with_endings(w.substr(0, w.size() - 2));
                push(w.substr(0, w.size() - 2) + U"ї");
            }
        // -ь: ножиць → ножиці.
        if (last == U'ь') with_endings(w.substr(0, w.size() - 1));
    }
    // Russian only: every Ukrainian masculine noun's nominative ends so and would cost a Hunspell
    // look-up at indexing (measured: +10% lemmatization time), for few Ukrainian plural-only
    // nouns (канікул, сутінок).
    if (lang == Language::ru && !vowel(last) && last != U'ь' && last != U'й') {
        // A zero ending: суток → сутки, ножниц → ножницы, брюк → брюки; with the fleeting vowel
        // of the last syllable: сливок → сливки, денег → деньги.
        with_endings(w);
        const std::size_t n = w.size();
        if (n >= 4 && (w[n - 2] == U'о' || w[n - 2] == U'е' || w[n - 2] == U'ё') && !vowel(w[n - 3])) {
            const std::u32string stem = w.substr(0, n - 2) + w[n - 1];
            with_endings(stem);
            with_endings(w.substr(0, n - 2) + U'ь' + w[n - 1]);
        }
    }
    for (const auto& c : found) out.push_back(to_utf8(c));
    return out;
}

std::vector<std::string> variant_spellings(std::string_view form, Language lang) {
    std::vector<std::string> out;
    if (lang != Language::uk) return out;
    std::u32string w = to_u32(form);
    // йі is a phonetic spelling of ї (йім, йіхати): the dictionary has ї only. (Not replace(): GCC 12
    // warns falsely about overlapping copies in it, -Wrestrict.)
    for (std::size_t at = w.find(U"йі"); at != std::u32string::npos; at = w.find(U"йі", at)) {
        w[at] = U'ї';
        w.erase(at + 1, 1);
    }
    if (w.size() >= 2 && w != to_u32(form)) out.push_back(to_utf8(w));
    if (w.size() < 4) return out;
    auto ends = [&](std::u32string_view e) { return ends_with(w, e); };
    auto cut = [&](std::size_t n) { return w.substr(0, w.size() - n); };
    // 1st person plural without its final о: ведем, взуєм, робим, сидім, надоїм.
    // Not in shorter words, where names end so too (Салім, Цусім); -єм (є after a vowel) is a
    // verb's even in five letters (взуєм).
    if ((w.size() >= 6 && (ends(U"ем") || ends(U"им") || ends(U"ім") || ends(U"їм"))) || (w.size() >= 5 && ends(U"єм")))
        out.push_back(to_utf8(w + U"о"));
    // ... and reflexive: стріляємся, вчимся.
    if (ends(U"мся") || ends(U"мсь")) out.push_back(to_utf8(cut(2) + U"ося"));
    // The reflexive particle's other spelling: уточнюючися ~ уточнюючись, вмиюсь ~ вмиюся.
    if (ends(U"ся")) out.push_back(to_utf8(cut(1) + U"ь"));
    else if (ends(U"сь")) out.push_back(to_utf8(cut(1) + U"я"));
    // Reflexive 3rd person without its ся (купаєть), and the short infinitive (взуть → взути).
    if (ends(U"ть") && !ends(U"ться")) {
        out.push_back(to_utf8(w + U"ся"));
        out.push_back(to_utf8(cut(1) + U"и"));
    }
    // The old dative -ови: фабрикантови → фабрикантові.
    if (ends(U"ови") || ends(U"еви")) out.push_back(to_utf8(cut(1) + U"і"));
    // Short comparative adverbs: вбогіш → вбогіше.
    if (ends(U"іш")) out.push_back(to_utf8(w + U"е"));
    // Long (uncontracted) adjective endings: новая, новую, новеє, новії (and чорниї) → нова, нову,
    // нове, нові.
    for (std::u32string_view e : {U"ая", U"яя", U"ую", U"юю", U"еє", U"єє", U"ії", U"иї"})
        if (ends(e)) {
            out.push_back(to_utf8(cut(2) + (e == U"иї" ? U'і' : e[0])));
            break;
        }
    // ґ typed as г, the habit of decades (гудзик, аграрний is right, агрус is not), and the reverse
    // in names the dictionary spells with г (Ґданськ): the other letter at each of the first two г,
    // and every ґ as г.
    std::size_t tried = 0;
    for (std::size_t at = w.find(U'г'); at != std::u32string::npos && tried < 2; at = w.find(U'г', at + 1), ++tried) {
        std::u32string g = w;
        g[at] = U'ґ';
        out.push_back(to_utf8(g));
    }
    if (w.find(U'ґ') != std::u32string::npos) {
        std::u32string g = w;
        std::replace(g.begin(), g.end(), U'ґ', U'г');
        out.push_back(to_utf8(g));
    }
    return out;
}

std::vector<std::string> pronoun_lemmas(std::string_view form, Language lang) {
    using Table = std::unordered_map<std::string, std::vector<std::string>>;
    // Each row: the lemma, then its oblique forms (after ё → е, as the analyzer folds).
    static const Table uk = [] {
        const std::vector<std::vector<std::string>> rows = {
            {"хто", "кого", "кому", "ким", "кім"},
            {"що", "чого", "чому", "чим", "чім"},
            {"ніхто", "нікого", "нікому", "ніким", "нікім"},
            {"ніщо", "нічого", "нічому", "нічим", "нічім"},
            {"хтось", "когось", "комусь", "кимсь", "кимось", "кімсь", "кімось"},
            {"щось", "чогось", "чомусь", "чимсь", "чимось", "чімсь", "чімось"},
            {"я", "мене", "мені", "мною"},
            {"ти", "тебе", "тобі", "тобою"},
            {"він", "його", "йому", "ним", "нього", "ньому", "нім"},
            {"воно", "його", "йому", "ним", "нього", "ньому", "нім"},
            {"вона", "її", "їй", "нею", "неї", "ній"},
            {"ми", "нас", "нам", "нами"},
            {"ви", "вас", "вам", "вами"},
            {"вони", "їх", "їм", "ними", "них", "їми"},
        };
        Table t;
        for (const auto& row : rows)
            for (std::size_t i = 1; i < row.size(); ++i) t[row[i]].push_back(row[0]);
        return t;
    }();
    static const Table ru = [] {
        const std::vector<std::vector<std::string>> rows = {
            {"кто", "кого", "кому", "кем", "ком"},
            {"что", "чего", "чему", "чем"},
            {"никто", "никого", "никому", "никем"},
            {"ничто", "ничего", "ничему", "ничем"},
            {"я", "меня", "мне", "мной", "мною"},
            {"ты", "тебя", "тебе", "тобой", "тобою"},
            {"он", "его", "него", "ему", "нему", "им", "ним", "нем"},
            {"оно", "его", "него", "ему", "нему", "им", "ним", "нем"},
            {"она", "ее", "нее", "ей", "ней", "ею", "нею"},
            {"мы", "нас", "нам", "нами"},
            {"вы", "вас", "вам", "вами"},
            {"они", "их", "них", "им", "ним", "ими", "ними"},
        };
        Table t;
        for (const auto& row : rows)
            for (std::size_t i = 1; i < row.size(); ++i) t[row[i]].push_back(row[0]);
        return t;
    }();
    const Table* table = lang == Language::uk ? &uk : lang == Language::ru ? &ru : nullptr;
    if (!table) return {};
    const auto it = table->find(std::string(form));
    if (it != table->end()) return it->second;
    // Indefinite compounds inflect their pronoun part only: чого-будь → що-будь, кому-небудь →
    // хто-небудь, будь-чого → будь-що (ru: чего-нибудь → что-нибудь). The dictionaries list each
    // compound form as a word of its own, and the analyzer gives hyphenated words no dictionary
    // look-up, so the compound's lemma comes from here; a compound of the lemma itself (що-будь)
    // is its own lemma.
    static const std::vector<std::string_view> uk_particles{"будь", "небудь"}, ru_particles{"нибудь", "либо", "то"};
    const auto& particles = lang == Language::uk ? uk_particles : ru_particles;
    const std::size_t hyphen = form.find('-');
    if (hyphen == std::string_view::npos || form.find('-', hyphen + 1) != std::string_view::npos) return {};
    const std::string_view left = form.substr(0, hyphen), right = form.substr(hyphen + 1);
    auto lemma_part = [&](std::string_view part, std::vector<std::string>& lemmas) {
        if (const auto row = table->find(std::string(part)); row != table->end()) {
            lemmas = row->second;
            return true;
        }
        for (const auto& [f, ls] : *table)
            if (std::find(ls.begin(), ls.end(), part) != ls.end()) {
                lemmas = {std::string(part)};
                return true;
            }
        return false;
    };
    std::vector<std::string> out, lemmas;
    const bool particle_right = std::find(particles.begin(), particles.end(), right) != particles.end();
    const bool particle_left = lang == Language::uk && left == "будь";
    if (particle_right && lemma_part(left, lemmas))
        for (const auto& l : lemmas) out.push_back(l + "-" + std::string(right));
    else if (particle_left && lemma_part(right, lemmas))
        for (const auto& l : lemmas) out.push_back("будь-" + l);
    return out;
}

}  // namespace newsdex
