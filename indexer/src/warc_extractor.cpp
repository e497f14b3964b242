// WARC files (ISO 28500) as crawlers write them: "response" records whose block is an HTTP
// response. The HTTP headers are read for the charset and the transfer and content encodings
// (chunked; gzip and deflate through zlib, br through libbrotli),
// the body goes to the HTML extractor, and WARC-Target-URI and WARC-Date fill in what the page
// does not say itself. A .warc.gz is a series of gzip members, which the source reader has
// already decompressed into one stream.
#include "charset.h"
#include "text_util.h"
#include "extractor.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <charconv>
#include <map>
#include <memory>
#include <vector>

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

// HTTP/1.1 chunked transfer coding (RFC 9112 7.1): hex size line (with optional extensions),
// chunk, CRLF, ... until a zero-size chunk and optional trailer lines. False, with @p error set,
// when a size line is not hex or a chunk runs past the end of the body.
bool dechunk(std::string_view body, std::string& out, std::string& error) {
    out.clear();
    std::size_t pos = 0;
    for (;;) {
        const std::size_t eol = body.find('\n', pos);
        if (eol == std::string_view::npos) {
            // Some crawlers drop the last zero-size chunk: what was read is the whole body.
            if (!out.empty() && trim(body.substr(pos)).empty()) return true;
            if (pos == 0 && !body.empty()) {  // one line, no size: stored de-chunked (see below)
                out.assign(body);
                return true;
            }
            error = "chunked body ends without its last chunk";
            return false;
        }
        std::string_view size_line = trim(body.substr(pos, eol - pos));
        if (auto semi = size_line.find(';'); semi != std::string_view::npos) size_line = trim(size_line.substr(0, semi));
        std::size_t size = 0;
        const auto [p, ec] = std::from_chars(size_line.data(), size_line.data() + size_line.size(), size, 16);
        if (size_line.empty() || ec != std::errc() || p != size_line.data() + size_line.size()) {
            // Some tools store the body already de-chunked but keep the header: then the first
            // line is the content itself, taken as it is.
            if (pos == 0) {
                out.assign(body);
                return true;
            }
            error = "chunked body has a bad chunk size line";
            return false;
        }
        pos = eol + 1;
        if (size == 0) return true;  // trailer fields, if any, carry nothing for us
        if (size > body.size() - pos) {
            error = "chunked body is truncated inside a chunk";
            return false;
        }
        out.append(body.substr(pos, size));
        pos += size;
        if (pos < body.size() && body[pos] == '\r') ++pos;
        if (pos < body.size() && body[pos] == '\n') ++pos;
    }
}

// Inflates @p in with zlib, @p window_bits choosing the wrapper: 15 + 16 gzip (several members
// in a row are read as one stream, as gzip does), 15 zlib, -15 raw deflate. Bounded by @p limit.
bool inflate_body(std::string_view in, int window_bits, std::size_t limit, std::string& out, std::string& error) {
    out.clear();
    std::size_t pos = 0;
    while (pos < in.size()) {
        z_stream z{};
        if (inflateInit2(&z, window_bits) != Z_OK) {
            error = "zlib cannot start";
            return false;
        }
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + pos));
        z.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size() - pos, 1u << 30));
        char block[1 << 15];
        int rc = Z_OK;
        while (rc == Z_OK) {
            z.next_out = reinterpret_cast<Bytef*>(block);
            z.avail_out = sizeof block;
            rc = inflate(&z, Z_NO_FLUSH);
            const std::size_t got = sizeof block - z.avail_out;
            if (out.size() + got > limit) {
                inflateEnd(&z);
                error = "decoded body is larger than " + std::to_string(limit >> 20) + " MiB";
                return false;
            }
            out.append(block, got);
            if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // input ends before the stream does
        }
        const std::size_t used = (in.size() - pos) - z.avail_in;
        const char* msg = z.msg;
        inflateEnd(&z);
        if (rc != Z_STREAM_END) {
            error = rc == Z_BUF_ERROR ? std::string("compressed body is truncated") : std::string(msg ? msg : "bad compressed data");
            return false;
        }
        pos += used;
        // Another gzip member may follow; anything else after the stream's end is ignored.
        if (window_bits <= 15 || in.size() - pos < 2 || static_cast<unsigned char>(in[pos]) != 0x1f ||
            static_cast<unsigned char>(in[pos + 1]) != 0x8b)
            break;
    }
    return true;
}

bool brotli_body(std::string_view in, std::size_t limit, std::string& out, std::string& error) {
    out.clear();
    std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
        BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
    if (!state) {
        error = "brotli decoder cannot start";
        return false;
    }
    std::size_t avail_in = in.size();
    const auto* next_in = reinterpret_cast<const std::uint8_t*>(in.data());
    for (;;) {
        std::uint8_t block[1 << 15];
        std::size_t avail_out = sizeof block;
        std::uint8_t* next_out = block;
        const BrotliDecoderResult rc =
            BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in, &avail_out, &next_out, nullptr);
        const std::size_t got = sizeof block - avail_out;
        if (out.size() + got > limit) {
            error = "decoded body is larger than " + std::to_string(limit >> 20) + " MiB";
            return false;
        }
        out.append(reinterpret_cast<const char*>(block), got);
        if (rc == BROTLI_DECODER_RESULT_SUCCESS) return true;
        if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
        if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
            error = "compressed body is truncated";
            return false;
        }
        error = BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get()));
        return false;
    }
}

// One content coding of RFC 9110 8.4.1. "deflate" is meant to be zlib-wrapped, but servers send
// raw deflate too: the zlib header (CMF byte with method 8, header checksum) tells them apart.
bool decode_content(std::string_view coding, std::string_view in, std::size_t limit, std::string& out, std::string& error) {
    if (coding == "gzip" || coding == "x-gzip") return inflate_body(in, 15 + 16, limit, out, error);
    if (coding == "deflate") {
        const bool zlib_wrapped = in.size() >= 2 && (static_cast<unsigned char>(in[0]) & 0x0f) == 8 &&
                                  ((static_cast<unsigned char>(in[0]) << 8) | static_cast<unsigned char>(in[1])) % 31 == 0;
        if (zlib_wrapped && inflate_body(in, 15, limit, out, error)) return true;
        return inflate_body(in, -15, limit, out, error);
    }
    if (coding == "br") return brotli_body(in, limit, out, error);
    error = "unknown content coding";
    return false;
}

// Largest body a content coding may expand to: a page is never this large, a bomb is.
constexpr std::size_t kMaxDecodedBody = 64u << 20;

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
            if (ascii_lower(http["transfer-encoding"]).find("chunked") != std::string::npos) {
                std::string plain, error;
                if (!dechunk(body, plain, error)) {
                    out.problems.push_back({record_where, "corrupt member", error});
                    continue;
                }
                body = std::move(plain);
            }
            // Codings are listed in the order they were applied ("gzip, br"): undo them backwards.
            std::vector<std::string> codings;
            for (std::string_view rest = http["content-encoding"]; !rest.empty();) {
                const std::size_t comma = rest.find(',');
                const std::string coding = ascii_lower(trim(rest.substr(0, comma)));
                if (!coding.empty() && coding != "identity") codings.push_back(coding);
                rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            }
            bool decoded = true;
            for (auto it = codings.rbegin(); it != codings.rend() && decoded; ++it) {
                std::string plain, error;
                if (*it != "gzip" && *it != "x-gzip" && *it != "deflate" && *it != "br") {
                    out.problems.push_back({record_where, "unsupported format", "content coding " + *it});
                    decoded = false;
                } else if (!decode_content(*it, body, kMaxDecodedBody, plain, error)) {
                    out.problems.push_back({record_where, "corrupt member", "cannot decode the " + *it + " body: " + error});
                    decoded = false;
                } else {
                    body = std::move(plain);
                }
            }
            if (!decoded) continue;
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
