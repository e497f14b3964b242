#include "evaluation.h"

#include "xapian_peer.h"

#include "newsdex/indexer.h"
#include "newsdex/searcher.h"

#include <chrono>
#include <optional>
#include <stdexcept>

namespace newsdex::eval {

void index_collection(const std::vector<Article>& articles, const std::string& db_path, const IndexOptions& options) {
    Indexer indexer(db_path, options);
    for (const Article& a : articles) indexer.add_article(a);
    indexer.commit();
}

experimental::TermWeights parse_weights(const std::string& spec) {
    experimental::TermWeights weights;
    for_each_setting(spec, [&](const std::string& key, const std::string& number) {
        unsigned value = 0;
        try {
            std::size_t used = 0;
            value = static_cast<unsigned>(std::stoul(number, &used));
            if (used != number.size()) throw std::invalid_argument(number);
        } catch (const std::exception&) {
            throw std::invalid_argument("weight \"" + key + ":" + number + "\" is not key:count (title, lead, lead-words)");
        }
        if (key == "title") weights.title = value;
        else if (key == "lead") weights.lead = value;
        else if (key == "lead-words") weights.lead_words = value;
        else if (key == "lead-norm") weights.lead_norm_words = value;
        else if (key == "own-form") weights.own_form_lemma_terms = value != 0;
        else throw std::invalid_argument("unknown weight \"" + key + "\" (title, lead, lead-words, lead-norm, own-form)");
    });
    return weights;
}

std::string peer_database_path(const std::string& peer_db_path, const Variant& variant) {
    if (variant.peer_lead_words == 0) return peer_db_path;
    return peer_db_path + "-lead-" + std::to_string(variant.peer_lead_words);
}

std::vector<QueryScore> score_variant(const std::string& db_path, const std::string& peer_db_path, const JudgedSet& set,
                                      const Variant& variant, const std::map<std::string, std::string>& doc_lang,
                                      bool run_unjudged) {
    std::optional<Searcher> searcher;
    std::optional<XapianPeer> peer;
    if (variant.xapian_peer) peer.emplace(peer_database_path(peer_db_path, variant));
    else searcher.emplace(db_path);
    SearchOptions options = variant.options;
    options.offset = 0;
    options.limit = kRecallCutoff;
    options.snippets = false;
    options.ranking = std::make_shared<const experimental::Ranking>(variant.ranking);
    std::vector<QueryScore> scores;
    for (const Query& query : set.queries) {
        static const Grades no_grades;
        const auto found = set.qrels.find(query.id);
        const Grades& grades = found == set.qrels.end() ? no_grades : found->second;
        const bool judged = relevant_count(grades) > 0;
        if (!judged && !run_unjudged) continue;
        QueryScore score;
        score.qid = query.id;
        score.judged = judged;
        // Unjudged queries take their language from a qid such as "en-t01".
        if (!judged && query.id.size() > 2 && query.id[2] == '-') score.lang = query.id.substr(0, 2);
        for (const auto& [doc, grade] : grades) {
            const auto lang = doc_lang.find(doc);
            if (grade > 0 && lang != doc_lang.end()) {
                score.lang = lang->second;
                break;
            }
        }
        if (score.lang.empty()) score.lang.push_back('?');  // relevant documents missing from the corpus
        std::vector<std::string>& ranking = score.ranking;
        const auto start = std::chrono::steady_clock::now();
        try {
            if (peer) ranking = peer->search(query.text, score.lang, variant.ranking.use_stems, kRecallCutoff, variant.peer_k1);
            else
                for (const Hit& hit : searcher->search(query.text, options).hits) ranking.push_back(hit.id);
        } catch (const QueryError&) {
            score.failed = true;
        } catch (const std::invalid_argument&) {
            score.failed = true;
        }
        score.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        score.ndcg = ndcg_at(ranking, grades, kRankCutoff);
        score.reciprocal_rank = reciprocal_rank_at(ranking, grades, kRankCutoff);
        score.recall = recall_at(ranking, grades, kRecallCutoff);
        scores.push_back(std::move(score));
    }
    return scores;
}

std::vector<Summary> summarize(const std::string& set, const std::string& variant, const std::vector<QueryScore>& scores) {
    std::map<std::string, Summary> by_lang;
    auto add = [&](const std::string& lang, const QueryScore& s) {
        Summary& sum = by_lang[lang];
        sum.lang = lang;
        ++sum.queries;
        sum.failed += s.failed ? 1 : 0;
        sum.ndcg += s.ndcg;
        sum.mrr += s.reciprocal_rank;
        sum.recall += s.recall;
        sum.milliseconds += s.milliseconds;
        sum.reciprocal_ranks[s.qid] = s.reciprocal_rank;
    };
    for (const QueryScore& s : scores) {
        if (!s.judged) continue;
        add("all", s);
        add(s.lang, s);
    }
    std::vector<Summary> rows;
    auto finish = [&](Summary sum) {
        sum.set = set;
        sum.variant = variant;
        const double n = sum.queries ? static_cast<double>(sum.queries) : 1.0;
        sum.ndcg /= n;
        sum.mrr /= n;
        sum.recall /= n;
        sum.milliseconds /= n;
        rows.push_back(std::move(sum));
    };
    if (by_lang.count("all")) finish(by_lang["all"]);
    for (const auto& [lang, sum] : by_lang)
        if (lang != "all") finish(sum);
    return rows;
}

}  // namespace newsdex::eval
