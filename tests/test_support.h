// Helpers shared by the tests: scratch directories and running the newsdex binary.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace newsdex::test {

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    /// @p name goes into the directory's name, to tell test leftovers apart.
    explicit TempDir(const std::string& name = "test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string str() const { return path_.string(); }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

struct CommandResult {
    int exit_code = -1;
    std::string out;  ///< standard output
    std::string err;  ///< standard error
};

/// Runs the newsdex binary with @p args (already shell-quoted) and captures its output;
/// @p env is prepended as shell variable assignments ("NAME=value").
CommandResult run_newsdex(const std::string& args, const std::string& env = "");

/// The code points of UTF-8 @p text (highlights are counted in code points).
std::u32string code_points(std::string_view text);

/// Quotes @p s for /bin/sh.
std::string shell_quote(const std::string& s);

}  // namespace newsdex::test
