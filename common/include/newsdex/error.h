// The base of every exception newsdex throws, so that a program embedding it can catch "any
// newsdex error" in one place and still tell the kinds apart where it cares.
#pragma once

#include <stdexcept>

namespace newsdex {

/// Every error newsdex reports derives from this: IndexError (indexer.h), SearchError with its
/// OptionError and NoIndexError, and QueryError (searcher.h). what() is one line for people: it
/// names the problem and where (a path, a file and line, a query column), never a command-line
/// flag, so each program words its own advice. Other exceptions that pass through newsdex
/// unchanged: std::bad_alloc, and whatever the caller's own callbacks (IndexOptions::on_progress,
/// stop_requested, on_stall) throw.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace newsdex
