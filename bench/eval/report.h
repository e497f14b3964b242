// The one results table: every set, variant and language, with MRR@10 against the baseline.
#pragma once

#include "evaluation.h"

#include <string>
#include <vector>

namespace newsdex::eval {

/// A Markdown table of @p rows; "ΔMRR" compares each row with @p baseline's row of the same set
/// and language (empty when there is none).
std::string format_table(const std::vector<Summary>& rows, const std::string& baseline);

}  // namespace newsdex::eval
