#include "commands.h"

#include "newsdex/searcher.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace newsdex::cli {

Action add_show_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("show", "print one article in full, with where it came from");
    struct Args {
        std::string db;
        std::string id;
        bool json = false;
    };
    auto args = std::make_shared<Args>();
    add_db_option(*cmd, args->db);
    cmd->add_option("id", args->id, "the article's id, as search prints it")->required();
    cmd->add_flag("--json", args->json, "print one JSON object");
    return [args]() {
        try {
            const auto article = Searcher(args->db).find(args->id);
            if (!article) {
                print_error("no article with id " + args->id + " in " + args->db);
                return kExitNoHits;
            }
            const Article& a = *article;
            if (args->json) {
                nlohmann::json j{{"id", a.id},         {"title", a.title},   {"url", a.url},   {"published", a.published},
                                 {"lang", a.lang},     {"source", a.source}, {"author", a.author}, {"origin", a.origin},
                                 {"body", a.body}};
                std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
                return kExitOk;
            }
            std::cout << a.title << "\n\n";
            auto field = [](const char* name, const std::string& value) {
                if (!value.empty()) std::cout << name << value << '\n';
            };
            field("id:        ", a.id);
            field("url:       ", a.url);
            field("published: ", a.published);
            field("source:    ", a.source);
            field("author:    ", a.author);
            field("language:  ", a.lang);
            field("from:      ", a.origin);
            std::cout << '\n';
            std::size_t start = 0;
            while (start <= a.body.size()) {
                std::size_t end = a.body.find('\n', start);
                if (end == std::string::npos) end = a.body.size();
                std::cout << a.body.substr(start, end - start) << "\n\n";
                start = end + 1;
            }
            return kExitOk;
        } catch (const NoIndexError& e) {
            print_no_index(e.what(), e.nothing_there(), args->db);
            return kExitError;
        } catch (const SearchError& e) {
            print_error(e.what());
            return kExitError;
        }
    };
}

}  // namespace newsdex::cli
