#include "commands.h"

#include "newsdex/compact.h"
#include "newsdex/indexer.h"
#include "newsdex/shards.h"

#include <chrono>
#include <iostream>
#include <memory>

namespace newsdex::cli {

Action add_compact_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("compact", "write a compacted copy of an index (smaller, faster to search)");
    struct Args {
        std::string db;
        std::string out;
        CompactOptions options;
    };
    auto args = std::make_shared<Args>();
    add_db_option(*cmd, args->db);
    cmd->add_option("output", args->out, "new directory for the compacted index")->required();
    cmd->add_flag("--keep-shards", args->options.keep_shards,
                  "compact each shard on its own instead of merging them into one database");
    return [args]() {
        const auto started = std::chrono::steady_clock::now();
        if (const auto absent = shards::find_absence(args->db)) {
            print_no_index(absent->message,
                           absent->absence == shards::Absence::missing || absent->absence == shards::Absence::empty, args->db);
            return kExitError;
        }
        try {
            compact_index(args->db, args->out, args->options);
        } catch (const IndexError& e) {
            print_error(e.what());
            return kExitError;
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::cout << "compacted " << args->db << " into " << args->out << " in " << seconds << " s\n";
        return kExitOk;
    };
}

}  // namespace newsdex::cli
