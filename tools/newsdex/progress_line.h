// The one-line progress display of `newsdex index` on a terminal: where in the current source the
// run is, how many articles it has indexed, how fast, and when it will be done.
#pragma once

#include "newsdex/indexer.h"

#include <chrono>
#include <cstdio>
#include <string>

namespace newsdex::cli {

/// The line for @p progress, at most @p columns wide: the file name is shortened in its middle
/// first, then the least useful parts are left out, so that it never wraps (a wrapped line
/// cannot be redrawn in place and leaves a copy behind at every redraw).
/// @p source_seconds: time spent on this source, @p run_seconds: on the whole run.
std::string progress_text(const IndexProgress& progress, double source_seconds, double run_seconds, std::size_t columns);

/// Columns a UTF-8 string takes on a terminal (wide East Asian characters two, combining marks none).
std::size_t display_width(const std::string& text);

class ProgressLine {
public:
    explicit ProgressLine(std::FILE* out) : out_(out), started_(std::chrono::steady_clock::now()) {}

    /// Redraws the line, at most a few times a second.
    void update(const IndexProgress& progress);
    /// Clears the line, so that the summary that follows starts on a clean one.
    void finish();

private:
    std::size_t columns() const;

    std::FILE* out_;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point source_started_;
    std::string source_;
    std::chrono::steady_clock::time_point last_drawn_{};
    bool drawn_ = false;
};

}  // namespace newsdex::cli
