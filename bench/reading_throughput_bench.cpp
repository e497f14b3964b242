// Reading throughput: archive -> extracted article text, no indexing. Builds, in a temp dir, a
// tar.gz of JSON articles (one file per record of the shared news corpus) and a zip of HTML pages
// (the shared real news pages, repeated), then reads each archive through SourceReader and the
// format extractors and reports MB/s of uncompressed member bytes.
//
// Usage: reading_throughput_bench [<shared-dir>] [--json-mb N] [--smoke] [--archive PATH]...
//   --archive PATH: only read PATH (any source newsdex reads), e.g. to measure memory on a big dump.
//   <shared-dir> defaults to the path compiled in (the repository's ../shared).
//   --smoke: tiny synthetic archives only (used by ctest to check the program runs).
#include "archive_fixture.h"
#include "extractor.h"
#include "source_reader.h"

#include <archive.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace newsdex;
using namespace newsdex::testing;

namespace {

// Lines of a .jsonl.gz, read through libarchive's raw reader.
void for_each_line(const fs::path& gz, const std::function<bool(std::string&&)>& take) {
    std::unique_ptr<struct archive, int (*)(struct archive*)> a(archive_read_new(), archive_read_free);
    archive_read_support_filter_all(a.get());
    archive_read_support_format_raw(a.get());
    if (archive_read_open_filename(a.get(), gz.c_str(), 1 << 16) != ARCHIVE_OK) return;
    struct archive_entry* e = nullptr;
    if (archive_read_next_header(a.get(), &e) != ARCHIVE_OK) return;
    std::string pending;
    char block[1 << 16];
    for (;;) {
        const la_ssize_t n = archive_read_data(a.get(), block, sizeof block);
        if (n <= 0) break;
        pending.append(block, static_cast<std::size_t>(n));
        std::size_t start = 0, nl;
        while ((nl = pending.find('\n', start)) != std::string::npos) {
            if (!take(pending.substr(start, nl - start))) return;
            start = nl + 1;
        }
        pending.erase(0, start);
    }
}

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Result {
    std::uint64_t bytes = 0;
    std::size_t members = 0, articles = 0, body_bytes = 0, skipped = 0;
    double seconds = 0;
};

// @p extract false: members are only decompressed, to show how the time splits.
Result read_archive(const std::string& path, bool extract = true) {
    Result r;
    IndexOptions options;
    const auto start = std::chrono::steady_clock::now();
    SourceReader reader(
        options,
        [&](Member&& m) {
            ++r.members;
            r.bytes += m.data.size();
            if (!extract) return;
            const Extraction ex = extract_articles(m);
            r.articles += ex.articles.size();
            for (const auto& a : ex.articles) r.body_bytes += a.body.size();
            r.skipped += ex.problems.size();
        },
        [&](Skipped&&) { ++r.skipped; });
    reader.read(path);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

void report(const char* label, const std::string& path, const Result& r) {
    std::printf("%-22s %8.1f MB in %6zu members -> %6zu articles (%zu skipped), archive %.1f MB: %7.1f MB/s\n", label,
                static_cast<double>(r.bytes) / 1e6, r.members, r.articles, r.skipped,
                static_cast<double>(fs::file_size(path)) / 1e6, static_cast<double>(r.bytes) / 1e6 / r.seconds);
}

}  // namespace

int main(int argc, char** argv) {
    fs::path shared = NEWSDEX_SHARED_DIR;
    double json_mb = 100;
    bool smoke = false;
    std::vector<std::string> given;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--smoke") smoke = true;
        else if (arg == "--json-mb" && i + 1 < argc) json_mb = std::atof(argv[++i]);
        else if (arg == "--archive" && i + 1 < argc) given.emplace_back(argv[++i]);
        else shared = arg;
    }
    // Archives given by the caller (a 1 GB dump, say) are only read, under /usr/bin/time for memory.
    if (!given.empty()) {
        for (const auto& path : given) report(path.c_str(), path, read_archive(path));
        return 0;
    }
    const fs::path tmp = fs::temp_directory_path() / ("newsdex-throughput-" + std::to_string(::getpid()));
    fs::create_directories(tmp);

    std::vector<FixtureFile> json_files, html_files;
    if (smoke) {
        for (int i = 0; i < 50; ++i) {
            json_files.push_back({"j" + std::to_string(i) + ".json",
                                  "{\"title\": \"T" + std::to_string(i) + "\", \"body\": \"" + std::string(2000, 'w') + "\"}"});
            html_files.push_back({"h" + std::to_string(i) + ".html",
                                  "<html><body><article><p>" + std::string(2000, 'w') + ".</p></article></body></html>"});
        }
    } else {
        if (!fs::exists(shared / "corpora/news")) {
            std::cerr << "no corpora under " << shared << "; pass the shared directory\n";
            return 2;
        }
        // Up to a quarter of the requested size from each language file.
        const std::size_t quota = static_cast<std::size_t>(json_mb * 1e6 / 4);
        for (const char* lang : {"uk", "ru", "en", "uk-extra"}) {
            std::size_t n = 0, taken = 0;
            for_each_line(shared / "corpora/news" / (std::string(lang) + ".jsonl.gz"), [&](std::string&& line) {
                taken += line.size();
                json_files.push_back({std::string(lang) + "/" + std::to_string(++n) + ".json", std::move(line)});
                return taken < quota;
            });
        }
        std::vector<fs::path> pages;
        for (const auto& e : fs::directory_iterator(shared / "corpora/html/readability"))
            if (e.path().extension() == ".html" && e.path().string().find(".expected.") == std::string::npos)
                pages.push_back(e.path());
        std::sort(pages.begin(), pages.end());
        for (int copy = 0; copy < 3; ++copy)
            for (const auto& p : pages)
                html_files.push_back({std::to_string(copy) + "/" + p.filename().string(), read_all(p)});
    }
    const std::string json_archive = (tmp / "news-json.tar.gz").string();
    const std::string html_archive = (tmp / "news-html.zip").string();
    write_archive(json_archive, {"tar.gz", "pax", Filter::gzip}, json_files);
    write_archive(html_archive, {"zip", "zip"}, html_files);
    json_files.clear();
    html_files.clear();

    const Result json = read_archive(json_archive);
    report("tar.gz of JSON", json_archive, json);
    report("  (decompress only)", json_archive, read_archive(json_archive, false));
    const Result html = read_archive(html_archive);
    report("zip of HTML", html_archive, html);
    report("  (decompress only)", html_archive, read_archive(html_archive, false));
    fs::remove_all(tmp);
    return json.articles > 0 && html.articles > 0 ? 0 : 1;
}
