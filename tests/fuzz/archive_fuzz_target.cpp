// Fuzz target: a file as `newsdex index` reads it: any archive or compressed format libarchive is
// asked for, nested archives, JSON Lines chunking, then the extractor each member is sniffed for.
// The reader must finish, hand on only members within the limits it was given and inside the file
// it read, and the extractors must return UTF-8 articles from whatever came out.
#include "fuzz_support.h"
#include "source_reader.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace {

// Small limits, so that bombs are cut short in a fuzzing budget rather than in gigabytes.
newsdex::IndexOptions fuzz_options() {
    newsdex::IndexOptions o;
    o.max_member_bytes = 1u << 20;
    o.max_archive_bytes = 8u << 20;
    o.max_depth = 3;
    return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using newsdex::fuzz::fail;
    static const newsdex::IndexOptions options = fuzz_options();
    // One in-memory file for the whole run, rewritten per input: the reader wants a path.
    static const int fd = ::memfd_create("newsdex-archive-fuzz", MFD_CLOEXEC);
    static const std::string path = "/proc/self/fd/" + std::to_string(fd);
    if (fd < 0) fail("memfd_create failed", {});
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
        fail("cannot write the input file", {});

    std::uint64_t delivered = 0;
    newsdex::SourceReader reader(
        options,
        [&](newsdex::Member&& member) {
            if (member.path.compare(0, path.size(), path) != 0) fail("member outside the file read", member.path);
            if (member.data.size() > options.max_member_bytes) fail("member over the size limit", member.data);
            if (member.data.empty()) fail("empty member handed on", member.path);
            delivered += member.data.size();
            if (delivered > options.max_archive_bytes) fail("more bytes than the archive limit", member.path);
            // Member names are whatever bytes the archive holds; the rest must be UTF-8.
            newsdex::fuzz::check_extraction(newsdex::extract_articles(member), /*check_origin=*/false);
        },
        [&](newsdex::Skipped&& skipped) {
            if (skipped.where.empty() || skipped.reason.empty()) fail("skip without place or reason", skipped.detail);
        });
    reader.read(path);
    return 0;
}
