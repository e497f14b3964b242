// newsdex: index news archives and search them from the terminal.
#include "command_typo.h"
#include "commands.h"
#include "help_text.h"

#include "newsdex/version.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <map>
#include <optional>

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

namespace {

CLI::App* find_command(CLI::App& app, const std::string& name) {
    for (CLI::App* command : app.get_subcommands({}))
        if (command->get_name() == name) return command;
    return nullptr;
}

std::string version_line() { return std::string("newsdex ") + newsdex::version(); }

// `newsdex search Києві метро` as `newsdex search 'Києві метро'`: every word left over after the
// options is part of the query, in order, as with grep-like tools; `--` ends the options.
void take_query_words(CLI::App& app) {
    for (const char* name : {"search", "facets"}) {
        CLI::App* command = find_command(app, name);
        CLI::Option* query = command ? command->get_option_no_throw("query") : nullptr;
        if (!query) continue;
        // Join glues the words with the delimiter, which also splits each argument at it: a quoted
        // query loses only repeated spaces, which the query language does not distinguish.
        query->expected(1, CLI::detail::expected_max_vector_size)
            ->allow_extra_args(true)
            ->delimiter(' ')
            ->multi_option_policy(CLI::MultiOptionPolicy::Join);
    }
}

// The words after `--` of `newsdex search WORDS -- MORE`, taken out of @p args. CLI11 hands the
// arguments after `--` back to the top level once the query has a word, so they are added to the
// query here, after parsing.
std::vector<std::string> take_words_after_marker(std::vector<std::string>& args) {
    if (args.empty() || (args.front() != "search" && args.front() != "facets")) return {};
    const auto marker = std::find(args.begin(), args.end(), "--");
    if (marker == args.end()) return {};
    std::vector<std::string> words(marker + 1, args.end());
    args.erase(marker, args.end());
    return words;
}

std::vector<std::string> command_names(CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
    return names;
}

// Before CLI11 sees the arguments: a missing or mistyped command gets a message that says what
// the commands are, or which one was meant, instead of "A subcommand is required".
std::optional<int> check_command_word(CLI::App& app, int argc, char** argv) {
    const std::vector<std::string> names = command_names(app);
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
    if (argc < 2) {
        std::cerr << "newsdex: a command is needed: " << list << "\nrun 'newsdex --help' for usage and examples\n";
        return kExitError;
    }
    const std::string first = argv[1];
    if (first.empty() || first[0] == '-' || find_command(app, first)) return std::nullopt;
    if (const auto meant = closest_command(first, names))
        std::cerr << "newsdex: '" << first << "' is not a command. Did you mean '" << *meant << "'?\n";
    else
        std::cerr << "newsdex: '" << first << "' is not a command; the commands are " << list
                  << "\nrun 'newsdex --help' for usage and examples\n";
    return kExitError;
}

}  // namespace
}  // namespace newsdex::cli

int main(int argc, char** argv) {
    using namespace newsdex::cli;
    auto logger = spdlog::stderr_color_mt("newsdex");
    logger->set_pattern("%^%l%$: %v");
    spdlog::set_default_logger(logger);

    // Named, so that usage lines say "newsdex", not the path the binary was started by.
    CLI::App app{"newsdex: full-text search for news archives in Ukrainian, English and Russian", "newsdex"};
    app.require_subcommand(1);
    app.set_version_flag("--version", version_line());
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
    add(add_similar_command);
    add(add_facets_command);
    actions[app.add_subcommand("version", "print the version of newsdex")] = [] {
        std::cout << version_line() << '\n';
        return kExitOk;
    };
    take_query_words(app);
    add_examples(app);
    if (const auto code = check_command_word(app, argc, argv)) return *code;

    try {
        std::vector<std::string> args(argv + 1, argv + argc);
        const std::vector<std::string> marked = take_words_after_marker(args);
        CLI::Option* query = marked.empty() ? nullptr : find_command(app, args.front())->get_option_no_throw("query");
        if (query) query->required(false);
        std::reverse(args.begin(), args.end());  // CLI11 takes a vector in reverse order
        app.parse(args);
        if (query) {
            for (const auto& word : marked) query->add_result(word);
            query->run_callback();
        }
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        print_error(e.what());
        std::string help = "newsdex";
        for (const CLI::App* command : app.get_subcommands()) help += " " + command->get_name();
        std::cerr << "run '" << help << " --help' for usage\n";
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
