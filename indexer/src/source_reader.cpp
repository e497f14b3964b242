#include "source_reader.h"

#include "charset.h"
#include "gzip_stream.h"
#include "newsdex/schema.h"

#include <archive.h>
#include <archive_entry.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <memory>
#include <set>
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

// Only the compression filters and the raw format: for a compressed stream cut short so early
// that the other formats' bidders, which read ahead (iso9660 reads 32 KiB), fail on the cut.
// Read raw, its complete lines are still articles, and a tar inside is opened from memory,
// where its complete members are.
ArchivePtr new_raw_reader() {
    ArchivePtr a(archive_read_new());
    archive_read_support_filter_all(a.get());
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


// Our own input callbacks instead of archive_read_open_fd/_memory: every time libarchive asks
// for more input, the member's time budget and a stop request are checked, so a file on which
// libarchive loops (reading on and on) fails with a reason instead of running forever.
}  // namespace

struct SourceReader::Input {
    SourceReader* reader = nullptr;
    int fd = -1;                   ///< a file or standard input, or
    std::string_view memory;       ///< an archive held in memory (a nested one)
    std::uint64_t offset = 0;      ///< into memory
    std::vector<char> buffer;      ///< for fd reads
    std::unique_ptr<GzipStream> gzip;  ///< a .gz file, inflated here (gzip_stream.h says why)
    std::uint64_t file_bytes = 0;  ///< read from fd so far

    std::uint64_t consumed() const { return gzip ? gzip->compressed_bytes() : fd >= 0 ? file_bytes : offset; }
};

namespace {
using GuardedInput = SourceReader::Input;

la_ssize_t guarded_read(struct archive* a, void* data, const void** block) {
    auto* in = static_cast<GuardedInput*>(data);
    if (!in->reader->may_continue()) {
        archive_set_error(a, ECANCELED, "reading stopped");
        return -1;
    }
    if (in->fd < 0) {
        const std::uint64_t n = std::min<std::uint64_t>(in->memory.size() - in->offset, kBlockSize * 16);
        *block = in->memory.data() + in->offset;
        in->offset += n;
        return static_cast<la_ssize_t>(n);
    }
    in->buffer.resize(kBlockSize);
    if (in->gzip) {
        const long n = in->gzip->read(in->fd, in->buffer);
        if (n < 0) {
            archive_set_error(a, EIO, "%s", in->gzip->error().c_str());
            return -1;
        }
        *block = in->buffer.data();
        return n;
    }
    for (;;) {
        in->reader->waiting_for_input(true);  // a slow pipe is not a stall
        const ssize_t n = ::read(in->fd, in->buffer.data(), in->buffer.size());
        in->reader->waiting_for_input(false);
        if (n >= 0) {
            in->file_bytes += static_cast<std::uint64_t>(n);
            *block = in->buffer.data();
            return n;
        }
        if (errno == EINTR) {
            if (!in->reader->may_continue()) {
                archive_set_error(a, ECANCELED, "reading stopped");
                return -1;
            }
            continue;
        }
        archive_set_error(a, errno, "read error: %s", std::strerror(errno));
        return -1;
    }
}

la_int64_t guarded_skip(struct archive*, void* data, la_int64_t request) {
    auto* in = static_cast<GuardedInput*>(data);
    if (in->fd < 0) {
        const auto n = std::min<std::uint64_t>(static_cast<std::uint64_t>(request), in->memory.size() - in->offset);
        in->offset += n;
        return static_cast<la_int64_t>(n);
    }
    const off_t before = ::lseek(in->fd, 0, SEEK_CUR);
    if (before < 0 || ::lseek(in->fd, request, SEEK_CUR) < 0) return 0;  // a pipe: libarchive reads instead
    in->file_bytes += static_cast<std::uint64_t>(request);
    return request;
}

la_int64_t guarded_seek(struct archive* a, void* data, la_int64_t offset, int whence) {
    auto* in = static_cast<GuardedInput*>(data);
    if (in->fd >= 0) {
        const off_t r = ::lseek(in->fd, offset, whence);
        if (r < 0) {
            archive_set_error(a, errno, "seek error: %s", std::strerror(errno));
            return ARCHIVE_FATAL;
        }
        return r;
    }
    const auto size = static_cast<la_int64_t>(in->memory.size());
    la_int64_t target = whence == SEEK_SET ? offset : whence == SEEK_CUR ? static_cast<la_int64_t>(in->offset) + offset : size + offset;
    if (target < 0) return ARCHIVE_FATAL;
    in->offset = static_cast<std::uint64_t>(std::min(target, size));
    return static_cast<la_int64_t>(in->offset);
}

// Opens @p a on @p in; seeking only where it works (not on a pipe), as libarchive's zip reader
// then falls back to streaming.
int open_archive(struct archive* a, GuardedInput& in) {
    archive_read_set_callback_data(a, &in);
    archive_read_set_read_callback(a, guarded_read);
    if (in.gzip) return archive_read_open1(a);  // a stream: no skipping or seeking in it
    archive_read_set_skip_callback(a, guarded_skip);
    struct stat st {};
    if (in.fd < 0 || (::fstat(in.fd, &st) == 0 && S_ISREG(st.st_mode))) archive_read_set_seek_callback(a, guarded_seek);
    return archive_read_open1(a);
}

// Below this many decompressed bytes the ratio is not looked at: small files compress oddly.
constexpr std::uint64_t kRatioFloor = 64ull << 20;
// libarchive may ask again (ARCHIVE_RETRY, ARCHIVE_WARN without data); some damaged files make it
// ask forever.
constexpr int kMaxRetries = 64;

// Complete lines at the start of @p data (a JSON Lines member cut short), or 0.
std::size_t complete_lines_end(std::string_view data) {
    const std::size_t cut = data.rfind('\n');
    return cut == std::string_view::npos ? 0 : cut + 1;
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

bool is_read_failure(const std::string& reason) {
    static const std::set<std::string> failures{"corrupt archive", "corrupt member", "unreadable", "timed out"};
    return failures.count(reason) > 0;
}

bool is_limit(const std::string& reason) {
    static const std::set<std::string> limits{"too large", "archive too large", "nesting too deep",
                                              "decompression bomb"};
    return limits.count(reason) > 0;
}

struct SourceReader::ArchiveBudget {
    std::uint64_t bytes_left;
    std::uint64_t decompressed = 0;
};

SourceReader::SourceReader(const IndexOptions& options, MemberSink on_member, SkipSink on_skip)
    : options_(options), on_member_(std::move(on_member)), on_skip_(std::move(on_skip)) {}

void SourceReader::enter(Phase phase, const std::string& where) {
    {
        const std::lock_guard<std::mutex> lock(watched_mutex_);
        current_where_ = where;
        watched_path_ = entry_path_;
    }
    heartbeat_.store(std::chrono::steady_clock::now().time_since_epoch().count());
    phase_.store(phase, std::memory_order_release);
}

void SourceReader::leave() { phase_.store(idle, std::memory_order_release); }

std::optional<SourceReader::Stall> SourceReader::stalled(std::chrono::steady_clock::duration limit) const {
    const int phase = phase_.load(std::memory_order_acquire);
    if (phase == idle || waiting_.load()) return std::nullopt;
    const auto since = std::chrono::steady_clock::now().time_since_epoch() -
                       std::chrono::steady_clock::duration(heartbeat_.load());
    if (since < limit) return std::nullopt;
    Stall stall;
    std::vector<std::uint64_t> path;
    {
        const std::lock_guard<std::mutex> lock(watched_mutex_);
        stall.where = current_where_;
        path = watched_path_;
    }
    stall.seconds = std::chrono::duration<double>(since).count();
    // Stuck reading a header: the rest of that archive cannot be listed, so the entry holding it
    // (or the whole file) is passed over; stuck in an entry's data or opening it: that entry.
    if (phase == header && !path.empty()) path.pop_back();
    if (path.empty()) path.push_back(ReadPosition::kWholeEntry);  // the whole file
    stall.skip_through = ReadPosition{path, ReadPosition::kWholeEntry};
    return stall;
}

bool SourceReader::may_continue() {
    // Asked for input: libarchive is not looping without reading.
    heartbeat_.store(std::chrono::steady_clock::now().time_since_epoch().count());
    if (abandoned_.load()) {
        interrupted_ = true;
        return false;
    }
    if (interrupted_ || (options_.stop_requested && options_.stop_requested())) {
        interrupted_ = true;
        return false;
    }
    if (timed_out_) return false;
    if (options_.max_member_seconds > 0 && std::chrono::steady_clock::now() > deadline_) timed_out_ = true;
    return !timed_out_;
}

void SourceReader::start_clock() {
    timed_out_ = false;
    deadline_ = std::chrono::steady_clock::now() +
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(std::max(options_.max_member_seconds, 0.0)));
}

void SourceReader::read(const std::string& path) {
    done_before_ = total_ = last_progress_ = 0;
    interrupted_ = false;
    passed_over_ = 0;
    if (path == "-") {
        // Standard input is never resumed: there is no file to recognise again.
        resume_.reset();
        entry_path_.clear();
        ArchivePtr a = new_reader();
        GuardedInput input{this, STDIN_FILENO, {}, 0, {}, nullptr, 0};
        outermost_ = a.get();
        outer_input_ = &input;
        ArchiveBudget budget{options_.max_archive_bytes};
        start_clock();
        enter(opening, "-");
        const int opened = open_archive(a.get(), input);
        leave();
        if (opened != ARCHIVE_OK) {
            if (!interrupted_) on_skip_({"-", "unreadable", error_text(a.get())});
            outermost_ = nullptr;
            outer_input_ = nullptr;
            return;
        }
        read_archive(a.get(), "-", 1, budget);
        outermost_ = nullptr;
        outer_input_ = nullptr;
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
    for (std::size_t i = 0; i < files.size() && !interrupted_; ++i) {
        if (!may_continue() && interrupted_) break;
        read_file(files[i].string(), sizes[i]);
    }
}

std::uint64_t SourceReader::progress_now() const { return done_before_ + (outer_input_ ? outer_input_->consumed() : 0); }

void SourceReader::report_progress() {
    last_progress_ = progress_now();
    if (on_progress_) on_progress_(last_progress_, total_);
}

void SourceReader::read_file(const std::string& path, std::uint64_t size) {
    FilePlan plan;
    if (on_file_start_) plan = on_file_start_(path);
    if (!plan.read) {
        done_before_ += size;
        return;
    }
    resume_ = plan.resume_after;
    entry_path_.clear();
    ancestors_.clear();
    // open() first: libarchive would report a missing or forbidden file as a format error.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        on_skip_({path, "unreadable", std::strerror(errno)});
        if (on_file_end_) on_file_end_(path);
        return;
    }
    ArchivePtr a = new_reader();
    GuardedInput input{this, fd, {}, 0, {}, nullptr, 0};
    if (is_gzip_file(fd)) input.gzip = std::make_unique<GzipStream>();
    ArchiveBudget budget{options_.max_archive_bytes};
    outermost_ = a.get();
    outer_input_ = &input;
    start_clock();
    enter(opening, path);
    int opened = open_archive(a.get(), input);
    leave();
    if (opened != ARCHIVE_OK && input.gzip && input.gzip->truncated() && !interrupted_ && !timed_out_ &&
        ::lseek(fd, 0, SEEK_SET) == 0) {
        // Cut so early that the format bidders, which read ahead, met the cut: read it raw.
        ArchivePtr raw = new_raw_reader();
        input.gzip = std::make_unique<GzipStream>();
        enter(opening, path);
        const int raw_opened = open_archive(raw.get(), input);
        leave();
        if (raw_opened == ARCHIVE_OK) {
            a = std::move(raw);
            outermost_ = a.get();
            opened = ARCHIVE_OK;
        }
    }
    if (opened != ARCHIVE_OK) {
        // The file opened, so libarchive failed on its content: a damaged compressed stream.
        if (!interrupted_) on_skip_({path, timed_out_ ? "timed out" : "corrupt archive", error_text(a.get())});
    } else {
        report_progress();
        read_archive(a.get(), path, 1, budget);
    }
    outermost_ = nullptr;
    outer_input_ = nullptr;
    a.reset();
    ::close(fd);
    if (interrupted_) return;
    done_before_ += size;
    report_progress();
    if (on_file_end_) on_file_end_(path);
}

void SourceReader::hand_on(Member&& member) {
    if (resume_ && member.position.entries == resume_->entries && resume_->line != ReadPosition::kWholeEntry) {
        // Lines an earlier run indexed, when this run cuts its chunks elsewhere.
        std::size_t drop_end = 0;
        while (member.first_line <= resume_->line) {
            const std::size_t eol = member.data.find('\n', drop_end);
            if (eol == std::string::npos) {
                drop_end = member.data.size();
                break;
            }
            drop_end = eol + 1;
            ++member.first_line;
            ++passed_over_;
        }
        member.data.erase(0, drop_end);
        if (member.data.find_first_not_of(" \t\r\n") == std::string::npos) return;
    }
    member.progress_from = std::min(last_progress_, progress_now());
    member.progress_to = progress_now();
    on_member_(std::move(member));
    report_progress();
}

void SourceReader::read_archive(struct archive* a, const std::string& outer, int depth, ArchiveBudget& budget) {
    struct archive_entry* entry = nullptr;
    entry_path_.resize(static_cast<std::size_t>(depth));
    entry_path_[depth - 1] = 0;
    int retries = 0;
    for (;;) {
        if (!may_continue() && interrupted_) return;
        start_clock();
        enter(header, outer);
        const int r = archive_read_next_header(a, &entry);
        leave();
        if (interrupted_) return;
        if (r == ARCHIVE_EOF) {
            // Nothing at all is worth saying: the archive is empty, or libarchive recognised a
            // format (rar, iso9660) but could list nothing in garbage behind its magic bytes.
            if (entry_path_[depth - 1] == 0) on_skip_({outer, "empty", "no members: an empty or unlistable archive"});
            return;
        }
        if (r == ARCHIVE_RETRY && ++retries < kMaxRetries) continue;
        if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY) {
            // An empty file has no format to recognise; say so rather than "corrupt".
            const std::string detail = error_text(a);
            const bool empty = archive_format(a) == 0 && detail.find("Unrecognized") == std::string::npos;
            const std::string after = entry_path_[depth - 1] ? " (after entry " + std::to_string(entry_path_[depth - 1]) + ")" : "";
            on_skip_({outer, timed_out_ ? "timed out" : empty ? "empty" : encryption_error(a) ? "encrypted" : "corrupt archive",
                      detail + after});
            return;
        }
        retries = 0;
        entry_path_.resize(static_cast<std::size_t>(depth));
        ++entry_path_[depth - 1];
        // A lone compressed file, or a plain file, is its own single member.
        const bool raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
        const std::string where = raw ? outer : outer + "!" + entry_name(entry);
        if (resume_ && entry_done(entry_path_, *resume_)) {
            ++passed_over_;
            if (raw) return;
            continue;  // libarchive skips the data when the next header is asked for
        }
        if (resume_ && !resumes_inside(entry_path_, *resume_)) resume_.reset();  // past it: all new
        if (r == ARCHIVE_FAILED) {
            on_skip_({where, encryption_error(a) ? "encrypted" : "corrupt member", error_text(a)});
            continue;
        }
        if (archive_entry_filetype(entry) != AE_IFREG && !raw) continue;
        if (archive_entry_is_encrypted(entry)) {
            on_skip_({where, "encrypted", "the member is encrypted"});
            continue;
        }
        // Larger than the limit: skipped once its first bytes show it is not JSON Lines, whose
        // limit is per line (a dump.jsonl inside a tar can be far larger than any one article).
        const bool declared_too_large = archive_entry_size_is_set(entry) &&
                                        static_cast<std::uint64_t>(archive_entry_size(entry)) > options_.max_member_bytes;
        const auto too_large_declared = [&] {
            on_skip_({where, "too large", std::to_string(archive_entry_size(entry)) + " bytes"});
        };

        Member member{where, {}, 1, {}};
        bool failed = false;
        bool sniffed = false, streaming_lines = false;
        int warnings = 0;
        std::uint64_t member_bytes = 0;
        char block[kBlockSize];
        const auto position = [&](std::uint64_t line) { return ReadPosition{entry_path_, line}; };
        // Complete lines of a JSON Lines member cut short by a failure are still articles.
        const auto salvage_lines = [&]() -> std::string {
            const std::size_t end = streaming_lines ? complete_lines_end(member.data) : 0;
            std::string at;
            if (streaming_lines) {
                const auto good = static_cast<std::size_t>(std::count(member.data.begin(), member.data.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
                at = " at line " + std::to_string(member.first_line + good);
                if (end) {
                    Member chunk{where, member.data.substr(0, end), member.first_line, position(member.first_line + good - 1)};
                    hand_on(std::move(chunk));
                }
            } else {
                at = " after " + std::to_string(member_bytes) + " bytes of the member";
            }
            return at;
        };
        for (;;) {
            enter(data, where);
            la_ssize_t n = archive_read_data(a, block, sizeof block);
            leave();
            if (interrupted_) return;
            if (n == 0) break;
            if (n < 0) {
                if (n == ARCHIVE_WARN && ++warnings < kMaxRetries) continue;
                const std::string at = salvage_lines();
                if (interrupted_) return;
                on_skip_({where, timed_out_                ? "timed out"
                                 : encryption_error(a)     ? "encrypted"
                                 : n == ARCHIVE_FATAL      ? "corrupt archive"
                                                           : "corrupt member",
                          error_text(a) + at});
                if (n == ARCHIVE_FATAL || timed_out_) return;
                failed = true;
                break;
            }
            warnings = 0;
            const auto len = static_cast<std::uint64_t>(n);
            member_bytes += len;
            if (len > budget.bytes_left) {
                on_skip_({where, "archive too large", "decompressed size of the archive exceeds " +
                                                          std::to_string(options_.max_archive_bytes) + " bytes"});
                return;
            }
            budget.bytes_left -= len;
            budget.decompressed += len;
            if (options_.max_ratio > 0 && budget.decompressed > kRatioFloor) {
                const std::uint64_t compressed = std::max<std::uint64_t>(outer_input_->consumed(), 1);
                if (budget.decompressed / compressed > options_.max_ratio) {
                    on_skip_({where, "decompression bomb",
                              std::to_string(budget.decompressed) + " bytes from " + std::to_string(compressed) +
                                  " compressed, more than " + std::to_string(options_.max_ratio) + " to 1"});
                    return;
                }
            }
            member.data.append(block, static_cast<std::size_t>(n));
            // A JSON Lines dump can be far larger than memory: hand it on in chunks of whole lines.
            if (!sniffed && (member.data.find('\n') != std::string::npos || member.data.size() >= kSniffBytes)) {
                sniffed = true;
                streaming_lines = starts_json_lines(member.data);
                if (declared_too_large && !streaming_lines) {
                    too_large_declared();
                    failed = true;
                    break;
                }
            }
            // In a JSON Lines stream the limit applies to one line, not to the whole member.
            const std::size_t held = streaming_lines ? member.data.size() - (member.data.rfind('\n') + 1) : member.data.size();
            if (held > options_.max_member_bytes) {
                on_skip_({where, "too large", "more than " + std::to_string(options_.max_member_bytes) + " bytes" +
                                                  (streaming_lines ? " in line " + std::to_string(member.first_line + static_cast<std::size_t>(std::count(member.data.begin(), member.data.end(), '\n'))) : "")});
                failed = true;
                break;
            }
            if (streaming_lines && member.data.size() >= std::min(kJsonLinesChunk, options_.max_member_bytes / 2)) {
                const std::size_t cut = member.data.rfind('\n');
                if (cut == std::string::npos) continue;
                const auto lines = static_cast<std::size_t>(std::count(member.data.begin(), member.data.begin() + static_cast<std::ptrdiff_t>(cut + 1), '\n'));
                Member chunk{where, member.data.substr(0, cut + 1), member.first_line, position(member.first_line + lines - 1)};
                member.first_line += lines;
                member.data.erase(0, cut + 1);
                hand_on(std::move(chunk));
                if (interrupted_) return;
                start_clock();  // a chunk handed on is progress: the budget is per stretch without any
            }
        }
        if (failed) {
            if (raw) return;  // the only entry: do not let libarchive read on to its end (/dev/urandom)
            continue;
        }
        if (depth == 1 && outer_input_ && outer_input_->gzip && outer_input_->gzip->truncated()) {
            // The gzip stream ended at a cut, not at its end: what is complete is handed on,
            // the rest reported; the file is not finished.
            const std::string at = salvage_lines();
            on_skip_({where, "corrupt archive", "truncated gzip input" + at});
            return;
        }
        if (streaming_lines && member.data.find_first_not_of(" \t\r\n") == std::string::npos) continue;
        if (member.data.empty()) {
            on_skip_({where, "empty", "no data"});
            continue;
        }
        member.position = position(ReadPosition::kWholeEntry);
        dispatch(std::move(member), depth, budget);
        if (interrupted_ || raw) return;
        entry_path_.resize(static_cast<std::size_t>(depth));
    }
}

void SourceReader::dispatch(Member&& member, int depth, ArchiveBudget& budget) {
    if (!looks_like_archive(member.data)) {
        hand_on(std::move(member));
        return;
    }
    if (depth >= options_.max_depth) {
        on_skip_({member.path, "nesting too deep",
                  "archive inside " + std::to_string(depth) + " levels of archives (limit " +
                      std::to_string(options_.max_depth) + ")"});
        return;
    }
    const std::uint64_t hash = schema::stable_hash(member.data);
    if (std::find(ancestors_.begin(), ancestors_.end(), hash) != ancestors_.end()) {
        on_skip_({member.path, "nesting too deep", "the archive contains itself"});
        return;
    }
    ArchivePtr inner = new_reader();
    GuardedInput input{this, -1, member.data, 0, {}, nullptr, 0};
    enter(opening, member.path);
    const int opened = open_archive(inner.get(), input);
    leave();
    if (opened != ARCHIVE_OK) {
        if (!interrupted_) on_skip_({member.path, timed_out_ ? "timed out" : "corrupt archive", error_text(inner.get())});
        return;
    }
    ancestors_.push_back(hash);
    read_archive(inner.get(), member.path, depth + 1, budget);
    ancestors_.pop_back();
}

}  // namespace newsdex
