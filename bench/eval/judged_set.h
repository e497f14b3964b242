// Reading a judged collection: a corpus in the JSON Lines format of ../shared/corpora/news/,
// queries.tsv (qid, query) and qrels.tsv (qid, docid, grade; trec's "qid 0 docid grade" also works).
#pragma once

#include "metrics.h"
#include "newsdex/article.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace newsdex::eval {

struct Query {
    std::string id;
    std::string text;
};

/// Queries with their judgments, under a name for the report ("headline", "lead", ...).
struct JudgedSet {
    std::string name;
    std::vector<Query> queries;
    std::map<std::string, Grades> qrels;  ///< qid → judged documents
};

/// Calls @p on_line with each line (without its end) and its 1-based number; gzip is read
/// transparently. Throws std::runtime_error when the file cannot be read.
void for_each_line(const std::string& path, const std::function<void(const std::string&, std::size_t)>& on_line);

/// Articles of a JSON Lines corpus (plain or .gz). Throws std::runtime_error naming file and line.
std::vector<Article> read_corpus(const std::string& path);

/// One JSON line in the corpus format.
std::string article_json_line(const Article& article);

std::vector<Query> read_queries(const std::string& path);
std::map<std::string, Grades> read_qrels(const std::string& path);

JudgedSet read_judged_set(const std::string& name, const std::string& queries_path, const std::string& qrels_path);

}  // namespace newsdex::eval
