#include "libmesh/manifest/safety_scan.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "libmesh/core/text_position.hpp"

namespace mesh::manifest {

namespace {
// Flow entries cost yaml-cpp about 230 bytes each while it buffers tokens; 250k keeps a
// document under ~60 MiB of parser memory.
constexpr std::size_t k_max_flow_entries = 250000;
}  // namespace

static core::Error error_at(std::string_view stream, std::size_t offset, const std::string& file,
                            std::string message) {
    return core::error_at_offset(core::ErrorCode::Input, std::move(message), stream, offset, file);
}

// Length of the UTF-8 sequence at s[i], or 0 when it is invalid.
static std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr std::uint32_t k_min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < k_min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

core::Result<void> check_document_bytes(std::string_view stream, std::size_t begin, std::size_t end,
                                        const std::string& file, const core::Limits& limits) {
    std::size_t depth = 0;
    std::size_t flow_entries = 0;
    char quote = 0;        // the quote we are inside, if any
    bool comment = false;  // inside a comment until the end of the line
    bool content = false;  // the document has begun and no `...` has ended it
    char previous = '\n';
    for (std::size_t i = begin; i < end;) {
        unsigned char c = static_cast<unsigned char>(stream[i]);
        if (c >= 0x80) {
            std::size_t n = utf8_length(stream, i);
            if (n == 0) return tl::unexpected(error_at(stream, i, file, "invalid UTF-8 (binary input?)"));
            i += n;
            previous = 'x';
            continue;
        }
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            return tl::unexpected(error_at(stream, i, file,
                                           fmt::format("control character 0x{:02X} is not allowed (binary input?)", c)));
        if (c == '\n') {
            comment = false;
        } else if (comment) {
        } else if (quote) {
            if (quote == '"' && c == '\\') ++i;
            else if (c == static_cast<unsigned char>(quote)) quote = 0;
        } else {
            bool token_start = previous == ' ' || previous == '\t' || previous == '\n' || previous == '\r' ||
                               previous == '[' || previous == '{' || previous == ',' || previous == ':' ||
                               previous == '-';
            bool line_start = previous == '\n';
            if (line_start && c == '%') {
                // yaml-cpp and libfyaml skip such a line and end the document there, libyaml (so
                // Kubernetes) rejects it, and anything added after it would start a new document.
                if (content)
                    return tl::unexpected(error_at(
                        stream, i, file, "a '%' directive inside a document (directives only come before '---')"));
                comment = true;  // a directive line: nothing on it is content or flow syntax
                previous = static_cast<char>(c);
                ++i;
                continue;
            }
            if (line_start && stream.substr(i, 3) == "..." &&
                (i + 3 >= end || stream[i + 3] == ' ' || stream[i + 3] == '\t' || stream[i + 3] == '\n' ||
                 stream[i + 3] == '\r')) {
                content = false;  // the document's end: directives for the next one may follow
                previous = '.';
                i += 3;
                continue;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '#') content = true;
            if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) comment = true;
            else if ((c == '"' || c == '\'') && token_start) quote = static_cast<char>(c);
            else if (c == '[' || c == '{') {
                if (++depth > limits.max_depth)
                    return tl::unexpected(error_at(stream, i, file,
                                                   fmt::format("nesting deeper than {} levels", limits.max_depth)));
            } else if ((c == ']' || c == '}') && depth > 0) {
                --depth;
            } else if (c == ',' && depth > 0 && ++flow_entries > k_max_flow_entries) {
                return tl::unexpected(error_at(stream, i, file,
                                               fmt::format("more than {} flow-collection entries in one document",
                                                           k_max_flow_entries)));
            }
        }
        previous = static_cast<char>(c);
        ++i;
    }
    return {};
}

namespace {

// Validates without building anything; remembers where the first error is.
class JsonValidator final : public nlohmann::json_sax<nlohmann::json> {
public:
    std::size_t error_offset = 0;
    std::string error;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
        error_offset = position == 0 ? 0 : position - 1;
        std::string what = e.what();
        auto bracket = what.find("] ");
        error = bracket == std::string::npos ? what : what.substr(bracket + 2);
        if (error.rfind("parse error at line", 0) == 0) error = error.substr(error.find(": ") + 2);  // ours is better
        return false;
    }
};

}  // namespace

core::Result<void> check_json_value(std::string_view stream, std::size_t begin, std::size_t end,
                                    const std::string& file) {
    JsonValidator validator;
    std::string_view text = stream.substr(begin, end - begin);
    if (nlohmann::json::sax_parse(text.begin(), text.end(), &validator)) return {};
    return tl::unexpected(error_at(stream, begin + std::min(validator.error_offset, text.size()), file,
                                   "not valid JSON: " + validator.error));
}

}  // namespace mesh::manifest
