// Reads the labelled news corpora (../shared/corpora/news/*.jsonl.gz) for benchmarks.
#pragma once

#include "newsdex/article.h"

#include <cstddef>
#include <string>
#include <vector>

namespace newsdex::bench {

/// Articles of a gzip'd (or plain) JSON Lines file, at most @p max_bytes of title+body in all.
/// Throws std::runtime_error naming the file when it cannot be read.
std::vector<Article> read_jsonl(const std::string& path, std::size_t max_bytes);

}  // namespace newsdex::bench
