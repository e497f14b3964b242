#include "judged_set.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <memory>
#include <sstream>
#include <stdexcept>

namespace newsdex::eval {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) return fields;
        start = tab + 1;
    }
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

[[noreturn]] void fail(const std::string& path, std::size_t line, const std::string& what) {
    throw std::runtime_error(path + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

void for_each_line(const std::string& path, const std::function<void(const std::string&, std::size_t)>& on_line) {
    std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.c_str(), "rb"), gzclose);
    if (!file) throw std::runtime_error("cannot open " + path);
    gzbuffer(file.get(), 1 << 17);
    std::string line;
    std::size_t number = 0;
    char chunk[1 << 16];
    while (true) {
        const char* got = gzgets(file.get(), chunk, sizeof chunk);
        if (!got) break;
        line += chunk;
        if (line.empty() || line.back() != '\n') continue;  // a line longer than the chunk
        line.pop_back();
        on_line(line, ++number);
        line.clear();
    }
    int err = 0;
    const char* message = gzerror(file.get(), &err);
    if (err != Z_OK && err != Z_STREAM_END) throw std::runtime_error("cannot read " + path + ": " + message);
    if (!line.empty()) on_line(line, ++number);
}

std::vector<Article> read_corpus(const std::string& path) {
    std::vector<Article> articles;
    for_each_line(path, [&](const std::string& line, std::size_t number) {
        if (trimmed(line).empty()) return;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            fail(path, number, std::string("not JSON: ") + e.what());
        }
        if (!j.is_object()) fail(path, number, "not a JSON object");
        auto field = [&](const char* name) {
            const auto it = j.find(name);
            return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        Article a;
        a.id = field("id");
        if (a.id.empty()) fail(path, number, "article without an \"id\"");
        a.url = field("url");
        a.title = field("title");
        a.author = field("author");
        a.published = field("published");
        a.lang = field("lang");
        a.source = field("source");
        a.body = field("body");
        articles.push_back(std::move(a));
    });
    return articles;
}

std::string article_json_line(const Article& a) {
    const nlohmann::json j = {{"id", a.id},         {"url", a.url},   {"title", a.title},   {"author", a.author},
                              {"published", a.published}, {"lang", a.lang}, {"source", a.source}, {"body", a.body}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<Query> read_queries(const std::string& path) {
    std::vector<Query> queries;
    bool first = true;
    for_each_line(path, [&](const std::string& raw, std::size_t number) {
        const std::string line = trimmed(raw);
        if (line.empty() || line[0] == '#') return;
        const auto fields = split_tabs(line);
        if (fields.size() < 2 || fields[0].empty()) fail(path, number, "expected \"qid<TAB>query\"");
        const bool header = first && fields[0] == "qid";  // the first line after any comments
        first = false;
        if (header) return;
        queries.push_back({fields[0], fields[1]});
    });
    return queries;
}

std::map<std::string, Grades> read_qrels(const std::string& path) {
    std::map<std::string, Grades> qrels;
    bool first = true;
    for_each_line(path, [&](const std::string& raw, std::size_t number) {
        const std::string line = trimmed(raw);
        if (line.empty() || line[0] == '#') return;
        auto fields = split_tabs(line);
        if (fields.size() == 1) {  // trec_eval's own files are separated by spaces
            std::istringstream words(line);
            fields.clear();
            for (std::string w; words >> w;) fields.push_back(w);
        }
        const bool header = first && !fields.empty() && fields[0] == "qid";  // the first line after any comments
        first = false;
        if (header) return;
        if (fields.size() == 4) fields.erase(fields.begin() + 1);            // "qid iteration docid grade"
        if (fields.size() != 3) fail(path, number, "expected \"qid<TAB>docid<TAB>grade\"");
        int grade = 0;
        try {
            std::size_t used = 0;
            grade = std::stoi(fields[2], &used);
            if (used != fields[2].size()) throw std::invalid_argument("trailing text");
        } catch (const std::exception&) {
            fail(path, number, "grade \"" + fields[2] + "\" is not an integer");
        }
        qrels[fields[0]][fields[1]] = grade;
    });
    return qrels;
}

JudgedSet read_judged_set(const std::string& name, const std::string& queries_path, const std::string& qrels_path) {
    return {name, read_queries(queries_path), read_qrels(qrels_path)};
}

}  // namespace newsdex::eval
