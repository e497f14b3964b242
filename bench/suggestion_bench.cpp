// "Did you mean" measured on typos nobody tuned for: one-letter typos of title words of articles
// the index has never seen. Each language's articles (../shared/corpora/news) are split by a hash
// of the id: one in --hold-out is held out of the index, the rest indexed; the held-out articles
// are split again, by another hash of the id, into a tune half and a report half. From each
// held-out title one word is taken (letters only, five or more, not a function word, and a word
// the index holds), one edit is made to it (a letter deleted, inserted, replaced, or two
// neighbours swapped, at a place and with a letter of the language's alphabet drawn from the
// id), and the typo is the query. Typos that are themselves words of the index are drawn again:
// such a query finds articles and is, to the index, no typo. The Suggester's answer counts as
// right (the word), other word, or none; with Xapian's spelling suggestion alone and with the nearest
// word first (SuggestOptions::nearest_first).
//
//   suggestion_bench [--corpus DIR] [--db DIR] [--hold-out N] [--queries N] [--max-mb N]
//                    [--examples K] [--smoke]
//
// --db: the index to build (or to reuse when it exists: the split is fixed, so it is the same
// index); a temporary one by default. --queries: at most this many per language and half.
// --examples: print K misses per language and half. --smoke: a few articles, proves it runs.
#include "newsdex/analyzer.h"
#include "newsdex/indexer.h"
#include "newsdex/schema.h"
#include "newsdex/searcher.h"
#include "newsdex/suggest.h"

#include "corpus_reader.h"
#include "stop_words.h"
#include "utf32.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace newsdex;
namespace fs = std::filesystem;

namespace {

struct Options {
    std::string corpus = NEWSDEX_SHARED_DIR "/corpora/news";
    std::string db;
    std::uint64_t hold_out = 5;
    std::size_t queries = 400;
    std::size_t max_mb = 0;  // 0: every article
    std::size_t examples = 0;
    bool smoke = false;
};

// Salted so that the split is independent of other splits keyed on the id.
bool held_out(const std::string& id, std::uint64_t every) { return schema::stable_hash("suggest-held-out:" + id) % every == 0; }
bool report_half(const std::string& id) { return (schema::stable_hash("suggest-half:" + id) & 1) != 0; }

const std::u32string kAlphabet[] = {
    U"абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",  // uk
    U"абвгдежзийклмнопрстуфхцчшщъыьэюя",   // ru
    U"abcdefghijklmnopqrstuvwxyz",         // en
};
const char* const kLangs[] = {"uk", "ru", "en"};

// One edit of @p word: a letter deleted, inserted, replaced, or two different neighbours swapped.
std::u32string one_typo(const std::u32string& word, const std::u32string& alphabet, std::mt19937_64& rng) {
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    for (;;) {
        std::u32string typo = word;
        switch (pick(4)) {
        case 0: typo.erase(pick(word.size()), 1); break;
        case 1: typo.insert(typo.begin() + static_cast<std::ptrdiff_t>(pick(word.size() + 1)), alphabet[pick(alphabet.size())]); break;
        case 2: typo[pick(word.size())] = alphabet[pick(alphabet.size())]; break;
        default: {
            const std::size_t at = pick(word.size() - 1);
            std::swap(typo[at], typo[at + 1]);
        }
        }
        if (typo != word) return typo;
    }
}

bool letters_only(const std::u32string& word, const std::u32string& alphabet) {
    return std::all_of(word.begin(), word.end(), [&](char32_t c) { return alphabet.find(c) != std::u32string::npos; });
}

struct Query {
    std::string word, typo, id;
};

struct Tally {
    std::size_t queries = 0, right = 0, other = 0, none = 0, redrawn = 0;
    std::size_t found_itself = 0;  // of none: the typo finds SuggestOptions::few articles itself
    std::vector<std::string> misses;
};

double percent(std::size_t part, std::size_t whole) { return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole); }

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    CLI::App app{"did-you-mean on one-letter typos of held-out title words"};
    app.add_option("--corpus", opt.corpus, "directory of uk/ru/en JSON Lines files")->capture_default_str();
    app.add_option("--db", opt.db, "index of the kept articles (built when missing; default: a temporary one)");
    app.add_option("--hold-out", opt.hold_out, "hold out one article in N")->capture_default_str();
    app.add_option("--queries", opt.queries, "typo queries per language and half")->capture_default_str();
    app.add_option("--max-mb", opt.max_mb, "read at most this many MB per language (0: all)")->capture_default_str();
    app.add_option("--examples", opt.examples, "print K misses per language");
    app.add_flag("--smoke", opt.smoke, "a tiny run, for ctest");
    CLI11_PARSE(app, argc, argv);
    if (opt.hold_out < 2) {
        std::fprintf(stderr, "suggestion_bench: --hold-out must be 2 or more\n");
        return 2;
    }
    if (opt.smoke) {
        opt.max_mb = 1;
        opt.queries = 5;
    }
    const bool temporary = opt.db.empty();
    if (temporary) opt.db = (fs::temp_directory_path() / ("suggestion-bench-" + std::to_string(::getpid()))).string();

    try {
        // The articles, split; the index of the kept ones built unless it is there already.
        std::vector<Article> held[3];
        const bool build = !fs::exists(opt.db);
        std::unique_ptr<Indexer> indexer;
        if (build) indexer = std::make_unique<Indexer>(opt.db);
        std::size_t indexed = 0;
        for (int l = 0; l < 3; ++l) {
            const std::size_t max_bytes = opt.max_mb == 0 ? static_cast<std::size_t>(-1) : opt.max_mb << 20;
            for (Article& a : bench::read_jsonl(opt.corpus + "/" + kLangs[l] + ".jsonl.gz", max_bytes)) {
                if (held_out(a.id, opt.hold_out)) held[l].push_back(std::move(a));
                else if (build) {
                    indexer->add_article(std::move(a));
                    ++indexed;
                }
            }
        }
        if (build) {
            indexer->commit();
            indexer.reset();
            std::printf("indexed %zu articles into %s\n", indexed, opt.db.c_str());
        } else {
            std::printf("reusing the index at %s\n", opt.db.c_str());
        }

        const Xapian::Database db(opt.db);
        const Analyzer analyzer;
        Suggester suggester(opt.db);
        Searcher searcher(opt.db);
        SearchOptions counting;
        counting.limit = 1;
        counting.snippets = false;
        counting.or_fallback = false;
        std::vector<std::string> misses;
        std::printf("\n| lang | half | spelling | queries | right | other word | none | of none: the typo finds 5+ itself | typos drawn again |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int l = 0; l < 3; ++l) {
            // Stable order: by the hash of the id, so --queries takes the same ones every run.
            std::sort(held[l].begin(), held[l].end(), [](const Article& a, const Article& b) {
                return schema::stable_hash(a.id) < schema::stable_hash(b.id);
            });
            // [half][variant]: variant 0 is Xapian's suggestion alone, 1 the nearest word first.
            Tally tally[2][2];
            for (const Article& a : held[l]) {
                const int half = report_half(a.id) ? 1 : 0;
                if (tally[half][0].queries >= opt.queries) continue;
                std::vector<std::string> words;
                for (const Token& tok : analyzer.tokenize(a.title)) {
                    if (tok.kind != TokenKind::word || is_stop_word(tok.term)) continue;
                    const std::u32string w = to_u32(tok.term);
                    if (w.size() >= 5 && letters_only(w, kAlphabet[l]) && db.get_termfreq(tok.term) > 0) words.push_back(tok.term);
                }
                if (words.empty()) continue;
                std::mt19937_64 rng(schema::stable_hash("suggest-typo:" + a.id));
                const std::string word = words[rng() % words.size()];
                std::string typo;
                std::size_t redrawn = 0;
                for (int attempt = 0; attempt < 20 && typo.empty(); ++attempt) {
                    typo = to_utf8(one_typo(to_u32(word), kAlphabet[l], rng));
                    if (db.get_termfreq(typo) > 0) {
                        ++redrawn;
                        typo.clear();
                    }
                }
                if (typo.empty()) continue;
                for (int variant = 0; variant < 2; ++variant) {
                    Tally& t = tally[half][variant];
                    t.redrawn += redrawn;
                    ++t.queries;
                    SuggestOptions how;
                    how.nearest_first = variant == 1;
                    const auto s = suggester.suggest(typo, {}, how);
                    if (!s) {
                        ++t.none;
                        // Its rule-based lemma, say, can match real words: then there is nothing to correct.
                        if (searcher.search(typo, counting).count.matches >= how.few) ++t.found_itself;
                    } else if (analyzer.normalize(s->query) == word) {
                        ++t.right;
                    } else {
                        ++t.other;
                    }
                    if ((!s || analyzer.normalize(s->query) != word) && t.misses.size() < opt.examples)
                        t.misses.push_back(word + " → " + typo + " → " + (s ? s->query : std::string("(none)")));
                }
            }
            for (int half = 0; half < 2; ++half)
                for (int variant = 0; variant < 2; ++variant) {
                    const Tally& t = tally[half][variant];
                    std::printf("| %s | %s | %s | %zu | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %zu |\n", kLangs[l],
                                half ? "report" : "tune", variant ? "nearest first" : "Xapian's", t.queries,
                                percent(t.right, t.queries), percent(t.other, t.queries), percent(t.none, t.queries),
                                percent(t.found_itself, t.queries), t.redrawn);
                }
            for (int half = 0; half < 2; ++half)
                for (int variant = 0; variant < 2; ++variant)
                    for (const std::string& m : tally[half][variant].misses)
                        misses.push_back(std::string(kLangs[l]) + (half ? " report" : " tune") +
                                         (variant ? ", nearest first: " : ", Xapian's: ") + m);
        }
        if (!misses.empty()) std::printf("\nmisses (word → typo → suggestion):\n");
        for (const std::string& m : misses) std::printf("  %s\n", m.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "suggestion_bench: %s\n", e.what());
        if (temporary) fs::remove_all(opt.db);
        return 1;
    }
    if (temporary) fs::remove_all(opt.db);
    return 0;
}
