// Fuzz target: any byte string given as a query is either searched or refused with a one-line
// QueryError whose column lies inside the query. Anything else (a crash, another exception, a
// hang caught by the fuzzer's timeout) is a bug.
#include "query_builder.h"
#include "query_parser.h"
#include "stored_lemmas.h"

#include "newsdex/analyzer.h"
#include "newsdex/searcher.h"

#include <xapian.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const newsdex::Analyzer analyzer;
    static const Xapian::Database empty = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    static newsdex::StoredLemmas lemmas(empty);
    if (size > 4096) return 0;  // the CLI takes a query from one argument; long ones add nothing
    const std::string query(reinterpret_cast<const char*>(data), size);
    std::size_t characters = 0;
    for (unsigned char c : query) characters += (c & 0xC0) != 0x80;
    try {
        const newsdex::QueryNode tree = newsdex::parse_query(query);
        newsdex::QueryBuilder builder(analyzer, lemmas);
        (void)builder.build(tree, empty);
    } catch (const newsdex::QueryError& e) {
        const std::string message = e.what();
        if (e.column() < 1 || e.column() > characters + 1 || message.find('\n') != std::string::npos) {
            std::fprintf(stderr, "bad error for query of %zu characters: %s\n", characters, message.c_str());
            std::abort();
        }
    }
    return 0;
}
