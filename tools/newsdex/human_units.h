// Numbers as people read them in the progress line and the summary of `newsdex index`.
#pragma once

#include <cstdint>
#include <string>

namespace newsdex::cli {

/// "512 B", "1.5 KB", "351.2 MB", "2.05 GB" (powers of 1000, as disks and downloads count).
std::string human_bytes(std::uint64_t bytes);

/// "1 article", "2 articles": @p n and @p word, with an "s" unless n is 1.
std::string plural(std::uint64_t n, const std::string& word);

/// "0.4 s", "12 s", "1 m 05 s", "2 h 03 m 10 s".
std::string human_duration(double seconds);

}  // namespace newsdex::cli
