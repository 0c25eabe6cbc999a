#include "libmesh/core/json_string.hpp"

#include <fmt/format.h>

namespace mesh::core {

namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when the bytes there are not one
// (Go's utf8.DecodeRuneInString rules: no overlongs, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    auto at = [&](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
    auto continuation = [&](std::size_t k) { return (at(k) & 0xC0u) == 0x80u; };
    unsigned c = at(i);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return continuation(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return at(i + 1) >= lo && at(i + 1) <= hi && continuation(i + 2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return at(i + 1) >= lo && at(i + 1) <= hi && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    }
    return 0;
}

// Appends the Go-only escapes for the byte(s) at text[i]; returns how many bytes it consumed,
// 0 when the byte is an ordinary one for the common path.
std::size_t append_go_special(std::string_view text, std::size_t i, std::string& out) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '<' || c == '>' || c == '&') {
        out += fmt::format("\\u00{:02x}", c);
        return 1;
    }
    if (c < 0x80) return 0;
    std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
        out += "\\ufffd";
        return 1;
    }
    std::string_view sequence = text.substr(i, n);
    if (sequence == "\xE2\x80\xA8") out += "\\u2028";
    else if (sequence == "\xE2\x80\xA9") out += "\\u2029";
    else out += sequence;
    return n;
}

}  // namespace

std::string json_quote(std::string_view text, JsonEscape mode) {
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (std::size_t i = 0; i < text.size();) {
        if (mode == JsonEscape::GoMarshal) {
            if (std::size_t used = append_go_special(text, i, out)) {
                i += used;
                continue;
            }
        }
        auto c = static_cast<unsigned char>(text[i++]);
        switch (c) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        default: break;
        }
        if (mode == JsonEscape::Jackson && c == '\b') out += "\\b";
        else if (mode == JsonEscape::Jackson && c == '\f') out += "\\f";
        else if (mode == JsonEscape::Jackson && c < 0x20) out += fmt::format("\\u{:04X}", c);
        else if (c < 0x20 || (mode == JsonEscape::Plain && c == 0x7F)) out += fmt::format("\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
    return out + "\"";
}

}  // namespace mesh::core
