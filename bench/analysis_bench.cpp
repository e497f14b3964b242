// Analysis benchmark: analyzer throughput per language, language-ID accuracy on the labelled
// corpora, lemma cache hit rate, the Ukrainian lemma/stem agreement on the dev lexicon, and (with
// --index-size) what positions on lemma terms cost in index size.
//
//   analysis_bench [--corpora DIR] [--max-mb N] [--index-size] [--smoke]
//
// Runs on one core. --smoke analyses a few built-in sentences only (for ctest).
#include "corpus_reader.h"

#include "newsdex/analyzer.h"
#include "newsdex/indexer.h"
#include "newsdex/language.h"
#include "newsdex/lemmatizer.h"

#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace newsdex;
namespace fs = std::filesystem;

namespace {

// Throughput is per core: the machine is shared, so CPU time of this thread, not wall time.
struct CpuClock {
    using time_point = double;
    static double now() {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    }
};
using Clock = CpuClock;

double seconds_since(Clock::time_point t) { return Clock::now() - t; }

struct Options {
    std::string corpora = NEWSDEX_SHARED_DIR "/corpora";
    std::size_t max_bytes = 16u << 20;
    bool index_size = false;
    bool smoke = false;
};

void language_accuracy(const std::string& name, const std::vector<Article>& articles) {
    std::map<std::string, std::size_t> blind, hinted;
    std::size_t blind_ok = 0, hinted_ok = 0;
    for (const auto& a : articles) {
        const std::string text = a.title + "\n" + a.body;
        const auto b = std::string(language_code(detect_language(text)));
        const auto h = std::string(language_code(detect_language(text, language_from_code(a.lang))));
        ++blind[b];
        ++hinted[h];
        blind_ok += b == a.lang;
        hinted_ok += h == a.lang;
    }
    auto dist = [](const std::map<std::string, std::size_t>& m) {
        std::string s;
        for (const auto& [k, v] : m) s += " " + k + "=" + std::to_string(v);
        return s;
    };
    std::printf("lang-id %-9s articles=%zu accuracy=%.2f%% (declared language as hint: %.2f%%) detected:%s\n",
                name.c_str(), articles.size(), 100.0 * static_cast<double>(blind_ok) / static_cast<double>(articles.size()),
                100.0 * static_cast<double>(hinted_ok) / static_cast<double>(articles.size()), dist(blind).c_str());
}

void throughput(const std::string& name, const std::vector<Article>& articles) {
    Analyzer analyzer;
    std::size_t bytes = 0, tokens = 0;
    for (const auto& a : articles) bytes += a.title.size() + a.body.size();

    auto start = Clock::now();
    for (const auto& a : articles) tokens += analyzer.tokenize(a.title).size() + analyzer.tokenize(a.body).size();
    const double tokenize_s = seconds_since(start);

    // Tokenize + language + lemmas, as the indexer does (dictionaries loaded before timing).
    Lemmatizer lemmatizer;
    lemmatizer.has_dictionary(Language::uk);
    lemmatizer.has_dictionary(Language::ru);
    start = Clock::now();
    for (const auto& a : articles) {
        const Language lang = detect_language(a.title + "\n" + a.body, language_from_code(a.lang));
        for (const std::string* text : {&a.title, &a.body})
            for (const Token& t : analyzer.tokenize(*text)) lemmatizer.lemmas(t.term, term_language(t.term, lang));
        lemmatizer.take_new_entries();
    }
    const double full_s = seconds_since(start);
    const auto& st = lemmatizer.stats();
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf("analyzer %-9s %.1f MB %zu tokens: tokenize %.2f MB/s, +language+lemmas %.2f MB/s; "
                "lemma cache hit rate %.2f%% (%zu look-ups, %zu forms: %zu dictionary, %zu rule-based)\n",
                name.c_str(), mb, tokens, mb / tokenize_s, mb / full_s,
                st.lookups ? 100.0 * static_cast<double>(st.cache_hits) / static_cast<double>(st.lookups) : 0.0,
                st.lookups, st.dictionary + st.fallback, st.dictionary, st.fallback);
}

// Share of (form, lemma) pairs of the dev lexicon that meet in a common term.
void lexicon(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        std::printf("lexicon: %s not found, skipped\n", path.c_str());
        return;
    }
    Analyzer analyzer;
    Lemmatizer lemmatizer;
    RuleLemmatizer rules;
    std::size_t pairs = 0, dict_meet = 0, rule_meet = 0, both_meet = 0, either_meet = 0, dict_known = 0;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string word, lemma;
        if (!std::getline(fields, word, '\t') || !std::getline(fields, lemma, '\t')) continue;
        word = analyzer.normalize(word);
        lemma = analyzer.normalize(lemma);
        if (word.empty() || lemma.empty()) continue;
        ++pairs;
        auto meet = [](const Lemmas& a, const Lemmas& b) {
            for (const auto& x : a)
                for (const auto& y : b)
                    if (x == y) return true;
            return false;
        };
        const Lemmas dw = lemmatizer.dictionary_lemmas(word, Language::uk);
        const Lemmas dl = lemmatizer.dictionary_lemmas(lemma, Language::uk);
        dict_known += !dw.empty();
        const bool by_dictionary = meet(dw, dl);
        const bool by_rules = rules.stem(word, Language::uk) == rules.stem(lemma, Language::uk);
        dict_meet += by_dictionary;
        rule_meet += by_rules;
        either_meet += by_dictionary || by_rules;
        both_meet += meet(lemmatizer.lemmas(word, Language::uk), lemmatizer.lemmas(lemma, Language::uk));
    }
    auto pct = [&](std::size_t n) { return 100.0 * static_cast<double>(n) / static_cast<double>(pairs); };
    std::printf("lexicon uk_lemmas_dev: %zu pairs; meet in a common term: Hunspell alone %.1f%% (knows %.1f%% of forms), "
                "rule-based stem alone %.1f%%, both (dictionary, else rules: as indexed) %.1f%%, "
                "both (either term: would index two terms per word) %.1f%%\n",
                pairs, pct(dict_meet), pct(dict_known), pct(rule_meet), pct(both_meet), pct(either_meet));
}

std::uintmax_t dir_size(const fs::path& p) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) n += e.file_size();
    return n;
}

void index_size(const std::string& name, const std::vector<Article>& articles) {
    std::uintmax_t sizes[2] = {0, 0};
    double secs[2] = {0, 0};
    for (int with_positions = 0; with_positions < 2; ++with_positions) {
        const fs::path dir = fs::temp_directory_path() / ("newsdex-bench-" + std::to_string(::getpid()) + "-" + std::to_string(with_positions));
        fs::remove_all(dir);
        const auto start = Clock::now();
        {
            IndexOptions options;
            options.lemma_positions = with_positions == 1;
            Indexer indexer(dir.string(), options);
            for (const auto& a : articles) indexer.add_article(a);
            indexer.commit();
        }
        secs[with_positions] = seconds_since(start);
        sizes[with_positions] = dir_size(dir);
        fs::remove_all(dir);
    }
    std::printf("index %-9s %zu articles: lemma terms without positions %.1f MB (%.1f s CPU), with positions %.1f MB (%.1f s CPU): +%.1f%%\n",
                name.c_str(), articles.size(), static_cast<double>(sizes[0]) / 1e6, secs[0], static_cast<double>(sizes[1]) / 1e6,
                secs[1], 100.0 * (static_cast<double>(sizes[1]) / static_cast<double>(sizes[0]) - 1));
}

int smoke() {
    std::vector<Article> articles;
    const char* samples[][2] = {
        {"uk", "Переговори щодо експорту зерна тривали у Києві. Мʼясо подорожчало на 3,5%."},
        {"ru", "Переговоры об экспорте зерна прошли в Киеве. Ещё одна ёлка появилась на площади."},
        {"en", "Talks on grain exports were held in Kyiv; see https://example.com/news for details."},
    };
    for (const auto& s : samples) {
        Article a;
        a.lang = s[0];
        a.body = s[1];
        articles.push_back(a);
    }
    language_accuracy("smoke", articles);
    throughput("smoke", articles);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they are measured
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--smoke") opt.smoke = true;
        else if (arg == "--index-size") opt.index_size = true;
        else if (arg == "--corpora" && i + 1 < argc) opt.corpora = argv[++i];
        else if (arg == "--max-mb" && i + 1 < argc) opt.max_bytes = static_cast<std::size_t>(std::atof(argv[++i]) * (1 << 20));
        else {
            std::cerr << "usage: analysis_bench [--corpora DIR] [--max-mb N] [--index-size] [--smoke]\n";
            return 2;
        }
    }
    if (opt.smoke) return smoke();
    try {
        for (const char* name : {"uk", "uk-extra", "ru", "en"}) {
            const std::string path = opt.corpora + "/news/" + name + ".jsonl.gz";
            if (!fs::exists(path)) {
                std::printf("%s: not found, skipped\n", path.c_str());
                continue;
            }
            // Language ID reads every article; throughput and lemmas a bounded sample.
            const auto all = bench::read_jsonl(path, SIZE_MAX);
            language_accuracy(name, all);
            std::vector<Article> sample;
            std::size_t bytes = 0;
            for (const auto& a : all) {
                if (bytes >= opt.max_bytes) break;
                bytes += a.title.size() + a.body.size();
                sample.push_back(a);
            }
            throughput(name, sample);
            if (opt.index_size && std::string(name) != "uk-extra") index_size(name, sample);
        }
        lexicon(opt.corpora + "/lexicon/uk_lemmas_dev.tsv");
    } catch (const std::exception& e) {
        std::cerr << "analysis_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
