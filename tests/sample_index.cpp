#include "sample_index.h"

#include "test_support.h"

#include "newsdex/indexer.h"

#include <memory>

namespace newsdex::test {

std::vector<std::string> sample_archives() {
    const std::string dir = NEWSDEX_CORPUS_DIR;
    return {dir + "/corpus-json.tar.gz", dir + "/corpus-html.zip"};
}

const std::string& sample_index() {
    static const std::unique_ptr<TempDir> dir = std::make_unique<TempDir>();
    static const std::string path = [] {
        const std::string db = *dir / "db";
        Indexer indexer(db);
        for (const auto& archive : sample_archives()) indexer.index_source(archive);
        indexer.commit();
        return db;
    }();
    return path;
}

}  // namespace newsdex::test
