// Adding articles a program already has (from its own database, a feed, a scraper). Here they
// come from a tab-separated file, one article a line: id, publication date, source, title, body.
//   add_articles INDEX-DIR ARTICLES.tsv
#include <newsdex/error.h>
#include <newsdex/indexer.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: " << argv[0] << " INDEX-DIR ARTICLES.tsv\n";
        return 2;
    }
    std::ifstream in(argv[2]);
    if (!in) {
        std::cerr << "add_articles: cannot read " << argv[2] << '\n';
        return 2;
    }
    try {
        newsdex::Indexer indexer(argv[1]);
        std::string line;
        for (std::size_t number = 1; std::getline(in, line); ++number) {
            std::istringstream fields(line);
            newsdex::Article article;
            if (!std::getline(fields, article.id, '\t') || !std::getline(fields, article.published, '\t') ||
                !std::getline(fields, article.source, '\t') || !std::getline(fields, article.title, '\t') ||
                !std::getline(fields, article.body)) {
                std::cerr << argv[2] << " line " << number << ": not five tab-separated fields\n";
                return 2;
            }
            // The language is detected when left empty. An id indexed before is replaced, not
            // added twice.
            indexer.add_article(std::move(article));
        }
        // Durable from here on, and seen by every Searcher opened (or reopened) after it.
        indexer.commit();
        std::cout << "added " << indexer.summary().documents_added << ", replaced "
                  << indexer.summary().documents_updated << '\n';
    } catch (const newsdex::Error& e) {
        std::cerr << "add_articles: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
