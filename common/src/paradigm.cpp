#include "newsdex/paradigm.h"

#include "hunspell_dictionary.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace newsdex {
namespace {

std::u32string to_u32(std::string_view s) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    std::u32string out;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out.push_back(static_cast<char32_t>(u.char32At(i)));
    return out;
}

std::string to_utf8(std::u32string_view s) {
    icu::UnicodeString u;
    for (char32_t c : s) u.append(static_cast<UChar32>(c));
    std::string out;
    u.toUTF8String(out);
    return out;
}

// Rule text folded like dictionary words; "0" is Hunspell's empty affix.
std::u32string folded(std::string_view field) { return field == "0" ? std::u32string() : to_u32(fold_dictionary_word(field)); }

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

bool SuffixRules::add(std::u32string strip, std::u32string added, std::u32string condition) {
    auto& rules = by_added_[added];
    for (const Rule& r : rules)
        if (r.strip == strip && r.condition == condition) return false;
    longest_added_ = std::max(longest_added_, added.size());
    rules.push_back({std::move(strip), std::move(condition)});
    ++size_;
    return true;
}

SuffixRules SuffixRules::from_affix_file(std::string_view aff_text) {
    SuffixRules rules;
    std::istringstream in{std::string(aff_text)};
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("SFX", 0) != 0) continue;
        std::istringstream fields(line);
        std::string kind, flag, strip, added, condition;
        // The header line of a block ("SFX flag Y count") has no condition.
        if (!(fields >> kind >> flag >> strip >> added >> condition)) continue;
        added = added.substr(0, added.find('/'));  // continuation flags
        rules.add(folded(strip), folded(added), condition == "." ? U"." : to_u32(fold_dictionary_word(condition)));
    }
    return rules;
}

std::string SuffixRules::serialize() const {
    // Sorted, so that the same rules always give the same text (the indexer compares it).
    std::set<std::string> lines;
    for (const auto& [added, rules] : by_added_)
        for (const Rule& r : rules) lines.insert(to_utf8(r.strip) + '\t' + to_utf8(added) + '\t' + to_utf8(r.condition));
    std::string out;
    for (const auto& l : lines) out += l + '\n';
    return out;
}

SuffixRules SuffixRules::parse(std::string_view text) {
    SuffixRules rules;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        const std::size_t t1 = line.find('\t');
        const std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string_view::npos) continue;
        rules.add(to_u32(line.substr(0, t1)), to_u32(line.substr(t1 + 1, t2 - t1 - 1)), to_u32(line.substr(t2 + 1)));
    }
    return rules;
}

std::vector<std::string> SuffixRules::roots_of(std::string_view form) const {
    std::vector<std::string> out;
    if (by_added_.empty()) return out;
    const std::u32string word = to_u32(form);
    std::set<std::u32string> seen{word};
    for (std::size_t n = std::min(longest_added_, word.size()) + 1; n-- > 0;) {
        const auto it = by_added_.find(word.substr(word.size() - n));
        if (it == by_added_.end()) continue;
        const std::u32string_view base = std::u32string_view(word).substr(0, word.size() - n);
        if (base.empty()) continue;
        for (const Rule& r : it->second) {
            std::u32string root(base);
            root += r.strip;
            if (root.size() < 3) continue;  // a root of a letter or two is no root
            if (!affix_condition_holds(r.condition, root) || !seen.insert(root).second) continue;
            out.push_back(to_utf8(root));
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
    if (!vowel(last) && last != U'ь' && last != U'й') {
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

}  // namespace newsdex
