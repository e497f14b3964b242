// How well the near-duplicate sketch (common/include/newsdex/near_duplicate.h) finds republished
// versions of an article, and what it costs: docs/benchmarks.md, "Story clusters".
//
// From real articles of ../shared/corpora/news it builds republications with the edits outlets
// make (sentences reworded, dropped, reordered, the headline rewritten, the end cut off) and
// clusters a pool of originals and versions exactly as the searcher does (LSH band terms, then
// the sketch similarity, then connected components). Pairs are judged against the truth: a
// version belongs with its original, and two corpus articles belong together when the Jaccard
// similarity of their full shingle sets is at least the threshold (real republications). The
// threshold is chosen on the articles whose id hashes even and reported on the odd ones.
//
//   near_duplicate_bench [NEWS_DIR [BYTES_PER_FILE]]     quality and CPU cost
//   near_duplicate_bench --index-overhead INDEX OUT_DIR  index space of the sketches
#include "corpus_reader.h"
#include "document_builder.h"

#include "newsdex/analyzer.h"
#include "newsdex/near_duplicate.h"
#include "newsdex/schema.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>
#include <chrono>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

using namespace newsdex;
namespace nd = newsdex::near_duplicate;

namespace {

enum class Edit { reworded, dropped, reordered, headline, truncated, all_of_them };
const char* name(Edit e) {
    switch (e) {
    case Edit::reworded: return "2 sentences reworded";
    case Edit::dropped: return "1-2 sentences dropped";
    case Edit::reordered: return "2 paragraphs or sentences swapped";
    case Edit::headline: return "headline rewritten";
    case Edit::truncated: return "cut after 70 % of sentences";
    case Edit::all_of_them: return "reworded + dropped + swapped + headline";
    }
    return "";
}
constexpr Edit kEdits[] = {Edit::reworded, Edit::dropped, Edit::reordered, Edit::headline, Edit::truncated, Edit::all_of_them};

std::vector<std::string> sentences_of(const std::string& body) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < body.size(); ++i) {
        cur += body[i];
        const bool end = body[i] == '\n' || ((body[i] == '.' || body[i] == '!' || body[i] == '?') && i + 1 < body.size() && body[i + 1] == ' ');
        if (end) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

std::string join(const std::vector<std::string>& parts) {
    std::string s;
    for (const auto& p : parts) s += p;
    return s;
}

// Replaces two words of the sentence by other words of the article, as an editor's rewording.
std::string reword(const std::string& sentence, const std::vector<std::string>& vocabulary, std::mt19937& rng) {
    std::vector<std::string> words;
    std::string cur;
    for (char c : sentence) {
        if (c == ' ') {
            words.push_back(cur);
            cur.clear();
        } else cur += c;
    }
    words.push_back(cur);
    for (int k = 0; k < 2 && !vocabulary.empty(); ++k) words[rng() % words.size()] = vocabulary[rng() % vocabulary.size()];
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
    return out;
}

Article republish(const Article& original, Edit edit, std::mt19937& rng, const std::vector<std::string>& vocabulary) {
    Article v = original;
    v.id += "#version";
    auto s = sentences_of(original.body);
    const std::size_t n = s.size();
    auto pick = [&] { return static_cast<std::size_t>(rng() % n); };
    const bool all = edit == Edit::all_of_them;
    if (edit == Edit::reworded || all)
        for (int k = 0; k < 2; ++k) {
            const std::size_t i = pick();
            s[i] = reword(s[i], vocabulary, rng);
        }
    if ((edit == Edit::dropped || all) && n > 3) {
        s.erase(s.begin() + static_cast<long>(pick() % s.size()));
        if (rng() % 2) s.erase(s.begin() + static_cast<long>(pick() % s.size()));
    }
    if ((edit == Edit::reordered || all) && s.size() > 2) {
        const std::size_t i = pick() % (s.size() - 1);
        std::swap(s[i], s[i + 1 + pick() % (s.size() - i - 1)]);
    }
    if (edit == Edit::headline || all) v.title = "Update: " + original.title.substr(0, original.title.size() / 2);
    if (edit == Edit::truncated) s.resize(std::max<std::size_t>(1, s.size() * 7 / 10));
    v.body = join(s);
    return v;
}

struct Doc {
    std::string id, source;
    std::optional<nd::Sketch> sketch;
    std::vector<std::uint64_t> shingles;  // sorted, unique
    std::size_t origin = 0;               // index of the original this is a version of (or itself)
};

Doc analyse(const Article& a, const Analyzer& analyzer, std::size_t origin) {
    Doc d;
    d.id = a.id;
    d.source = a.source;
    d.origin = origin;
    const auto tokens = analyzer.tokenize(a.body);
    std::vector<std::string_view> words;
    for (const auto& t : tokens) words.emplace_back(t.term);
    d.sketch = nd::sketch_of(words);
    for (std::size_t i = 0; i + nd::kShingleWords <= words.size(); ++i) {
        std::uint64_t h = schema::kStableHashStart;
        for (std::size_t k = 0; k < nd::kShingleWords; ++k) h = schema::stable_hash(" ", schema::stable_hash(words[i + k], h));
        d.shingles.push_back(h);
    }
    std::sort(d.shingles.begin(), d.shingles.end());
    d.shingles.erase(std::unique(d.shingles.begin(), d.shingles.end()), d.shingles.end());
    return d;
}

double jaccard(const Doc& a, const Doc& b) {
    std::size_t common = 0, i = 0, j = 0;
    while (i < a.shingles.size() && j < b.shingles.size()) {
        if (a.shingles[i] == b.shingles[j]) ++common, ++i, ++j;
        else if (a.shingles[i] < b.shingles[j]) ++i;
        else ++j;
    }
    const std::size_t uni = a.shingles.size() + b.shingles.size() - common;
    return uni ? static_cast<double>(common) / uni : 0;
}

using Pair = std::pair<std::size_t, std::size_t>;

// The searcher's clustering: band-term candidates, sketch similarity, connected components.
std::vector<std::size_t> cluster(const std::vector<Doc>& docs, double threshold) {
    std::vector<std::size_t> parent(docs.size());
    std::iota(parent.begin(), parent.end(), 0);
    std::function<std::size_t(std::size_t)> find = [&](std::size_t x) { return parent[x] == x ? x : parent[x] = find(parent[x]); };
    std::unordered_map<std::string, std::vector<std::size_t>> bands;
    for (std::size_t i = 0; i < docs.size(); ++i)
        if (docs[i].sketch)
            for (const auto& t : nd::band_terms(*docs[i].sketch, "XN")) bands[t].push_back(i);
    for (const auto& [term, members] : bands)
        for (std::size_t x = 0; x < members.size(); ++x)
            for (std::size_t y = x + 1; y < members.size(); ++y)
                if (nd::similarity(*docs[members[x]].sketch, *docs[members[y]].sketch) >= threshold)
                    parent[find(members[x])] = find(members[y]);
    std::vector<std::size_t> root(docs.size());
    for (std::size_t i = 0; i < docs.size(); ++i) root[i] = find(i);
    return root;
}

// Pairs of corpus articles whose full shingle sets have Jaccard >= threshold (the truth for real
// republications), through an inverted index of shingles; shingles in more than 200 articles are
// boilerplate and skipped as seeds (pairs sharing only those are far below any threshold).
std::set<Pair> true_pairs(const std::vector<Doc>& docs, double threshold) {
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> postings;
    for (std::size_t i = 0; i < docs.size(); ++i)
        for (auto s : docs[i].shingles) postings[s].push_back(i);
    std::map<Pair, std::size_t> shared;
    for (const auto& [s, list] : postings) {
        if (list.size() > 200) continue;
        for (std::size_t x = 0; x < list.size(); ++x)
            for (std::size_t y = x + 1; y < list.size(); ++y) ++shared[{list[x], list[y]}];
    }
    std::set<Pair> out;
    for (const auto& [p, n] : shared) {
        const auto& a = docs[p.first];
        const auto& b = docs[p.second];
        if (n < threshold * std::min(a.shingles.size(), b.shingles.size())) continue;  // cannot reach it
        if (jaccard(a, b) >= threshold) out.insert(p);
    }
    return out;
}

struct Score {
    std::size_t tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 1; }
    double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 1; }
    double f1() const { const double p = precision(), r = recall(); return p + r ? 2 * p * r / (p + r) : 0; }
};

Score judge(const std::vector<std::size_t>& root, const std::set<Pair>& truth) {
    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < root.size(); ++i) groups[root[i]].push_back(i);
    Score s;
    std::size_t predicted = 0;
    for (const auto& [r, members] : groups) predicted += members.size() * (members.size() - 1) / 2;
    for (const auto& [a, b] : truth) (root[a] == root[b] ? s.tp : s.fn)++;
    s.fp = predicted - s.tp;
    return s;
}

}  // namespace

// The index space the sketches take: every document of @p source copied into two fresh
// databases, one as it is and one without the sketch value and band terms, both compacted.
int index_overhead(const std::string& source, const std::string& out) {
    Xapian::Database db(source);
    std::uintmax_t sizes[2] = {0, 0};
    for (int strip = 0; strip < 2; ++strip) {
        const std::string path = out + (strip ? "/without" : "/with");
        {
            Xapian::WritableDatabase copy(path, Xapian::DB_CREATE_OR_OVERWRITE);
            for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
                Xapian::Document doc = db.get_document(*it);
                Xapian::Document fresh;
                fresh.set_data(doc.get_data());
                for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
                    if (!strip || v.get_valueno() != schema::kSketchSlot) fresh.add_value(v.get_valueno(), *v);
                for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                    if (strip && (*t).rfind(schema::kNearDuplicatePrefix, 0) == 0) continue;
                    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) fresh.add_posting(*t, *p, 0);
                    fresh.add_term(*t, t.get_wdf());
                }
                copy.add_document(fresh);
            }
            copy.commit();
            copy.compact(path + "-compact");
        }
        for (const auto& e : std::filesystem::recursive_directory_iterator(path + "-compact"))
            if (e.is_regular_file()) sizes[strip] += e.file_size();
    }
    std::printf("%u documents: compacted %.1f MB with sketches, %.1f MB without (+%.1f %%)\n", db.get_doccount(),
                sizes[0] / 1e6, sizes[1] / 1e6, 100.0 * (static_cast<double>(sizes[0]) / static_cast<double>(sizes[1]) - 1));
    return 0;
}

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "--index-overhead") return index_overhead(argv[2], argv[3]);
    const std::string dir = argc > 1 ? argv[1] : NEWSDEX_SHARED_DIR "/corpora/news";
    const std::size_t per_file = argc > 2 ? std::stoul(argv[2]) : 6u << 20;
    Analyzer analyzer;
    std::vector<Article> articles;
    for (const char* f : {"en.jsonl.gz", "ru.jsonl.gz", "uk.jsonl.gz", "uk-extra.jsonl.gz"}) {
        auto part = bench::read_jsonl(dir + "/" + f, per_file);
        std::fprintf(stderr, "%s: %zu articles\n", f, part.size());
        articles.insert(articles.end(), part.begin(), part.end());
    }

    // Cost: the sketch against the whole document build (analysis, lemmas, terms) it is part of.
    {
        DocumentBuilder builder;
        double build_s = 0, sketch_s = 0;
        const std::size_t n = std::min<std::size_t>(articles.size(), 3000);
        for (std::size_t i = 0; i < n; ++i) {
            Article a = articles[i];
            auto t0 = std::chrono::steady_clock::now();
            builder.build(a);
            auto t1 = std::chrono::steady_clock::now();
            const auto tokens = analyzer.tokenize(a.body);
            auto t2 = std::chrono::steady_clock::now();
            std::vector<std::string_view> words;
            for (const auto& t : tokens) words.emplace_back(t.term);
            if (auto s = nd::sketch_of(words)) (void)nd::band_terms(*s, "XN");
            auto t3 = std::chrono::steady_clock::now();
            build_s += std::chrono::duration<double>(t1 - t0).count();
            sketch_s += std::chrono::duration<double>(t3 - t2).count();
        }
        std::printf("cost over %zu articles: document build %.1f ms/article (sketch included), sketch and band terms "
                    "%.3f ms/article = %.1f %% of the build\n",
                    n, 1000 * build_s / n, 1000 * sketch_s / n, 100 * sketch_s / build_s);
    }

    for (int half = 0; half < 2; ++half) {
        std::vector<Article> originals;
        for (const Article& a : articles)
            if ((schema::stable_hash(a.id) & 1) == static_cast<unsigned>(half)) originals.push_back(a);
        std::mt19937 rng(1234 + half);
        std::vector<Doc> pool;
        std::vector<Edit> edit_of;  // per original that got a version
        for (std::size_t i = 0; i < originals.size(); ++i) pool.push_back(analyse(originals[i], analyzer, i));
        const std::set<Pair> corpus_truth = true_pairs(pool, nd::kThreshold);
        std::set<Pair> truth = corpus_truth;
        std::map<Pair, Edit> edit_pairs;
        for (std::size_t i = 0; i < originals.size(); ++i) {
            if (!pool[i].sketch) continue;  // too short to cluster at all
            std::vector<std::string> vocab;
            for (const auto& t : analyzer.tokenize(originals[(i * 7919 + 1) % originals.size()].body)) vocab.push_back(originals[(i * 7919 + 1) % originals.size()].body.substr(t.begin, t.end - t.begin));
            const Edit e = kEdits[rng() % std::size(kEdits)];
            pool.push_back(analyse(republish(originals[i], e, rng, vocab), analyzer, i));
            const Pair p{i, pool.size() - 1};
            truth.insert(p);
            edit_pairs[p] = e;
        }
        // A version is also a true match of its original's real near duplicates.
        for (const auto& [a, b] : corpus_truth)
            for (std::size_t v = originals.size(); v < pool.size(); ++v)
                if (pool[v].origin == a) truth.insert({b, v});
                else if (pool[v].origin == b) truth.insert({a, v});
        std::printf("\n%s half (%s): %zu originals, %zu versions, %zu real near-duplicate pairs (Jaccard >= %.2f)\n",
                    half == 0 ? "tuning" : "test", half == 0 ? "id hash even" : "id hash odd", originals.size(),
                    pool.size() - originals.size(), corpus_truth.size(), nd::kThreshold);
        for (double threshold : {0.3, 0.4, 0.5, 0.6, 0.7}) {
            const auto root = cluster(pool, threshold);
            const Score all = judge(root, truth);
            std::printf("  threshold %.1f: pairs precision %.3f recall %.3f F1 %.3f (tp %zu fp %zu fn %zu)\n", threshold,
                        all.precision(), all.recall(), all.f1(), all.tp, all.fp, all.fn);
            if (threshold != nd::kThreshold) continue;
            std::map<Edit, Score> per_edit;
            for (const auto& [p, e] : edit_pairs) (root[p.first] == root[p.second] ? per_edit[e].tp : per_edit[e].fn)++;
            for (Edit e : kEdits)
                std::printf("    recall, %-40s %.3f (%zu pairs)\n", name(e), per_edit[e].recall(), per_edit[e].tp + per_edit[e].fn);
            // Real republications: corpus articles only, against their exact Jaccard.
            std::vector<Doc> corpus(pool.begin(), pool.begin() + static_cast<long>(originals.size()));
            const Score real = judge(cluster(corpus, threshold), corpus_truth);
            std::printf("    real near duplicates among the corpus articles: precision %.3f recall %.3f (tp %zu fp %zu fn %zu)\n",
                        real.precision(), real.recall(), real.tp, real.fp, real.fn);
            std::size_t cross = 0, shown = 0;
            for (const auto& [a, b] : corpus_truth) {
                if (corpus[a].source != corpus[b].source) ++cross;
                if (shown < 4 && half == 1) {
                    std::printf("      e.g. %s ~ %s (Jaccard %.2f)\n", corpus[a].id.c_str(), corpus[b].id.c_str(), jaccard(corpus[a], corpus[b]));
                    ++shown;
                }
            }
            std::printf("    of the real pairs, %zu are between different sources\n", cross);
        }
    }
    return 0;
}
