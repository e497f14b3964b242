#include "known_item.h"

#include "judged_set.h"

#include "newsdex/schema.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>

namespace newsdex::eval {
namespace {

namespace fs = std::filesystem;

// Punctuation that may open or close a word, ASCII and the typographic marks of the corpora.
const std::vector<std::string>& edge_marks() {
    static const std::vector<std::string> marks = {"«", "»", "“", "”", "„", "‘", "’", "—", "–", "…", "•", "\xC2\xA0"};
    return marks;
}

bool strip_edge_mark(std::string& word, bool front) {
    if (word.empty()) return false;
    const unsigned char c = static_cast<unsigned char>(front ? word.front() : word.back());
    if (c < 0x80) {
        if (std::isalnum(c)) return false;
        if (front) word.erase(0, 1);
        else word.pop_back();
        return true;
    }
    for (const std::string& mark : edge_marks()) {
        if (word.size() < mark.size()) continue;
        if (front ? word.compare(0, mark.size(), mark) == 0 : word.compare(word.size() - mark.size(), mark.size(), mark) == 0) {
            if (front) word.erase(0, mark.size());
            else word.resize(word.size() - mark.size());
            return true;
        }
    }
    return false;
}

std::size_t count_words(const std::string& text) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = c == ' ' || c == '\t' || c == '\n';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

// Letters and digits only, ASCII lower-cased: enough to see that a title is the body's opening.
std::string comparison_key(const std::string& text, std::size_t max_bytes) {
    std::string key;
    for (char ch : text) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c >= 0x80) key += ch;
        else if (std::isalnum(c)) key += static_cast<char>(std::tolower(c));
        if (key.size() >= max_bytes) break;
    }
    return key;
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

// std::shuffle's result differs between standard libraries; this one is the same everywhere.
template <class T>
void shuffle_stable(std::vector<T>& items, std::mt19937_64& rng) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng() % i]);
}

std::string tsv_field(std::string s) {
    std::replace(s.begin(), s.end(), '\t', ' ');
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

}  // namespace

const char* half_of(const std::string& id) {
    // Salted, so that the halves are independent of anything else keyed on a hash of the id
    // (the shard an article goes to).
    return (schema::stable_hash("eval-half:" + id) & 1) ? kTestHalf : kTuneHalf;
}

std::vector<std::string> known_item_set_names() {
    std::vector<std::string> names;
    for (const char* kind : {"headline", "lead"})
        for (const char* half : {kTuneHalf, kTestHalf}) names.push_back(std::string(kind) + "-" + half);
    return names;
}

const std::vector<TopicQuery>& bsnlp_topic_queries() {
    static const std::vector<TopicQuery> queries = {
        {"uk", "asia_bibi", "Асія Бібі"},
        {"uk", "brexit", "брексит"},
        {"uk", "covid-19", "коронавірус"},
        {"uk", "nord_stream", "Північний потік"},
        {"uk", "ryanair", "Ryanair"},
        {"uk", "us_election_2020", "вибори президента США"},
        {"ru", "asia_bibi", "Асия Биби"},
        {"ru", "brexit", "брексит"},
        {"ru", "covid-19", "коронавирус"},
        {"ru", "ec", "Еврокомиссия"},
        {"ru", "nord_stream", "Северный поток"},
        {"ru", "ryanair", "Ryanair"},
        {"ru", "trump", "Трамп"},
        {"ru", "us_election_2020", "выборы президента США"},
    };
    return queries;
}

std::string bsnlp_topic(const std::string& source) {
    static const std::string marker = "BSNLP shared task, topic ";
    const std::size_t at = source.find(marker);
    if (at == std::string::npos) return "";
    const std::size_t begin = at + marker.size();
    std::size_t end = begin;
    while (end < source.size() && (std::isalnum(static_cast<unsigned char>(source[end])) || source[end] == '_' || source[end] == '-'))
        ++end;
    return source.substr(begin, end - begin);
}

std::vector<std::string> query_words(const std::string& text) {
    std::vector<std::string> words;
    std::string cleaned = text;
    for (char& c : cleaned)
        if (c == '"' || c == '(' || c == ')' || c == '[' || c == ']' || c == ':' || c == '*' || c == '\t' || c == '\n')
            c = ' ';
    std::size_t start = 0;
    while (start < cleaned.size()) {
        std::size_t end = cleaned.find(' ', start);
        if (end == std::string::npos) end = cleaned.size();
        std::string word = cleaned.substr(start, end - start);
        start = end + 1;
        while (strip_edge_mark(word, true)) {}
        while (strip_edge_mark(word, false)) {}
        if (word.empty()) continue;
        if (word == "AND" || word == "OR" || word == "NOT" || word.rfind("NEAR", 0) == 0)
            std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
        words.push_back(word);
    }
    return words;
}

std::string lead_sentence(const std::string& body, std::size_t min_words) {
    std::size_t begin = body.find_first_not_of(" \n\t");
    if (begin == std::string::npos) return "";
    std::size_t para_end = body.find('\n', begin);
    if (para_end == std::string::npos) para_end = body.size();
    const std::string paragraph = body.substr(begin, para_end - begin);
    for (std::size_t i = 0; i < paragraph.size(); ++i) {
        std::size_t end = std::string::npos;
        if ((paragraph[i] == '.' || paragraph[i] == '!' || paragraph[i] == '?') && i + 1 < paragraph.size() &&
            paragraph[i + 1] == ' ')
            end = i + 1;
        else if (paragraph.compare(i, 3, "…") == 0)
            end = i + 3;
        if (end != std::string::npos && count_words(paragraph.substr(0, end)) >= min_words) return paragraph.substr(0, end);
    }
    return paragraph;
}

bool title_repeats_body(const std::string& title, const std::string& body) {
    const std::string title_key = comparison_key(title, 400);
    if (title_key.empty()) return true;
    return comparison_key(body, title_key.size()) == title_key;
}

std::vector<std::string> make_known_item_sets(const std::vector<std::string>& corpus_paths, const std::string& out_dir,
                                              const KnownItemOptions& options) {
    std::map<std::string, std::vector<Article>> by_lang;
    for (const std::string& path : corpus_paths)
        for (Article& a : read_corpus(path)) by_lang[a.lang].push_back(std::move(a));

    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) throw std::runtime_error("cannot create " + out_dir + ": " + ec.message());
    auto open = [&](const char* name) {
        std::ofstream out(fs::path(out_dir) / name, std::ios::binary);
        if (!out) throw std::runtime_error("cannot write " + (fs::path(out_dir) / name).string());
        return out;
    };
    std::ofstream corpus = open(KnownItemFiles::corpus);
    // (set name) → its queries and qrels files
    std::map<std::string, std::pair<std::ofstream, std::ofstream>> set_files;
    for (const std::string& name : known_item_set_names())
        set_files.emplace(name, std::make_pair(open((name + ".queries.tsv").c_str()), open((name + ".qrels.tsv").c_str())));
    auto write_query = [&](const std::string& kind, const std::string& qid, const std::string& text, const Article& a) {
        auto& [queries, qrels] = set_files.at(kind + "-" + half_of(a.id));
        queries << qid << '\t' << tsv_field(text) << '\n';
        qrels << qid << '\t' << a.id << "\t1\n";
    };

    std::vector<std::string> summary;
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> topic_docs;  // (lang, topic) → ids
    auto note_topic = [&](const Article& a) {
        if (const std::string topic = bsnlp_topic(a.source); !topic.empty()) topic_docs[{a.lang, topic}].push_back(a.id);
    };
    for (auto& [lang, articles] : by_lang) {
        std::mt19937_64 rng(options.seed);
        shuffle_stable(articles, rng);
        std::size_t targets = 0, leads = 0, distractors = 0;
        std::vector<bool> is_target(articles.size(), false);
        for (std::size_t i = 0; i < articles.size() && targets < options.queries_per_lang; ++i) {
            Article& a = articles[i];
            const auto headline = query_words(a.title);
            if (headline.size() < options.min_headline_words || title_repeats_body(a.title, a.body)) continue;
            is_target[i] = true;
            ++targets;
            const std::string qid = lang + "-" + std::to_string(targets);
            write_query("headline", qid, join(headline), a);
            auto lead = query_words(lead_sentence(a.body, options.min_lead_words));
            if (lead.size() > options.max_lead_words) lead.resize(options.max_lead_words);
            if (lead.size() >= options.min_lead_words) {
                // Reordered so that the sentence's word order, and phrase matching, cannot help.
                shuffle_stable(lead, rng);
                write_query("lead", qid, join(lead), a);
                ++leads;
            }
            a.title.clear();
            corpus << article_json_line(a) << '\n';
            note_topic(a);
        }
        const std::size_t max_distractors = options.docs_per_lang == 0               ? articles.size()
                                            : options.docs_per_lang > targets ? options.docs_per_lang - targets
                                                                              : 0;
        for (std::size_t i = 0; i < articles.size() && distractors < max_distractors; ++i) {
            if (is_target[i]) continue;
            corpus << article_json_line(articles[i]) << '\n';
            note_topic(articles[i]);
            ++distractors;
        }
        summary.push_back(lang + ": " + std::to_string(targets) + " headline queries, " + std::to_string(leads) +
                          " lead queries, " + std::to_string(targets + distractors) + " documents (" +
                          std::to_string(distractors) + " distractors) of " + std::to_string(articles.size()));
    }
    std::ofstream topic_q = open(KnownItemFiles::topic_queries), topic_r = open(KnownItemFiles::topic_qrels);
    std::ofstream both_q = open(KnownItemFiles::both_topic_queries), both_r = open(KnownItemFiles::both_topic_qrels);
    std::size_t topics = 0;
    for (const TopicQuery& t : bsnlp_topic_queries()) {
        const auto docs = topic_docs.find({t.lang, t.topic});
        if (docs == topic_docs.end()) continue;
        const std::string qid = std::string(t.lang) + "-" + t.topic;
        topic_q << qid << '\t' << t.query << '\n';
        for (const std::string& id : docs->second) topic_r << qid << '\t' << id << "\t1\n";
        // The same query, with the topic's documents in the other Cyrillic language relevant too.
        const std::string other = std::string(t.lang) == "uk" ? "ru" : "uk";
        const auto other_docs = topic_docs.find({other, t.topic});
        both_q << qid << '\t' << t.query << '\n';
        for (const std::string& id : docs->second) both_r << qid << '\t' << id << "\t1\n";
        if (other_docs != topic_docs.end())
            for (const std::string& id : other_docs->second) both_r << qid << '\t' << id << "\t1\n";
        ++topics;
    }
    summary.push_back("topics: " + std::to_string(topics) + " BSNLP topic queries");
    for (std::ofstream* f : {&corpus, &topic_q, &topic_r, &both_q, &both_r})
        if (!f->flush()) throw std::runtime_error("cannot write into " + out_dir);
    for (auto& [name, files] : set_files)
        if (!files.first.flush() || !files.second.flush()) throw std::runtime_error("cannot write " + name + " into " + out_dir);
    return summary;
}

}  // namespace newsdex::eval
