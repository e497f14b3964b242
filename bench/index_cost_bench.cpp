// What one part of indexing costs, measured by switching it off in the same build:
//
//   index-cost-bench [--no-sketches] [--no-spelling] [--no-lemma-terms] [--no-written-forms]
//                    [--own-form-lemma-terms] [--lemma-positions] [--append] --db DIR FILE...
//
// Indexes the files as `newsdex index` does with its defaults (the library's IndexOptions, one
// shard per core, the same allocator), into a new index (or, with --append, a copy of a large
// one: what a block costs at that size), and prints one line: articles, wall
// seconds, CPU seconds (user+sys of the whole process) and peak RSS. Run it alternately with and
// without a part (A B A B: the machine is shared and noisy) and compare CPU per article
// (docs/benchmarks.md, "What the sketches cost").
#include "newsdex/experimental.h"
#include "newsdex/indexer.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace {

double cpu_seconds(const rusage& u) {
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"indexing cost with and without a part of indexing"};
    std::string db;
    std::vector<std::string> files;
    bool no_sketches = false, no_spelling = false, no_lemma_terms = false, no_written_forms = false,
         lemma_positions = false, append = false, own_form = false;
    app.add_option("--db", db, "new index to write (must not exist, unless --append)")->required();
    app.add_flag("--append", append, "add to an existing index (the cost of a block of articles at that size)");
    app.add_flag("--no-sketches", no_sketches, "no near-duplicate sketches (experimental::TermWeights::sketches)");
    app.add_flag("--no-spelling", no_spelling, "no spelling data (IndexOptions::spelling)");
    app.add_flag("--no-lemma-terms", no_lemma_terms, "no Z/ZS lemma terms (experimental::TermWeights::lemma_terms)");
    app.add_flag("--no-written-forms", no_written_forms, "no unprefixed/S written forms (experimental::TermWeights::written_forms)");
    app.add_flag("--own-form-lemma-terms", own_form,
                 "a Z term for a word written as its lemma too (the layout before 2026-12-02; TermWeights::own_form_lemma_terms)");
    app.add_flag("--lemma-positions", lemma_positions, "lemma terms with positions (IndexOptions::lemma_positions)");
    app.add_option("files", files, "files or archives to index")->required()->check(CLI::ExistingPath);
    CLI11_PARSE(app, argc, argv);
    if (!append && std::filesystem::exists(db)) {
        std::fprintf(stderr, "index-cost-bench: %s exists; give a new directory so every run starts empty\n", db.c_str());
        return 2;
    }

    newsdex::IndexOptions options;
    newsdex::experimental::TermWeights weights;
    weights.sketches = !no_sketches;
    weights.lemma_terms = !no_lemma_terms;
    weights.written_forms = !no_written_forms;
    weights.own_form_lemma_terms = own_form;
    options.lemma_positions = lemma_positions;
    options.weights = std::make_shared<const newsdex::experimental::TermWeights>(weights);
    options.spelling = !no_spelling;
    const auto start = std::chrono::steady_clock::now();
    std::size_t articles = 0;
    {
        newsdex::Indexer indexer(db, options);
        for (const std::string& f : files) indexer.index_source(f);
        indexer.commit();
        articles = indexer.summary().documents_indexed();
    }  // the destructor joins the shard writers: their work counts
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    const double cpu = cpu_seconds(u);
    std::printf("sketches=%s spelling=%s lemma_terms=%s written_forms=%s lemma_positions=%s own_form_lemma_terms=%s articles=%zu wall_s=%.2f cpu_s=%.2f cpu_ms_per_article=%.3f peak_rss_mb=%.0f\n",
                no_sketches ? "off" : "on", no_spelling ? "off" : "on",
                no_lemma_terms ? "off" : "on", no_written_forms ? "off" : "on", lemma_positions ? "on" : "off", own_form ? "on" : "off", articles, wall, cpu,
                articles ? cpu * 1000 / static_cast<double>(articles) : 0.0, static_cast<double>(u.ru_maxrss) / 1024);
    return 0;
}
