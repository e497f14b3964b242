// Writes archives of every shape newsdex reads, with libarchive's writer, for tests and benchmarks.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace newsdex::testing {

struct FixtureFile {
    std::string name;
    std::string data;
};

enum class Filter { none, gzip, bzip2, xz, zstd, lz4 };

struct Shape {
    const char* label;   // for messages and file names
    const char* format;  // libarchive format name: "ustar", "pax", "gnutar", "zip", "7zip", "cpio", "raw"
    Filter filter = Filter::none;
    const char* options = nullptr;    // archive_write_set_options string
    const char* passphrase = nullptr;  // encrypts members when the format can
};

/// Writes @p files into an archive of @p shape at @p path; throws on any libarchive error.
inline void write_archive(const std::string& path, const Shape& shape, const std::vector<FixtureFile>& files) {
    struct archive* a = archive_write_new();
    auto check = [&](int r, const char* what) {
        if (r < ARCHIVE_WARN) {
            std::string msg = std::string(what) + " (" + shape.label + "): " +
                              (archive_error_string(a) ? archive_error_string(a) : "?");
            archive_write_free(a);
            throw std::runtime_error(msg);
        }
    };
    check(archive_write_set_format_by_name(a, shape.format), "format");
    switch (shape.filter) {
    case Filter::none: break;
    case Filter::gzip: check(archive_write_add_filter_gzip(a), "gzip"); break;
    case Filter::bzip2: check(archive_write_add_filter_bzip2(a), "bzip2"); break;
    case Filter::xz: check(archive_write_add_filter_xz(a), "xz"); break;
    case Filter::zstd: check(archive_write_add_filter_zstd(a), "zstd"); break;
    case Filter::lz4: check(archive_write_add_filter_lz4(a), "lz4"); break;
    }
    if (shape.options) check(archive_write_set_options(a, shape.options), "options");
    if (shape.passphrase) check(archive_write_set_passphrase(a, shape.passphrase), "passphrase");
    check(archive_write_open_filename(a, path.c_str()), "open");
    for (const auto& f : files) {
        struct archive_entry* e = archive_entry_new();
        archive_entry_copy_pathname(e, f.name.c_str());
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, static_cast<la_int64_t>(f.data.size()));
        archive_entry_set_mtime(e, 1700000000, 0);
        const int r = archive_write_header(a, e);
        archive_entry_free(e);
        check(r, "header");
        if (!f.data.empty())
            check(static_cast<int>(archive_write_data(a, f.data.data(), f.data.size()) < 0 ? ARCHIVE_FATAL : ARCHIVE_OK),
                  "data");
    }
    check(archive_write_close(a), "close");
    archive_write_free(a);
}

}  // namespace newsdex::testing
