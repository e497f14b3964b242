// Indexing a dump: files, directories, archives (tar, tar.gz, zip, nested), JSON, JSON Lines, HTML,
// WARC, feeds. Run it again over the same dump and it resumes where the last run stopped.
//   index_dump INDEX-DIR SOURCE...
#include <newsdex/error.h>
#include <newsdex/indexer.h>

#include <iostream>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: " << argv[0] << " INDEX-DIR SOURCE...\n";
        return 2;
    }
    try {
        newsdex::IndexOptions options;
        // Called after every article: keep it cheap.
        options.on_progress = [](const newsdex::IndexProgress& progress) {
            if (progress.articles > 0 && progress.articles % 10000 == 0) std::cerr << progress.source << ": " << progress.articles << " articles\n";
        };
        newsdex::Indexer indexer(argv[1], options);
        for (int i = 2; i < argc; ++i) indexer.index_source(argv[i]);
        indexer.commit();

        const newsdex::IndexSummary& summary = indexer.summary();
        std::cout << "indexed " << summary.documents_indexed() << " articles (" << summary.documents_added
                  << " new) from " << summary.sources << " files and members\n";
        // A damaged member does not stop the run: it is skipped, with the reason.
        for (const auto& [reason, count] : summary.skipped_by_reason())
            std::cout << "skipped " << count << ": " << reason << '\n';
        for (const newsdex::Skipped& skipped : summary.skipped)
            std::cerr << skipped.where << ": " << skipped.reason << " (" << skipped.detail << ")\n";
        for (const std::string& file : summary.files_to_retry)
            std::cerr << file << ": read in part; the next run reads it again\n";
    } catch (const newsdex::Error& e) {
        // The index cannot be opened, locked or written; what was committed before is kept.
        std::cerr << "index_dump: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
