// A gzip file decompressed with zlib, for the outermost layer of a .gz file. libarchive's gzip
// filter fails a whole read when the compressed input ends inside it, so the last 64 KiB before
// the cut of a truncated download (all of a small one) never reach us; inflating here hands on
// every byte before the cut and says that the stream was cut, so that every complete JSON line
// before it is indexed and the file is reported, not recorded as finished.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace newsdex {

class GzipStream {
public:
    GzipStream();
    ~GzipStream();
    GzipStream(const GzipStream&) = delete;
    GzipStream& operator=(const GzipStream&) = delete;

    /// Decompresses into @p out (up to its capacity) from @p fd, reading more as needed. Returns
    /// the bytes produced: 0 at the end of the stream (or at a cut, see truncated()), -1 on an
    /// error (error() says which, with the compressed offset).
    long read(int fd, std::vector<char>& out);

    bool truncated() const { return truncated_; }
    const std::string& error() const { return error_; }
    std::uint64_t compressed_bytes() const { return compressed_; }  ///< read from the file so far

private:
    z_stream z_{};
    std::vector<unsigned char> in_;
    bool eof_ = false;
    bool finished_ = false;
    bool truncated_ = false;
    std::string error_;
    std::uint64_t compressed_ = 0;
};

/// True when the file open at @p fd starts with gzip's magic bytes (read with pread: the file
/// offset is left alone).
bool is_gzip_file(int fd);

}  // namespace newsdex
