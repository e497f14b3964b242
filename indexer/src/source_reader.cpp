#include "source_reader.h"

#include "charset.h"

#include <archive.h>
#include <archive_entry.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace newsdex {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBlockSize = 1 << 16;

struct ArchiveCloser {
    void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveCloser>;

// Formats are named one by one: "all" would include mtree, whose bidder claims ordinary text.
// "raw" comes last so that a lone compressed file (article.json.gz) reads as one member.
ArchivePtr new_reader() {
    ArchivePtr a(archive_read_new());
    archive_read_support_filter_all(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_support_format_gnutar(a.get());
    archive_read_support_format_zip(a.get());
    archive_read_support_format_7zip(a.get());
    archive_read_support_format_cpio(a.get());
    archive_read_support_format_rar(a.get());
    archive_read_support_format_rar5(a.get());
    archive_read_support_format_iso9660(a.get());
    archive_read_support_format_ar(a.get());
    archive_read_support_format_raw(a.get());
    return a;
}

bool starts_with(std::string_view data, std::string_view magic) {
    return data.size() >= magic.size() && data.compare(0, magic.size(), magic) == 0;
}

std::string error_text(struct archive* a) {
    const char* s = archive_error_string(a);
    return s ? s : "unknown libarchive error";
}

// Member names as UTF-8. Zips made on Windows store names in the OEM or ANSI code page without
// saying which (cp866 or windows-1251 for Cyrillic, koi8-r from old Unix tools), so names that
// are not valid UTF-8 go through the same detection as article text.
// Formats that encrypt whole archives (7z with encrypted headers, rar) fail on reading rather
// than flag the entry; their error says so.
bool encryption_error(struct archive* a) {
    const std::string e = error_text(a);
    // Not archive_read_has_encrypted_entries(): garbage headers set the encryption flag bits too.
    return e.find("ncrypt") != std::string::npos || e.find("assphrase") != std::string::npos;
}

std::string entry_name(struct archive_entry* e) {
    if (const char* raw = archive_entry_pathname(e)) return to_utf8(raw).text;
    if (const char* utf8 = archive_entry_pathname_utf8(e)) return utf8;
    return "?";
}

// Bytes of JSON Lines handed on at a time; a line longer than this is read on until it ends.
constexpr std::size_t kJsonLinesChunk = 8u << 20;
// How much of a member is looked at to tell JSON Lines from other formats.
constexpr std::size_t kSniffBytes = 1u << 20;

// JSON Lines, not one pretty-printed JSON value: the first line is a complete JSON object.
bool starts_json_lines(std::string_view data) {
    std::size_t i = data.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < data.size() && std::isspace(static_cast<unsigned char>(data[i]))) ++i;
    if (i >= data.size() || data[i] != '{') return false;
    const std::size_t eol = data.find('\n', i);
    if (eol == std::string_view::npos) return false;
    return nlohmann::json::accept(data.substr(i, eol - i));
}

// Bytes of a file, for progress; 0 when it has no size (a pipe, say) or cannot be read.
std::uint64_t size_of(const fs::path& file) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    return ec ? 0 : size;
}

// Xapian marks each database directory with one of these files.
bool is_xapian_database(const fs::path& dir) {
    std::error_code ec;
    for (const char* marker : {"iamglass", "iamchert", "iamhoney", "XAPIANDB"})
        if (fs::exists(dir / marker, ec)) return true;
    return false;
}

}  // namespace

bool looks_like_archive(std::string_view d) {
    using namespace std::string_view_literals;
    return starts_with(d, "\x1f\x8b"sv)                    // gzip
           || starts_with(d, "BZh"sv)                      // bzip2
           || starts_with(d, "\xfd" "7zXZ\0"sv)            // xz
           || starts_with(d, "\x28\xb5\x2f\xfd"sv)         // zstd
           || starts_with(d, "\x04\x22\x4d\x18"sv)         // lz4
           || starts_with(d, "PK\x03\x04"sv) || starts_with(d, "PK\x05\x06"sv)  // zip, empty zip
           || starts_with(d, "7z\xbc\xaf\x27\x1c"sv)       // 7z
           || starts_with(d, "Rar!\x1a\x07"sv)             // rar
           || starts_with(d, "070701"sv) || starts_with(d, "070702"sv) || starts_with(d, "070707"sv)  // cpio
           || starts_with(d, "\xc7\x71"sv) || starts_with(d, "\x71\xc7"sv)  // binary cpio
           || (d.size() >= 262 && d.compare(257, 5, "ustar") == 0);          // tar
}

struct SourceReader::ArchiveBudget {
    std::uint64_t bytes_left;
};

SourceReader::SourceReader(const IndexOptions& options, MemberSink on_member, SkipSink on_skip)
    : options_(options), on_member_(std::move(on_member)), on_skip_(std::move(on_skip)) {}

void SourceReader::read(const std::string& path) {
    done_before_ = total_ = 0;
    if (path == "-") {
        ArchivePtr a = new_reader();
        outermost_ = a.get();
        ArchiveBudget budget{options_.max_archive_bytes};
        if (archive_read_open_fd(a.get(), STDIN_FILENO, kBlockSize) != ARCHIVE_OK) {
            on_skip_({"-", "unreadable", error_text(a.get())});
            return;
        }
        read_archive(a.get(), "-", 1, budget);
        outermost_ = nullptr;
        return;
    }
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        on_skip_({path, "unreadable", ec ? ec.message() : "no such file or directory"});
        return;
    }
    if (!fs::is_directory(status)) {
        total_ = size_of(path);
        read_file(path, total_);
        return;
    }
    // Sorted, so that a run over the same directory is reproducible.
    std::vector<fs::path> files;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        if (it->is_directory(ec) && is_xapian_database(it->path())) {
            // An index (often the one being written, given inside the dump) is not articles.
            on_skip_({it->path().string(), "index directory", "a Xapian database; not read"});
            it.disable_recursion_pending();
        } else if (it->is_regular_file(ec)) {
            files.push_back(it->path());
        }
    }
    if (ec) on_skip_({path, "unreadable", ec.message()});
    std::sort(files.begin(), files.end());
    std::vector<std::uint64_t> sizes;
    for (const auto& f : files) total_ += sizes.emplace_back(size_of(f));
    for (std::size_t i = 0; i < files.size(); ++i) read_file(files[i].string(), sizes[i]);
}

void SourceReader::report_progress() {
    if (!on_progress_) return;
    const auto la_int64 = outermost_ ? archive_filter_bytes(outermost_, -1) : 0;
    on_progress_(done_before_ + static_cast<std::uint64_t>(std::max<la_int64_t>(la_int64, 0)), total_);
}

void SourceReader::read_file(const std::string& path, std::uint64_t size) {
    if (on_file_start_ && !on_file_start_(path)) {
        done_before_ += size;
        return;
    }
    // open() first: libarchive would report a missing or forbidden file as a format error.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        on_skip_({path, "unreadable", std::strerror(errno)});
        return;
    }
    ArchivePtr a = new_reader();
    ArchiveBudget budget{options_.max_archive_bytes};
    if (archive_read_open_fd(a.get(), fd, kBlockSize) != ARCHIVE_OK) {
        // The file opened, so libarchive failed on its content: a damaged compressed stream.
        on_skip_({path, "corrupt archive", error_text(a.get())});
        ::close(fd);
        return;
    }
    outermost_ = a.get();
    report_progress();
    read_archive(a.get(), path, 1, budget);
    outermost_ = nullptr;
    a.reset();
    ::close(fd);
    done_before_ += size;
    report_progress();
    if (on_file_end_) on_file_end_(path);
}

void SourceReader::read_archive(struct archive* a, const std::string& outer, int depth, ArchiveBudget& budget) {
    struct archive_entry* entry = nullptr;
    for (;;) {
        int r = archive_read_next_header(a, &entry);
        if (r == ARCHIVE_EOF) return;
        if (r == ARCHIVE_RETRY) continue;
        if (r == ARCHIVE_FATAL) {
            // An empty file has no format to recognise; say so rather than "corrupt".
            const std::string detail = error_text(a);
            const bool empty = archive_format(a) == 0 && detail.find("Unrecognized") == std::string::npos;
            on_skip_({outer, empty ? "empty" : encryption_error(a) ? "encrypted" : "corrupt archive", detail});
            return;
        }
        // A lone compressed file, or a plain file, is its own single member.
        const bool raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
        const std::string where = raw ? outer : outer + "!" + entry_name(entry);
        if (r == ARCHIVE_FAILED) {
            on_skip_({where, encryption_error(a) ? "encrypted" : "corrupt member", error_text(a)});
            continue;
        }
        if (archive_entry_filetype(entry) != AE_IFREG && !raw) continue;
        if (archive_entry_is_encrypted(entry)) {
            on_skip_({where, "encrypted", "the member is encrypted"});
            continue;
        }
        if (archive_entry_size_is_set(entry) &&
            static_cast<std::uint64_t>(archive_entry_size(entry)) > options_.max_member_bytes) {
            on_skip_({where, "too large", std::to_string(archive_entry_size(entry)) + " bytes"});
            continue;
        }

        Member member{where, {}, 1};
        bool failed = false;
        bool sniffed = false, streaming_lines = false;
        char block[kBlockSize];
        for (;;) {
            la_ssize_t n = archive_read_data(a, block, sizeof block);
            if (n == 0) break;
            if (n < 0) {
                if (n == ARCHIVE_WARN) continue;
                on_skip_({where, encryption_error(a)           ? "encrypted"
                                 : n == ARCHIVE_FATAL ? "corrupt archive"
                                                      : "corrupt member",
                          error_text(a)});
                if (n == ARCHIVE_FATAL) return;
                failed = true;
                break;
            }
            const auto len = static_cast<std::uint64_t>(n);
            // In a JSON Lines stream the limit applies to one line, not to the whole member.
            const std::size_t held = streaming_lines ? member.data.size() - (member.data.rfind('\n') + 1) : member.data.size();
            if (held + len > options_.max_member_bytes) {
                on_skip_({where, "too large", "more than " + std::to_string(options_.max_member_bytes) + " bytes"});
                failed = true;
                break;
            }
            if (len > budget.bytes_left) {
                on_skip_({where, "archive too large", "decompressed size of the archive exceeds " +
                                                          std::to_string(options_.max_archive_bytes) + " bytes"});
                return;
            }
            budget.bytes_left -= len;
            member.data.append(block, static_cast<std::size_t>(n));
            // A JSON Lines dump can be far larger than memory: hand it on in chunks of whole lines.
            if (!sniffed && (member.data.find('\n') != std::string::npos || member.data.size() >= kSniffBytes)) {
                sniffed = true;
                streaming_lines = starts_json_lines(member.data);
            }
            if (streaming_lines && member.data.size() >= std::min(kJsonLinesChunk, options_.max_member_bytes / 2)) {
                const std::size_t cut = member.data.rfind('\n');
                if (cut == std::string::npos) continue;
                Member chunk{where, member.data.substr(0, cut + 1), member.first_line};
                member.first_line += static_cast<std::size_t>(std::count(chunk.data.begin(), chunk.data.end(), '\n'));
                member.data.erase(0, cut + 1);
                on_member_(std::move(chunk));
                report_progress();
            }
        }
        if (failed) continue;
        if (streaming_lines && member.data.find_first_not_of(" \t\r\n") == std::string::npos) continue;
        if (member.data.empty()) {
            on_skip_({where, "empty", "no data"});
            continue;
        }
        dispatch(std::move(member), depth, budget);
        if (raw) return;
    }
}

void SourceReader::dispatch(Member&& member, int depth, ArchiveBudget& budget) {
    if (!looks_like_archive(member.data)) {
        on_member_(std::move(member));
        report_progress();
        return;
    }
    if (depth >= options_.max_depth) {
        on_skip_({member.path, "nesting too deep",
                  "archive inside " + std::to_string(depth) + " levels of archives (limit " +
                      std::to_string(options_.max_depth) + ")"});
        return;
    }
    ArchivePtr inner = new_reader();
    if (archive_read_open_memory(inner.get(), member.data.data(), member.data.size()) != ARCHIVE_OK) {
        on_skip_({member.path, "corrupt archive", error_text(inner.get())});
        return;
    }
    read_archive(inner.get(), member.path, depth + 1, budget);
}

}  // namespace newsdex
