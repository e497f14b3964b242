// newsdex-eval: ranking quality of the newsdex library on judged query sets (docs/quality.md).
//   newsdex-eval make-known-item --out DIR CORPUS.jsonl.gz...
//   newsdex-eval run --known-item DIR | --corpus C.jsonl --set NAME:QUERIES.tsv:QRELS.tsv ...
#include "evaluation.h"
#include "judged_set.h"
#include "known_item.h"
#include "report.h"
#include "variants.h"
#include "xapian_peer.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace newsdex::eval;

namespace {

struct RunArgs {
    std::vector<std::string> corpora, sets, variants;
    std::string weights, peer_index;
    std::string known_item_dir, topics_dir, index_dir, baseline, output, per_query, run_file, half = kTestHalf;
    bool reuse_index = false;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run(RunArgs args) {
    if (!args.known_item_dir.empty()) {
        const fs::path dir(args.known_item_dir);
        args.corpora.push_back((dir / KnownItemFiles::corpus).string());
        if (args.half != kTuneHalf && args.half != kTestHalf && args.half != "both")
            throw std::invalid_argument("--half must be tune, test or both, not \"" + args.half + "\"");
        for (const std::string& name : known_item_set_names()) {
            const bool tune = name.size() > 5 && name.compare(name.size() - 5, 5, "-tune") == 0;
            if (args.half != "both" && (args.half == kTuneHalf) != tune) continue;
            args.sets.push_back(name + ":" + (dir / (name + ".queries.tsv")).string() + ":" + (dir / (name + ".qrels.tsv")).string());
        }
        if (fs::exists(dir / KnownItemFiles::topic_queries))
            args.sets.push_back("topics:" + (dir / KnownItemFiles::topic_queries).string() + ":" +
                                (dir / KnownItemFiles::topic_qrels).string());
        if (fs::exists(dir / KnownItemFiles::both_topic_queries))
            args.sets.push_back("topics-uk-ru:" + (dir / KnownItemFiles::both_topic_queries).string() + ":" +
                                (dir / KnownItemFiles::both_topic_qrels).string());
    }
    if (!args.topics_dir.empty()) {
        const fs::path dir(args.topics_dir);
        if (!fs::exists(dir / "topics.tsv")) throw std::invalid_argument("--topics: no topics.tsv in " + args.topics_dir);
        // Before they are judged, the topics are run for a pool only (--run, bench/eval/pool.py).
        const bool judged = fs::exists(dir / "qrels.tsv");
        args.sets.push_back("topics-written:" + (dir / "topics.tsv").string() + ":" + (judged ? (dir / "qrels.tsv").string() : ""));
    }
    if (args.corpora.empty() || args.sets.empty()) throw std::invalid_argument("give --known-item, or --corpus and --set");

    std::vector<JudgedSet> sets;
    for (const std::string& spec : args.sets) {
        const std::size_t a = spec.find(':'), b = spec.find(':', a == std::string::npos ? a : a + 1);
        if (a == std::string::npos || b == std::string::npos)
            throw std::invalid_argument("--set \"" + spec + "\" is not NAME:QUERIES.tsv:QRELS.tsv");
        const std::string name = spec.substr(0, a), queries = spec.substr(a + 1, b - a - 1), qrels = spec.substr(b + 1);
        // Queries not judged yet ("NAME:QUERIES.tsv:") are run for a pool to judge (--run).
        if (qrels.empty() && args.run_file.empty())
            throw std::invalid_argument("--set \"" + spec + "\" has no qrels: give them, or --run to pool its rankings");
        sets.push_back(qrels.empty() ? JudgedSet{name, read_queries(queries), {}} : read_judged_set(name, queries, qrels));
    }
    std::vector<Variant> variants;
    if (args.variants.empty()) variants = standard_variants();
    for (const std::string& spec : args.variants) variants.push_back(parse_variant(spec));
    std::string baseline = args.baseline.empty() ? variants.front().name : args.baseline;

    std::vector<newsdex::Article> articles;
    for (const std::string& path : args.corpora) {
        auto more = read_corpus(path);
        articles.insert(articles.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    std::map<std::string, std::string> doc_lang;
    for (const auto& a : articles) doc_lang[a.id] = a.lang;

    const bool temporary = args.index_dir.empty();
    const std::string db = temporary ? (fs::temp_directory_path() / ("newsdex-eval-" + std::to_string(getpid()))).string()
                                     : args.index_dir;
    // A newsdex index is a directory of shards: anything there is taken as the index to query.
    std::error_code exists_ec;
    const bool reuse = args.reuse_index && fs::is_directory(db, exists_ec) && !fs::is_empty(db, exists_ec);
    if (!reuse) {
        std::error_code ec;
        fs::remove_all(db, ec);
        const auto start = std::chrono::steady_clock::now();
        newsdex::IndexOptions index_options;
        index_options.weights = std::make_shared<const newsdex::experimental::TermWeights>(parse_weights(args.weights));
        index_collection(articles, db, index_options);
        std::cerr << "indexed " << articles.size() << " documents in " << seconds_since(start) << " s into " << db << "\n";
    }
    // The peer's database does not depend on newsdex's settings: one may serve many runs.
    const std::string peer_db = args.peer_index.empty() ? db + "-xapian" : args.peer_index;
    std::set<std::string> peer_dbs_built;
    for (const Variant& variant : variants) {
        if (!variant.xapian_peer) continue;
        const std::string path = peer_database_path(peer_db, variant);
        if (!peer_dbs_built.insert(path).second) continue;
        const bool reuse_peer = (args.reuse_index || !args.peer_index.empty()) && fs::exists(fs::path(path) / "iamglass");
        if (reuse_peer) continue;
        std::error_code ec;
        fs::remove_all(path, ec);
        const auto start = std::chrono::steady_clock::now();
        index_with_xapian(articles, path, variant.peer_lead_words);
        std::cerr << "indexed " << articles.size() << " documents with plain Xapian in " << seconds_since(start) << " s into "
                  << path << "\n";
    }

    std::ofstream per_query;
    if (!args.per_query.empty()) {
        per_query.open(args.per_query);
        if (!per_query) throw std::runtime_error("cannot write " + args.per_query);
        per_query << "set\tvariant\tqid\tlang\tndcg@10\trr@10\trecall@100\n";
    }
    std::ofstream run_file;
    if (!args.run_file.empty()) {
        run_file.open(args.run_file);
        if (!run_file) throw std::runtime_error("cannot write " + args.run_file);
        run_file << "set\tvariant\tqid\trank\tdocid\n";
    }
    std::vector<Summary> rows;
    for (const JudgedSet& set : sets) {
        for (const Variant& variant : variants) {
            const auto start = std::chrono::steady_clock::now();
            const auto scores = score_variant(db, peer_db, set, variant, doc_lang, run_file.is_open());
            for (const auto& s : scores)
                for (std::size_t rank = 0; run_file && rank < s.ranking.size(); ++rank)
                    run_file << set.name << '\t' << variant.name << '\t' << s.qid << '\t' << rank + 1 << '\t'
                             << s.ranking[rank] << '\n';
            for (const auto& s : scores)
                if (per_query && s.judged) per_query << set.name << '\t' << variant.name << '\t' << s.qid << '\t' << s.lang << '\t'
                                         << s.ndcg << '\t' << s.reciprocal_rank << '\t' << s.recall << '\n';
            auto summary = summarize(set.name, variant.name, scores);
            std::cerr << set.name << " / " << variant.name << ": " << scores.size() << " queries in "
                      << seconds_since(start) << " s, MRR@10 " << (summary.empty() ? 0 : summary.front().mrr) << "\n";
            rows.insert(rows.end(), summary.begin(), summary.end());
        }
    }
    if (temporary) {
        std::error_code ec;
        fs::remove_all(db, ec);
        if (args.peer_index.empty())
            for (const std::string& path : peer_dbs_built) fs::remove_all(path, ec);
    }

    const std::string table = format_table(rows, baseline);
    std::cout << table;
    if (!args.output.empty()) {
        std::ofstream out(args.output);
        out << table;
        if (!out) throw std::runtime_error("cannot write " + args.output);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"newsdex-eval: nDCG@10, MRR@10 and Recall@100 of newsdex ranking variants on judged query sets"};
    app.require_subcommand(1);

    RunArgs run_args;
    auto* run_cmd = app.add_subcommand("run", "index a judged collection and score every variant on its query sets");
    run_cmd->add_option("--known-item", run_args.known_item_dir, "a directory written by make-known-item");
    run_cmd->add_option("--half", run_args.half,
                        "which half of the known-item targets to score: tune (for choosing settings), test (for "
                        "reporting; the default) or both");
    run_cmd->add_option("--topics", run_args.topics_dir,
                        "a directory of written topical queries (topics.tsv, qrels.tsv: bench/eval/topics), scored as "
                        "the set topics-written");
    run_cmd->add_option("--corpus", run_args.corpora, "corpus in JSON Lines (.gz allowed); repeatable");
    run_cmd->add_option("--set", run_args.sets, "NAME:QUERIES.tsv:QRELS.tsv; repeatable");
    run_cmd->add_option("--variant", run_args.variants,
                        "built-in variant name, or NAME=key:value,... (see list-variants); default: the standard list");
    run_cmd->add_option("--baseline", run_args.baseline,
                        "variant the ΔMRR column compares with (default: the first; xapian-snowball in the standard list)");
    run_cmd->add_option("--index", run_args.index_dir, "where to build the index (default: a temporary directory)");
    run_cmd->add_option("--weights", run_args.weights,
                        "term weights of the index, over the library defaults: title:N,lead:N,lead-words:N");
    run_cmd->add_option("--peer-index", run_args.peer_index,
                        "where the plain Xapian peer's database is (used as it is if there is one, else built there)");
    run_cmd->add_flag("--reuse-index", run_args.reuse_index, "query the index at --index as it is, if there is one");
    run_cmd->add_option("--output", run_args.output, "also write the table to this file");
    run_cmd->add_option("--per-query", run_args.per_query, "write every query's scores to this TSV file");
    run_cmd->add_option("--run", run_args.run_file,
                        "write every query's ranking (first 100) to this TSV file, unjudged queries too: the pool "
                        "that bench/eval/pool.py turns into documents to judge");

    std::vector<std::string> inputs;
    std::string out_dir;
    KnownItemOptions ki;
    auto* make_cmd = app.add_subcommand("make-known-item", "build the headline and lead known-item sets from news corpora");
    make_cmd->add_option("corpus", inputs, "news corpora in JSON Lines (.gz allowed)")->required();
    make_cmd->add_option("--out", out_dir, "output directory (keep it out of the repository)")->required();
    make_cmd->add_option("--docs-per-lang", ki.docs_per_lang,
                         "documents per language, targets included (default 0: every article of the language)");
    make_cmd->add_option("--queries-per-lang", ki.queries_per_lang, "queries (targets) per language");
    make_cmd->add_option("--seed", ki.seed, "random seed for the choice of targets and the word reordering");

    app.add_subcommand("list-variants", "print the built-in variants");

    CLI11_PARSE(app, argc, argv);
    try {
        if (run_cmd->parsed()) return run(run_args);
        if (make_cmd->parsed()) {
            for (const auto& line : make_known_item_sets(inputs, out_dir, ki)) std::cout << line << "\n";
            return 0;
        }
        for (const auto& name : builtin_variant_names()) std::cout << name << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-eval: " << e.what() << "\n";
        return 1;
    }
}
