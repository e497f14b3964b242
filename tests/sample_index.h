// The sample corpus (corpus/, packed by the build) indexed once per test program.
#pragma once

#include <string>
#include <vector>

namespace newsdex::test {

/// The two packed sample archives: corpus-json.tar.gz and corpus-html.zip.
std::vector<std::string> sample_archives();

/// Path of an index holding the whole sample corpus, built on first use.
const std::string& sample_index();

}  // namespace newsdex::test
