// Embedding newsdex: index articles a program already has, then search them.
//   build/examples/embed /tmp/example-db
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " INDEX-DIR\n";
        return 2;
    }
    try {
        newsdex::Indexer indexer(argv[1]);
        newsdex::Article article;
        article.id = "example-1";
        article.title = "У Києві відкрили пішохідний міст";
        article.body = "Новий міст з'єднав набережну з парком. Перехід відкрили в суботу.";
        article.published = "2024-05-18";
        article.source = "Example";
        indexer.add_article(article);
        indexer.commit();

        newsdex::Searcher searcher(argv[1]);
        newsdex::SearchOptions options;
        options.limit = 5;
        for (const auto& hit : searcher.search("мосту Київ", options).hits)
            std::cout << hit.rank << ". " << hit.title << " — " << hit.snippet << '\n';
    } catch (const newsdex::Error& e) {
        std::cerr << "newsdex example: " << e.what() << '\n';
        return 2;
    }
    return 0;
}
