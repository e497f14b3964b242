#include "help_text.h"

#include <map>
#include <string>

namespace newsdex::cli {
namespace {

const char* const kMainExamples = R"(Examples:
  newsdex index --db news-db dumps/ uk.jsonl.gz       # files, directories, archives, - for stdin
  newsdex search --db news-db Києві метро             # Ukrainian: any inflected form of both words
  newsdex search --db news-db 'мост Киев' --lang ru   # Russian, only Russian articles
  newsdex search --db news-db '"interest rates"'      # English: an exact phrase
  newsdex COMMAND --help                              # the options of one command

With NEWSDEX_DB set, --db can be left out. Exit codes: 0 success, 1 nothing found
(search, show), 2 error. Documentation: docs/cli.md and docs/query-language.md.)";

const std::map<std::string, const char*> kCommandExamples{
    {"index", R"(Examples:
  newsdex index --db news-db uk.jsonl.gz ru.jsonl.gz en.jsonl.gz
  newsdex index --db news-db archive.tar.gz pages/          # archives and directories
  zcat dump.jsonl.gz | newsdex index --db news-db -         # standard input
  newsdex index --db news-db --json-field body=text,content export.jsonl
A killed or interrupted run resumes where it stopped when given the same files again.)"},
    {"search", R"(Examples:
  newsdex search Києві метро                   # Ukrainian: both words, in any inflected form
  newsdex search '"нічний потяг"' --sort -date # an exact phrase, newest first
  newsdex search мост Киев --lang ru           # Russian articles only
  newsdex search 'title:bridge date:2021..2022 lang:en'
  newsdex search night NEAR/3 train -marathon  # English: near each other, without "marathon"
  newsdex search -F 'Brexit: what now?'        # the text as typed, no query syntax
  newsdex search --json --limit 5 grain talks | jq .title
  newsdex search -- -Brexit                    # after --, words starting with - are query too
Words after "search" form one query, quoted or not; options may come before or after them.)"},
    {"show", R"(Examples:
  newsdex show https://example.com/news/2023/10/kyiv-metro.html
  newsdex show --json https://example.com/news/2023/10/kyiv-metro.html | jq .body
The id is the one search prints (the article's URL, when it has one).)"},
    {"similar", R"(Examples:
  newsdex similar https://example.com/news/2023/10/kyiv-metro.html
  newsdex similar --json --limit 5 https://example.com/news/2023/10/kyiv-metro.html | jq .title
  newsdex similar --all-copies --lang uk ID    # every version of the story, then the rest
The id is the one search prints. Other versions of the same story come first.)"},
    {"facets", R"(Examples:
  newsdex facets --by year переговори зерно      # Ukrainian: matches per year, as a bar chart
  newsdex facets --by month --since 2023 'мост Киев'
  newsdex facets --by source --json grain talks | jq -r .value
  newsdex facets --by lang 'Kyiv OR Київ OR Киев'
The counts are over every match and add up to it (search --all-copies --count).)"},
    {"stats", R"(Examples:
  newsdex stats --db news-db
  newsdex stats --db news-db --json | jq .languages)"},
    {"compact", R"(Examples:
  newsdex compact --db news-db news-db-compact        # one database: smaller, faster to search
  newsdex compact --db news-db --keep-shards news-db-compact)"},
    {"version", R"(Examples:
  newsdex version
  newsdex --version)"},
};

}  // namespace

void add_examples(CLI::App& app) {
    app.footer(std::string(kMainExamples) + "\n");
    for (CLI::App* command : app.get_subcommands({}))
        if (const auto it = kCommandExamples.find(command->get_name()); it != kCommandExamples.end())
            command->footer(std::string(it->second) + "\n");
}

}  // namespace newsdex::cli
