#include "file_fingerprint.h"

#include "newsdex/schema.h"

#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace newsdex {
namespace {

constexpr std::uint64_t kEdgeBytes = 64 * 1024;
constexpr std::uint64_t kSampleBytes = 4 * 1024;
constexpr int kSamples = 32;

struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

bool read_at(int fd, std::uint64_t offset, std::uint64_t length, std::vector<char>& buffer) {
    buffer.resize(length);
    std::uint64_t got = 0;
    while (got < length) {
        const ssize_t n = ::pread(fd, buffer.data() + got, length - got, static_cast<off_t>(offset + got));
        if (n < 0) return false;
        if (n == 0) break;  // shrank while we read: hash what is there
        got += static_cast<std::uint64_t>(n);
    }
    buffer.resize(got);
    return true;
}

}  // namespace

std::string file_fingerprint(const std::string& path) {
    const Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    struct stat st {};
    if (file.fd < 0 || ::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) return {};
    const auto size = static_cast<std::uint64_t>(st.st_size);
    std::uint64_t h = schema::stable_hash(std::to_string(size));
    std::vector<char> buffer;
    const auto mix = [&](std::uint64_t offset, std::uint64_t length) {
        if (!read_at(file.fd, offset, std::min(length, size - std::min(offset, size)), buffer)) return false;
        h = schema::stable_hash(std::string_view(buffer.data(), buffer.size()), h);
        return true;
    };
    if (!mix(0, kEdgeBytes)) return {};
    if (size > 2 * kEdgeBytes) {
        const std::uint64_t span = size - 2 * kEdgeBytes;
        for (int i = 1; i <= kSamples; ++i)
            if (!mix(kEdgeBytes + span * static_cast<std::uint64_t>(i) / (kSamples + 1), kSampleBytes)) return {};
    }
    if (size > kEdgeBytes && !mix(size - std::min(size - kEdgeBytes, kEdgeBytes), kEdgeBytes)) return {};
    char text[48];
    std::snprintf(text, sizeof text, "%llu-%016llx", static_cast<unsigned long long>(size),
                  static_cast<unsigned long long>(h));
    return text;
}

}  // namespace newsdex
