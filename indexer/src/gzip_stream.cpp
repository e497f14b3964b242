#include "gzip_stream.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace newsdex {
namespace {
constexpr std::size_t kInputBlock = 1 << 16;
constexpr int kGzipWindow = 15 + 16;  // zlib: a gzip header and trailer around deflate
}  // namespace

GzipStream::GzipStream() : in_(kInputBlock) {
    if (inflateInit2(&z_, kGzipWindow) != Z_OK) error_ = "zlib cannot start";
}

GzipStream::~GzipStream() { inflateEnd(&z_); }

long GzipStream::read(int fd, std::vector<char>& out) {
    if (!error_.empty()) return -1;
    z_.next_out = reinterpret_cast<Bytef*>(out.data());
    z_.avail_out = static_cast<uInt>(out.size());
    while (z_.avail_out == out.size() && !finished_ && !truncated_) {
        if (z_.avail_in == 0 && !eof_) {
            const ssize_t n = ::read(fd, in_.data(), in_.size());
            if (n < 0) {
                if (errno == EINTR) continue;
                error_ = std::string("read error: ") + std::strerror(errno);
                return -1;
            }
            eof_ = n == 0;
            compressed_ += static_cast<std::uint64_t>(n);
            z_.next_in = in_.data();
            z_.avail_in = static_cast<uInt>(n);
        }
        const int r = inflate(&z_, Z_NO_FLUSH);
        if (r == Z_STREAM_END) {
            // Concatenated gzip members (pigz, appended dumps) are one stream; anything else
            // after the end is ignored as trailing junk, as gzip does.
            if (z_.avail_in == 0 && !eof_) {
                const ssize_t n = ::read(fd, in_.data(), in_.size());
                if (n > 0) {
                    compressed_ += static_cast<std::uint64_t>(n);
                    z_.next_in = in_.data();
                    z_.avail_in = static_cast<uInt>(n);
                } else {
                    eof_ = true;
                }
            }
            if (z_.avail_in >= 2 && z_.next_in[0] == 0x1f && z_.next_in[1] == 0x8b) {
                inflateReset(&z_);
                continue;
            }
            finished_ = true;
        } else if (r == Z_BUF_ERROR || (r == Z_OK && z_.avail_in == 0 && eof_)) {
            if (eof_ && z_.avail_in == 0) truncated_ = true;  // the input ended inside the stream
        } else if (r != Z_OK) {
            error_ = "damaged gzip data near compressed byte " + std::to_string(compressed_ - z_.avail_in) +
                     (z_.msg ? std::string(" (") + z_.msg + ")" : "");
            if (z_.avail_out == out.size()) return -1;
            break;
        }
    }
    return static_cast<long>(out.size() - z_.avail_out);
}

bool is_gzip_file(int fd) {
    unsigned char magic[2];
    return ::pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

}  // namespace newsdex
