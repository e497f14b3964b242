// WARC files (ISO 28500) as crawlers write them: "response" records whose block is an HTTP
// response. The HTTP headers are read for the charset and the transfer and content encodings,
// the body goes to the HTML extractor, and WARC-Target-URI and WARC-Date fill in what the page
// does not say itself. A .warc.gz is a series of gzip members, which the source reader has
// already decompressed into one stream.
#include "charset.h"
#include "text_util.h"
#include "extractor.h"

#include <archive.h>

#include <cctype>
#include <charconv>
#include <map>
#include <memory>

namespace newsdex {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// Reads "Name: value" lines up to the blank line at @p pos; leaves @p pos after it. Names are
// lower-cased. False when the data ends before the blank line.
bool read_headers(std::string_view data, std::size_t& pos, std::map<std::string, std::string>& headers) {
    while (pos < data.size()) {
        std::size_t end = data.find('\n', pos);
        if (end == std::string_view::npos) return false;
        std::string_view line = trim(data.substr(pos, end - pos));
        pos = end + 1;
        if (line.empty()) return true;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;  // the status or version line
        headers[ascii_lower(trim(line.substr(0, colon)))] = std::string(trim(line.substr(colon + 1)));
    }
    return false;
}

// HTTP/1.1 chunked transfer coding: hex size line, chunk, CRLF, ... until a zero-size chunk.
std::string dechunk(std::string_view body) {
    std::string out;
    std::size_t pos = 0;
    while (pos < body.size()) {
        const std::size_t eol = body.find('\n', pos);
        if (eol == std::string_view::npos) break;
        std::string_view size_line = trim(body.substr(pos, eol - pos));
        if (auto semi = size_line.find(';'); semi != std::string_view::npos) size_line = size_line.substr(0, semi);
        std::size_t size = 0;
        const auto [p, ec] = std::from_chars(size_line.data(), size_line.data() + size_line.size(), size, 16);
        if (ec != std::errc() || size == 0) break;
        pos = eol + 1;
        out.append(body.substr(pos, std::min(size, body.size() - pos)));
        pos += size;
        while (pos < body.size() && (body[pos] == '\r' || body[pos] == '\n')) ++pos;
    }
    return out;
}

// gzip or deflate content coding, through libarchive's raw reader. Bounded by @p limit bytes.
bool decompress(std::string_view body, std::size_t limit, std::string& out) {
    std::unique_ptr<struct archive, int (*)(struct archive*)> a(archive_read_new(), archive_read_free);
    archive_read_support_filter_all(a.get());
    archive_read_support_format_raw(a.get());
    if (archive_read_open_memory(a.get(), body.data(), body.size()) != ARCHIVE_OK) return false;
    struct archive_entry* e = nullptr;
    if (archive_read_next_header(a.get(), &e) != ARCHIVE_OK) return false;
    out.clear();
    char block[1 << 15];
    for (;;) {
        const la_ssize_t n = archive_read_data(a.get(), block, sizeof block);
        if (n == 0) return true;
        if (n < 0 || out.size() + static_cast<std::size_t>(n) > limit) return false;
        out.append(block, static_cast<std::size_t>(n));
    }
}

}  // namespace

bool looks_like_warc(std::string_view data) { return data.substr(0, 6) == "WARC/1" || data.substr(0, 6) == "WARC/0"; }

Extraction extract_warc(const Member& member) {
    Extraction out;
    const std::string_view data = member.data;
    std::size_t pos = 0;
    std::size_t record_no = 0;
    while (pos < data.size()) {
        // Records are separated by CRLF CRLF; tolerate any amount of blank space.
        while (pos < data.size() && (data[pos] == '\r' || data[pos] == '\n')) ++pos;
        if (pos >= data.size()) break;
        ++record_no;
        const std::string where = member.path + "#" + std::to_string(record_no);
        if (!looks_like_warc(data.substr(pos))) {
            out.problems.push_back({where, "corrupt archive", "WARC record does not start with a WARC version line"});
            break;
        }
        std::map<std::string, std::string> warc;
        if (!read_headers(data, pos, warc)) {
            out.problems.push_back({where, "corrupt archive", "WARC record headers are truncated"});
            break;
        }
        std::size_t length = 0;
        const std::string& cl = warc["content-length"];
        if (std::from_chars(cl.data(), cl.data() + cl.size(), length).ec != std::errc()) {
            out.problems.push_back({where, "corrupt archive", "WARC record without a valid Content-Length"});
            break;
        }
        const bool truncated = length > data.size() - pos;
        const std::string_view block = data.substr(pos, std::min(length, data.size() - pos));
        pos += block.size();
        if (truncated) {
            out.problems.push_back({where, "corrupt archive", "WARC record is truncated"});
            break;
        }
        // Only captured pages are articles; requests, metadata and warcinfo are crawl bookkeeping.
        if (warc["warc-type"] != "response" && warc["warc-type"] != "resource") continue;
        // Header values are whatever bytes the crawler wrote; they become the url and origin.
        const std::string uri = repair_utf8(warc["warc-target-uri"]);
        const std::string record_where = member.path + "#" + (uri.empty() ? std::to_string(record_no) : uri);

        std::string_view payload = block;
        std::map<std::string, std::string> http;
        std::string body;
        if (warc["warc-type"] == "response" && payload.substr(0, 5) == "HTTP/") {
            std::size_t body_pos = 0;
            if (!read_headers(payload, body_pos, http)) {
                out.problems.push_back({record_where, "corrupt archive", "HTTP headers are truncated"});
                continue;
            }
            const std::string status = std::string(payload.substr(0, payload.find('\n')));
            if (status.find(" 200") == std::string::npos) continue;  // redirects, errors: no article
            body = std::string(payload.substr(body_pos));
            if (ascii_lower(http["transfer-encoding"]).find("chunked") != std::string::npos) body = dechunk(body);
            const std::string coding = ascii_lower(http["content-encoding"]);
            if (coding == "gzip" || coding == "x-gzip" || coding == "deflate" || coding == "br") {
                std::string plain;
                if (!decompress(body, 64u << 20, plain)) {
                    out.problems.push_back({record_where, "unsupported format", "cannot decode " + coding + " body"});
                    continue;
                }
                body = std::move(plain);
            }
        } else {
            body = std::string(payload);
        }
        const std::string content_type = ascii_lower(http.count("content-type") ? http["content-type"] : warc["content-type"]);
        const bool html_type = content_type.find("html") != std::string::npos;
        if (!html_type && sniff_content(body, uri) != ContentKind::html) {
            out.problems.push_back({record_where, "unsupported format", content_type.empty() ? "not HTML" : content_type});
            continue;
        }
        Article a = extract_html(body, record_where, charset_from_content_type(content_type));
        if (a.url.empty()) a.url = uri;
        if (a.published.empty()) a.published = repair_utf8(warc["warc-date"]);
        if (a.title.empty() && a.body.empty()) {
            out.problems.push_back({record_where, "empty text", "page without text"});
            continue;
        }
        out.articles.push_back(std::move(a));
    }
    return out;
}

}  // namespace newsdex
