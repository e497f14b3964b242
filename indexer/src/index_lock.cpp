#include "index_lock.h"

#include "newsdex/indexer.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace newsdex {

IndexLock::IndexLock(const std::string& dir) {
    const std::string path = (std::filesystem::path(dir) / kFileName).string();
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw IndexError("cannot lock the index " + dir + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        char holder[32] = {};
        const ssize_t n = ::pread(fd_, holder, sizeof holder - 1, 0);
        ::close(fd_);
        fd_ = -1;
        if (err != EWOULDBLOCK) throw IndexError("cannot lock the index " + dir + ": " + std::strerror(err));
        std::string pid = n > 0 ? std::string(holder, static_cast<std::size_t>(n)) : std::string();
        while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
        throw IndexError("index " + dir + " is locked: another newsdex indexer" + (pid.empty() ? "" : " (pid " + pid + ")") +
                         " is writing to it; wait for it to finish");
    }
    // Only for the message above: the lock itself is the flock, not the contents.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) == 0) (void)!::pwrite(fd_, pid.data(), pid.size(), 0);
}

IndexLock::~IndexLock() {
    if (fd_ >= 0) ::close(fd_);  // closing drops the flock
}

}  // namespace newsdex
