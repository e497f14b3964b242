#include "commands.h"

#include "newsdex/indexer.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

namespace newsdex::cli {

Action add_index_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("index", "index files, directories or archives (- for standard input)");
    struct Args {
        std::string db;
        std::vector<std::string> sources;
        IndexOptions options;
    };
    auto args = std::make_shared<Args>();
    add_db_option(*cmd, args->db);
    cmd->add_option("sources", args->sources, "files, directories or archives to index")->required();
    cmd->add_option("--max-depth", args->options.max_depth, "how deep archives inside archives are opened")
        ->capture_default_str()->check(CLI::Range(1, 16));
    cmd->add_option("--max-member-size", args->options.max_member_bytes, "largest file or member read, in bytes")
        ->capture_default_str();
    cmd->add_option("--commit-every", args->options.commit_every, "documents per commit")
        ->capture_default_str()->check(CLI::PositiveNumber);

    return [args]() {
        const auto started = std::chrono::steady_clock::now();
        try {
            Indexer indexer(args->db, args->options);
            for (const auto& source : args->sources) indexer.index_source(source);
            indexer.commit();
            const IndexSummary& s = indexer.summary();
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

            if (s.documents_indexed() == 0) {
                // Nothing to show for the run: one line that says why.
                if (s.skipped.size() == 1) {
                    const auto& k = s.skipped.front();
                    print_error("nothing indexed: " + k.where + ": " + k.reason + (k.detail.empty() ? "" : " (" + k.detail + ")"));
                } else {
                    for (const auto& k : s.skipped) spdlog::warn("skipped {}: {} ({})", k.where, k.reason, k.detail);
                    print_error("nothing indexed from " + std::to_string(args->sources.size()) + " source(s); " +
                                std::to_string(s.skipped.size()) + " skipped");
                }
                return kExitError;
            }
            for (const auto& k : s.skipped) spdlog::warn("skipped {}: {} ({})", k.where, k.reason, k.detail);
            std::cout << "indexed " << s.documents_indexed() << " articles (" << s.documents_added << " new, "
                      << s.documents_updated << " updated) from " << s.sources << " files/members, "
                      << s.bytes << " bytes in " << seconds << " s\n";
            if (!s.skipped.empty()) {
                std::cout << "skipped " << s.skipped.size() << ":";
                for (const auto& [reason, count] : s.skipped_by_reason()) std::cout << ' ' << reason << " " << count << ';';
                std::cout << '\n';
            }
            return kExitOk;
        } catch (const IndexError& e) {
            print_error(e.what());
            return kExitError;
        }
    };
}

}  // namespace newsdex::cli
