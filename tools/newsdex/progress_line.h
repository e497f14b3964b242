// The one-line progress display of `newsdex index` on a terminal: where in the current source the
// run is, how many articles it has indexed, how fast, and when it will be done.
#pragma once

#include "newsdex/indexer.h"

#include <chrono>
#include <cstdio>

namespace newsdex::cli {

class ProgressLine {
public:
    explicit ProgressLine(std::FILE* out) : out_(out), started_(std::chrono::steady_clock::now()) {}

    /// Redraws the line, at most a few times a second.
    void update(const IndexProgress& progress);
    /// Clears the line, so that the summary that follows starts on a clean one.
    void finish();

private:
    std::FILE* out_;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point last_drawn_{};
    bool drawn_ = false;
};

}  // namespace newsdex::cli
