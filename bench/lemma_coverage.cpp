// Form ↔ lemma coverage of the Ukrainian and Russian analysis, measured the way a user meets it:
// a word form indexed in a small document must be found by searching its lemma (and the lemma's
// document by searching the form), through the public Indexer and Searcher. Also the direct
// lemmatizer figures: forms the dictionary knows, lemma agreement, form and lemma meeting in a
// common lemma term, and their rule-based stems alone (what a word the dictionary lacks gets). Per part of speech, on two halves split by a hash of the lemma (so one
// lemma's forms stay in one half): tune on "tune", report "report" too.
//
//   lemma_coverage [--lexicon FILE] [--dictionaries DIR] [--ru-every N] [--uk-every N]
//                  [--only uk|ru|ru-new|uk-new] [--misses FILE] [--smoke]
//
// Sets:
//   uk      ../shared/corpora/lexicon/uk_lemmas_dev.tsv (word, lemma, tags, source).
//   ru      Hunspell-ru's own paradigms: every N-th entry of ru_RU.dic (by a hash of the entry, so
//           the sample is stable) with every form its suffix rules in ru_RU.aff generate. Every
//           form is known to the dictionary by construction: this tests the query side.
//   ru-new, uk-new   the same kind of sample from ru_RU / uk_UA, with the sampled entries removed
//           from the dictionary the lemmatizer loads (a copy in a scratch directory): the words
//           are as new to it as names and new words, so the fallback rules are what is measured.
// The part of speech of the paradigm sets is guessed from the lemma's ending and capital (marked
// so). The dictionary directory follows NEWSDEX_HUNSPELL_DIR as at indexing (or --dictionaries).
#include "newsdex/analyzer.h"
#include "newsdex/indexer.h"
#include "newsdex/language.h"
#include "newsdex/lemmatizer.h"
#include "newsdex/searcher.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <string>
#include <unordered_map>
#include <vector>

using namespace newsdex;
namespace fs = std::filesystem;

namespace {

struct Options {
    std::string lexicon = NEWSDEX_SHARED_DIR "/corpora/lexicon/uk_lemmas_dev.tsv";
    std::string dictionaries;  // "" = NEWSDEX_HUNSPELL_DIR, else /usr/share/hunspell
    std::size_t ru_every = 500;
    std::size_t uk_every = 2000;
    std::string only;
    std::string misses;
    bool smoke = false;
};

struct Pair {
    std::string form, lemma;   // as written in the source
    std::string nform, nlemma; // normalized as the analyzer does
    std::string pos;
    int half = 0;              // 0 tune, 1 report
};

std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

std::string ukrainian_pos(const std::string& tags) {
    const std::string pos = tags.substr(0, tags.find(':'));
    if (pos == "noun") return tags.find(":prop") != std::string::npos ? "noun:prop" : "noun";
    if (pos == "adj" || pos == "verb") return pos;
    if (pos == "adv" || pos == "advp") return "adv/advp";
    return "other";
}

std::vector<Pair> read_lexicon(const std::string& path, const Analyzer& analyzer) {
    std::ifstream in(path);
    std::vector<Pair> out;
    if (!in) return out;
    std::set<std::pair<std::string, std::string>> seen;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Pair p;
        std::string tags;
        if (!std::getline(fields, p.form, '\t') || !std::getline(fields, p.lemma, '\t')) continue;
        std::getline(fields, tags, '\t');
        p.nform = analyzer.normalize(p.form);
        p.nlemma = analyzer.normalize(p.lemma);
        if (p.nform.empty() || p.nlemma.empty() || p.lemma.find(' ') != std::string::npos) continue;
        // The same pair under several tags (genitive and accusative alike) is one pair here.
        if (!seen.emplace(p.nform, p.nlemma).second) continue;
        p.pos = ukrainian_pos(tags);
        out.push_back(std::move(p));
    }
    return out;
}

// --- Russian pairs from Hunspell's own suffix rules ------------------------------------------

struct SuffixRule {
    std::u32string strip, add;
    std::vector<std::pair<bool, std::u32string>> condition;  // per letter: negated?, set ("" = any)
};

std::u32string u32(const std::string& s) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    std::u32string out;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out.push_back(static_cast<char32_t>(u.char32At(i)));
    return out;
}

std::string utf8(const std::u32string& s) {
    icu::UnicodeString u;
    for (char32_t c : s) u.append(static_cast<UChar32>(c));
    std::string out;
    u.toUTF8String(out);
    return out;
}

std::vector<std::pair<bool, std::u32string>> parse_condition(const std::u32string& c) {
    std::vector<std::pair<bool, std::u32string>> out;
    if (c == U".") return out;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c[i] == U'[') {
            const std::size_t close = c.find(U']', i);
            bool neg = c[i + 1] == U'^';
            out.emplace_back(neg, c.substr(i + 1 + neg, close - i - 1 - neg));
            i = close;
        } else if (c[i] == U'.') {
            out.emplace_back(true, U"");
        } else {
            out.emplace_back(false, std::u32string(1, c[i]));
        }
    }
    return out;
}

bool condition_holds(const SuffixRule& r, const std::u32string& word) {
    if (word.size() < r.condition.size()) return false;
    const std::size_t at = word.size() - r.condition.size();
    for (std::size_t k = 0; k < r.condition.size(); ++k) {
        const auto& [neg, set] = r.condition[k];
        const bool in = set.find(word[at + k]) != std::u32string::npos;
        if (neg ? in : !in) return false;
    }
    return true;
}

std::string guess_pos(const std::u32string& lemma, const std::string& lang) {
    auto ends = [&](const std::u32string& e) { return lemma.size() > e.size() && lemma.compare(lemma.size() - e.size(), e.size(), e) == 0; };
    if (!lemma.empty() && u_isupper(static_cast<UChar32>(lemma[0]))) return "noun:prop (guessed)";
    const auto verbs = lang == "ru" ? std::vector<std::u32string>{U"ться", U"тись", U"ть", U"ти", U"чь", U"чься"}
                                    : std::vector<std::u32string>{U"тися", U"тись", U"ти", U"ть"};
    for (const auto& e : verbs)
        if (ends(e)) return "verb (guessed)";
    const auto adjectives = lang == "ru" ? std::vector<std::u32string>{U"ый", U"ий", U"ой"} : std::vector<std::u32string>{U"ий", U"ій", U"їй"};
    for (const auto& e : adjectives)
        if (ends(e)) return "adj (guessed)";
    return "noun (guessed)";
}

// Pairs from a Hunspell dictionary's own paradigms: every N-th entry of <dir>/<locale>.dic (by a
// hash of the word, so the sample is stable) with every form its suffix rules generate. The
// sampled words go to @p sampled, so a copy of the dictionary without them can be built.
std::vector<Pair> paradigm_pairs(const std::string& dir, const std::string& locale, const std::string& lang, std::size_t every,
                                 const Analyzer& analyzer, std::set<std::string>* sampled = nullptr) {
    std::vector<Pair> out;
    std::ifstream aff(dir + "/" + locale + ".aff"), dic(dir + "/" + locale + ".dic");
    if (!aff || !dic) return out;
    std::map<char32_t, std::vector<SuffixRule>> rules;
    std::string line;
    while (std::getline(aff, line)) {
        std::istringstream f(line);
        std::string kind, flag, strip, add, cond;
        if (!(f >> kind >> flag >> strip >> add) || kind != "SFX") continue;
        if (!(f >> cond)) continue;  // the header line of a rule block has three fields only
        SuffixRule r;
        r.strip = strip == "0" ? U"" : u32(strip);
        add = add.substr(0, add.find('/'));
        r.add = add == "0" ? U"" : u32(add);
        r.condition = parse_condition(u32(cond));
        rules[u32(flag).at(0)].push_back(std::move(r));
    }
    std::set<std::pair<std::string, std::string>> seen;
    std::getline(dic, line);  // entry count
    while (std::getline(dic, line)) {
        const std::size_t slash = line.find('/');
        const std::string word = line.substr(0, std::min(slash, line.find_first_of(" \t")));
        if (word.empty() || splitmix64(fnv1a(lang + ":" + word)) % every != 0) continue;
        if (sampled) sampled->insert(word);
        const std::u32string lemma = u32(word);
        std::vector<std::u32string> forms{lemma};
        if (slash != std::string::npos)
            for (char32_t flag : u32(line.substr(slash + 1, line.find_first_of(" \t", slash) - slash - 1)))
                for (const SuffixRule& r : rules[flag]) {
                    if (!condition_holds(r, lemma)) continue;
                    if (lemma.size() < r.strip.size() || lemma.compare(lemma.size() - r.strip.size(), r.strip.size(), r.strip) != 0) continue;
                    forms.push_back(lemma.substr(0, lemma.size() - r.strip.size()) + r.add);
                }
        const std::string pos = guess_pos(lemma, lang);
        for (const auto& f : forms) {
            Pair p;
            p.form = utf8(f);
            p.lemma = word;
            p.nform = analyzer.normalize(p.form);
            p.nlemma = analyzer.normalize(p.lemma);
            if (p.nform.empty() || p.nlemma.empty() || !seen.emplace(p.nform, p.nlemma).second) continue;
            p.pos = pos;
            out.push_back(std::move(p));
        }
    }
    return out;
}

// A dictionary directory in which <locale>.dic lacks the @p held_out words (every entry of them)
// and the other files are links to @p dir's: forms of those words are then as new to the
// lemmatizer as names and new words are, which is what the fallback rules must handle.
fs::path held_out_dictionary(const std::string& dir, const std::string& locale, const std::set<std::string>& held_out) {
    const fs::path out = fs::temp_directory_path() / ("newsdex-lemma-coverage-" + std::to_string(::getpid()) + "-dict");
    fs::create_directories(out);
    for (const char* other : {"uk_UA", "ru_RU"})
        for (const char* ext : {".aff", ".dic"}) {
            const fs::path link = out / (std::string(other) + ext);
            if (other == locale && std::string(ext) == ".dic") continue;
            fs::remove(link);
            fs::create_symlink(fs::path(dir) / (std::string(other) + ext), link);
        }
    std::ifstream in(dir + "/" + locale + ".dic");
    std::vector<std::string> kept;
    std::string line;
    std::getline(in, line);  // entry count, rewritten below
    while (std::getline(in, line))
        if (!held_out.count(line.substr(0, std::min(line.find('/'), line.find_first_of(" \t"))))) kept.push_back(line);
    std::ofstream dic(out / (locale + ".dic"));
    dic << kept.size() << '\n';
    for (const auto& l : kept) dic << l << '\n';
    return out;
}

// --- Measuring --------------------------------------------------------------------------------

struct Counts {
    std::size_t pairs = 0, known = 0, agree = 0, meet = 0, stems = 0, form_to_lemma = 0, lemma_to_form = 0, wrong = 0;
    void add(const Counts& o) {
        pairs += o.pairs, known += o.known, agree += o.agree, meet += o.meet, stems += o.stems;
        form_to_lemma += o.form_to_lemma, lemma_to_form += o.lemma_to_form, wrong += o.wrong;
    }
};

struct Outcome {
    bool known = false, agree = false, meet = false, form_to_lemma = false, lemma_to_form = false;
    bool stems = false;  // the rule-based stems of form and lemma are equal: what a word the dictionary lacked would get
    bool wrong = false;  // the form, searched, also found the document of another lemma
    std::string other_lemmas;
};

bool contains(const Lemmas& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

fs::path scratch(const std::string& name) {
    return fs::temp_directory_path() / ("newsdex-lemma-coverage-" + std::to_string(::getpid()) + "-" + name);
}

std::unique_ptr<Indexer> open_indexer(const fs::path& dir) {
    fs::remove_all(dir);
    IndexOptions options;
    options.shards = 1;
    options.commit_every = 1000000;
    return std::make_unique<Indexer>(dir.string(), options);
}

// Whether the query finds document @p id; @p other_hits counts the other documents it finds.
bool search_finds(Searcher& searcher, const std::string& query, const std::string& id, std::vector<std::string>* other_hits = nullptr) {
    SearchOptions options;
    options.limit = 100000;
    options.snippets = false;
    options.collapse_duplicates = false;
    options.literal = true;
    options.or_fallback = false;
    const SearchResults r = searcher.search(query, options);
    const bool found = std::any_of(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.id == id; });
    if (other_hits)
        for (const Hit& h : r.hits)
            if (h.id != id) other_hits->push_back(h.id);
    return found;
}

std::vector<Outcome> measure(const std::vector<Pair>& pairs, const std::string& lang_code) {
    const Language lang = language_from_code(lang_code);
    std::vector<Outcome> out(pairs.size());
    {
        Lemmatizer lemmatizer;
        RuleLemmatizer rules;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const Pair& p = pairs[i];
            out[i].stems = rules.stem(p.nform, lang) == rules.stem(p.nlemma, lang);
            out[i].known = !lemmatizer.dictionary_lemmas(p.nform, lang).empty();
            const Lemmas form_lemmas = lemmatizer.lemmas(p.nform, lang);
            out[i].agree = contains(form_lemmas, p.nlemma);
            const Lemmas& lemma_lemmas = lemmatizer.lemmas(p.nlemma, lang);
            out[i].meet = std::any_of(form_lemmas.begin(), form_lemmas.end(), [&](const std::string& l) { return contains(lemma_lemmas, l); });
        }
    }
    // Form → lemma: each form in a document of its own, in batches that hold at most one form of
    // any lemma (so a lemma's other forms never help its search); the lemma is the query.
    std::vector<std::vector<std::size_t>> batches;
    {
        std::unordered_map<std::string, std::size_t> next_batch;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const std::size_t b = next_batch[pairs[i].nlemma]++;
            if (batches.size() <= b) batches.resize(b + 1);
            batches[b].push_back(i);
        }
    }
    for (std::size_t b = 0; b < batches.size(); ++b) {
        const fs::path dir = scratch(lang_code + "-f" + std::to_string(b));
        {
            auto indexer = open_indexer(dir);
            for (std::size_t i : batches[b]) {
                Article a;
                a.id = "p" + std::to_string(i);
                a.lang = lang_code;
                a.body = pairs[i].form;
                indexer->add_article(a);
            }
            indexer->commit();
        }
        Searcher searcher(dir.string());
        for (std::size_t i : batches[b]) out[i].form_to_lemma = search_finds(searcher, pairs[i].lemma, "p" + std::to_string(i));
        fs::remove_all(dir);
    }
    // Lemma → form: each lemma in a document of its own, all in one index; the form is the query.
    {
        const fs::path dir = scratch(lang_code + "-l");
        std::unordered_map<std::string, std::string> id_of_lemma, lemma_of_id;
        {
            auto indexer = open_indexer(dir);
            for (const Pair& p : pairs) {
                if (id_of_lemma.count(p.nlemma)) continue;
                const std::string id = "l" + std::to_string(id_of_lemma.size());
                id_of_lemma.emplace(p.nlemma, id);
                lemma_of_id.emplace(id, p.lemma);
                Article a;
                a.id = id;
                a.lang = lang_code;
                a.body = p.lemma;
                indexer->add_article(a);
            }
            indexer->commit();
        }
        Searcher searcher(dir.string());
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            std::vector<std::string> others;
            out[i].lemma_to_form = search_finds(searcher, pairs[i].form, id_of_lemma.at(pairs[i].nlemma), &others);
            out[i].wrong = !others.empty();
            for (const auto& id : others) out[i].other_lemmas += " " + lemma_of_id.at(id);
        }
        fs::remove_all(dir);
    }
    return out;
}

double pct(std::size_t n, std::size_t d) { return d ? 100.0 * static_cast<double>(n) / static_cast<double>(d) : 0.0; }

void report(const std::string& name, const std::vector<Pair>& pairs, const std::vector<Outcome>& outcomes, std::ostream* misses) {
    std::map<std::string, Counts> by_pos[2];
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        Counts c;
        c.pairs = 1;
        c.known = outcomes[i].known, c.agree = outcomes[i].agree, c.meet = outcomes[i].meet, c.stems = outcomes[i].stems;
        c.form_to_lemma = outcomes[i].form_to_lemma, c.lemma_to_form = outcomes[i].lemma_to_form, c.wrong = outcomes[i].wrong;
        by_pos[pairs[i].half][pairs[i].pos].add(c);
        if (misses && (!outcomes[i].form_to_lemma || !outcomes[i].lemma_to_form || outcomes[i].wrong))
            *misses << name << '\t' << (pairs[i].half ? "report" : "tune") << '\t' << pairs[i].pos << '\t' << pairs[i].form << '\t'
                    << pairs[i].lemma << '\t' << (outcomes[i].known ? "known" : "unknown") << '\t'
                    << (outcomes[i].form_to_lemma ? "" : "form→lemma ") << (outcomes[i].lemma_to_form ? "" : "lemma→form") << '\t'
                    << outcomes[i].other_lemmas << '\n';
    }
    std::printf("%s: %zu pairs (form, lemma); %% of pairs: form found by searching the lemma | lemma found by the form | "
                "lemmatizer gives the lemma | form and lemma share a lemma term | their rule-based stems are equal (as if the "
                "dictionary lacked both) | dictionary knows the form | "
                "the form also finds another lemma's document (lemma→form index: a false match unless homonyms)\n",
                name.c_str(), pairs.size());
    for (int half = 0; half < 2; ++half) {
        Counts all;
        for (const auto& [pos, c] : by_pos[half]) all.add(c);
        auto row = [&](const std::string& label, const Counts& c) {
            std::printf("  %-6s %-20s %5zu  search form→lemma %5.1f%%  lemma→form %5.1f%%  agree %5.1f%%  meet %5.1f%%  stems %5.1f%%  known %5.1f%%  "
                        "other lemma %4.1f%%\n",
                        half ? "report" : "tune", label.c_str(), c.pairs, pct(c.form_to_lemma, c.pairs), pct(c.lemma_to_form, c.pairs),
                        pct(c.agree, c.pairs), pct(c.meet, c.pairs), pct(c.stems, c.pairs), pct(c.known, c.pairs), pct(c.wrong, c.pairs));
        };
        row("all", all);
        for (const auto& [pos, c] : by_pos[half]) row(pos, c);
    }
}

void run(const std::string& name, const std::string& lang, std::vector<Pair> pairs, std::ostream* misses) {
    if (pairs.empty()) {
        std::printf("%s: no pairs, skipped\n", name.c_str());
        return;
    }
    // A mixed hash: FNV-1a's low bits follow the bytes' parity, and the Russian sample is itself
    // chosen by an FNV-1a remainder.
    for (Pair& p : pairs) p.half = static_cast<int>(splitmix64(fnv1a("half:" + p.nlemma)) >> 63);
    const auto start = std::chrono::steady_clock::now();
    const auto outcomes = measure(pairs, lang);
    report(name, pairs, outcomes, misses);
    std::printf("  (%.1f s)\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--smoke") opt.smoke = true;
        else if (arg == "--lexicon" && i + 1 < argc) opt.lexicon = argv[++i];
        else if (arg == "--dictionaries" && i + 1 < argc) opt.dictionaries = argv[++i];
        else if (arg == "--ru-every" && i + 1 < argc) opt.ru_every = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
        else if (arg == "--uk-every" && i + 1 < argc) opt.uk_every = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
        else if (arg == "--only" && i + 1 < argc) opt.only = argv[++i];
        else if (arg == "--misses" && i + 1 < argc) opt.misses = argv[++i];
        else {
            std::cerr << "usage: lemma_coverage [--lexicon FILE] [--dictionaries DIR] [--ru-every N] [--uk-every N] [--only uk|ru|ru-new|uk-new] [--misses FILE] [--smoke]\n";
            return 2;
        }
    }
    try {
        Analyzer analyzer;
        if (opt.smoke) {
            std::vector<Pair> uk, ru;
            for (auto [f, l] : {std::pair{"книзі", "книга"}, {"пішли", "піти"}, {"Києві", "Київ"}}) uk.push_back({f, l, analyzer.normalize(f), analyzer.normalize(l), "smoke"});
            for (auto [f, l] : {std::pair{"переговорах", "переговоры"}, {"сделали", "сделать"}}) ru.push_back({f, l, analyzer.normalize(f), analyzer.normalize(l), "smoke"});
            run("smoke uk", "uk", uk, nullptr);
            run("smoke ru", "ru", ru, nullptr);
            return 0;
        }
        std::ofstream misses_file;
        if (!opt.misses.empty()) misses_file.open(opt.misses);
        std::ostream* misses = misses_file.is_open() ? &misses_file : nullptr;
        if (opt.dictionaries.empty()) {
            const char* env = std::getenv("NEWSDEX_HUNSPELL_DIR");
            opt.dictionaries = env && *env ? env : "/usr/share/hunspell";
        }
        auto wanted = [&](const std::string& set) { return opt.only.empty() || opt.only == set; };
        if (wanted("uk")) run("uk_lemmas_dev", "uk", read_lexicon(opt.lexicon, analyzer), misses);
        if (wanted("ru"))
            run("ru Hunspell paradigms (every " + std::to_string(opt.ru_every) + "th entry)", "ru",
                paradigm_pairs(opt.dictionaries, "ru_RU", "ru", opt.ru_every, analyzer), misses);
        // The same kind of sample, its words removed from the dictionary the lemmatizer loads: how
        // names and new words fare, which only the fallback rules and the query side can reach.
        for (const auto& [set, locale, lang, every] : {std::tuple{"ru-new", "ru_RU", "ru", opt.ru_every}, std::tuple{"uk-new", "uk_UA", "uk", opt.uk_every}}) {
            if (!wanted(set)) continue;
            std::set<std::string> sampled;
            auto pairs = paradigm_pairs(opt.dictionaries, locale, lang, every, analyzer, &sampled);
            const fs::path dir = held_out_dictionary(opt.dictionaries, locale, sampled);
            const char* before = std::getenv("NEWSDEX_HUNSPELL_DIR");
            const std::string saved = before ? before : "";
            ::setenv("NEWSDEX_HUNSPELL_DIR", dir.c_str(), 1);
            run(std::string(set) + ": " + lang + " Hunspell paradigms (every " + std::to_string(every) + "th entry), held out of the dictionary", lang,
                std::move(pairs), misses);
            if (before) ::setenv("NEWSDEX_HUNSPELL_DIR", saved.c_str(), 1);
            else ::unsetenv("NEWSDEX_HUNSPELL_DIR");
            fs::remove_all(dir);
        }
    } catch (const std::exception& e) {
        std::cerr << "lemma_coverage: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
