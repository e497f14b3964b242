#include "corpus_reader.h"

#include <archive.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <stdexcept>

namespace newsdex::bench {
namespace {

std::string decompress(const std::string& path) {
    std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
    archive_read_support_filter_all(a.get());
    archive_read_support_format_raw(a.get());
    if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
        throw std::runtime_error("cannot open " + path + ": " + archive_error_string(a.get()));
    archive_entry* entry = nullptr;
    if (archive_read_next_header(a.get(), &entry) != ARCHIVE_OK)
        throw std::runtime_error("cannot read " + path + ": " + archive_error_string(a.get()));
    std::string data;
    char buf[1 << 16];
    for (la_ssize_t n; (n = archive_read_data(a.get(), buf, sizeof buf)) > 0;) data.append(buf, static_cast<std::size_t>(n));
    return data;
}

}  // namespace

std::vector<Article> read_jsonl(const std::string& path, std::size_t max_bytes) {
    const std::string data = decompress(path);
    std::vector<Article> out;
    std::size_t total = 0;
    for (std::size_t pos = 0; pos < data.size() && total < max_bytes;) {
        std::size_t nl = data.find('\n', pos);
        if (nl == std::string::npos) nl = data.size();
        if (nl > pos) {
            const auto j = nlohmann::json::parse(data.begin() + static_cast<std::ptrdiff_t>(pos),
                                                 data.begin() + static_cast<std::ptrdiff_t>(nl));
            Article a;
            a.id = j.value("id", "");
            a.title = j.value("title", "");
            a.body = j.value("body", "");
            a.lang = j.value("lang", "");
            a.source = j.value("source", "");
            total += a.title.size() + a.body.size();
            out.push_back(std::move(a));
        }
        pos = nl + 1;
    }
    return out;
}

}  // namespace newsdex::bench
