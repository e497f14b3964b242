// newsdex: index news archives and search them from the terminal.
#include "commands.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <map>

namespace newsdex::cli {

void add_db_option(CLI::App& command, std::string& db) {
    const char* env = std::getenv("NEWSDEX_DB");
    db = env && *env ? env : "./newsdex-db";
    command.add_option("--db", db, "index directory (default: $NEWSDEX_DB, else ./newsdex-db)");
}

void print_error(const std::string& message) {
    // Messages from libraries may carry newlines; the contract is one line.
    std::string line = message;
    for (auto& c : line)
        if (c == '\n' || c == '\r') c = ' ';
    std::cerr << "newsdex: error: " << line << '\n';
}

void print_no_index(const std::string& message, bool nothing_there, const std::string& db) {
    if (nothing_there)
        print_error(message + "; create one with: newsdex index --db " + db + " SOURCE...");
    else
        print_error(message + "; --db takes a directory that newsdex index wrote");
}

}  // namespace newsdex::cli

int main(int argc, char** argv) {
    using namespace newsdex::cli;
    auto logger = spdlog::stderr_color_mt("newsdex");
    logger->set_pattern("%^%l%$: %v");
    spdlog::set_default_logger(logger);

    CLI::App app{"newsdex: full-text search for news archives in Ukrainian, English and Russian"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("newsdex ") + NEWSDEX_VERSION);
    std::map<CLI::App*, Action> actions;
    auto add = [&](Action (*adder)(CLI::App&)) {
        const std::size_t before = app.get_subcommands({}).size();
        Action action = adder(app);
        actions[app.get_subcommands({})[before]] = std::move(action);
    };
    add(add_index_command);
    add(add_search_command);
    add(add_show_command);
    add(add_stats_command);
    add(add_compact_command);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        print_error(e.what());
        std::cerr << "run 'newsdex --help' for usage\n";
        return kExitError;
    }
    try {
        for (CLI::App* sub : app.get_subcommands())
            if (auto it = actions.find(sub); it != actions.end()) return it->second();
    } catch (const std::exception& e) {
        print_error(e.what());
        return kExitError;
    }
    return kExitError;
}
