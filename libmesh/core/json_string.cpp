#include "libmesh/core/json_string.hpp"

#include <cstdint>

#include <fmt/format.h>

#include "libmesh/core/utf8.hpp"

namespace mesh::core {

namespace {

// How many bytes at text[i], where no valid UTF-8 sequence starts, Java's UTF-8 decoder replaces
// with one U+FFFD: the lead byte and the continuation bytes that could still have followed it
// (Unicode's "maximal subpart").
std::size_t maximal_subpart(std::string_view text, std::size_t i) {
    auto at = [&](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
    unsigned c = at(i);
    std::size_t expected = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
    unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80, hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    std::size_t n = 1;
    if (n < expected && at(i + 1) >= lo && at(i + 1) <= hi) ++n;
    while (n > 1 && n < expected && (at(i + n) & 0xC0u) == 0x80u) ++n;
    return n;
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
    if (sequence == "\xE2\x80\xA8")
        out += "\\u2028";
    else if (sequence == "\xE2\x80\xA9")
        out += "\\u2029";
    else
        out += sequence;
    return n;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The four hex digits at text[pos] as a number, advancing pos past them; nullopt (pos unmoved) if
// they are not there.
std::optional<std::uint32_t> read_hex4(std::string_view text, std::size_t& pos) {
    if (pos + 4 > text.size()) return std::nullopt;
    std::uint32_t value = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        int digit = hex_digit(text[pos + k]);
        if (digit < 0) return std::nullopt;
        value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    pos += 4;
    return value;
}

// Decodes the \u escape whose hex digits start at text[i] (a surrogate pair takes both escapes).
std::optional<JsonStringError> unicode_escape(std::string_view text, std::size_t& i, std::string& out) {
    auto unit = read_hex4(text, i);
    if (!unit) return JsonStringError{i, "bad \\u escape"};
    std::uint32_t code = *unit;
    if (code >= 0xD800 && code <= 0xDBFF) {
        if (i + 1 >= text.size() || text[i] != '\\' || text[i + 1] != 'u') return JsonStringError{i, "lone surrogate"};
        i += 2;
        auto low = read_hex4(text, i);
        if (!low || *low < 0xDC00 || *low > 0xDFFF) return JsonStringError{i, "bad surrogate pair"};
        code = 0x10000 + ((code - 0xD800) << 10) + (*low - 0xDC00);
    } else if (code >= 0xDC00 && code <= 0xDFFF) {
        return JsonStringError{i, "lone surrogate"};
    }
    append_utf8(out, code);
    return std::nullopt;
}

}  // namespace

std::optional<JsonStringError> json_unquote(std::string_view text, std::size_t& pos, std::string& out) {
    std::size_t i = pos + 1;  // just past the opening quote
    while (i < text.size()) {
        char c = text[i];
        if (c == '"') {
            pos = i + 1;
            return std::nullopt;
        }
        if (static_cast<unsigned char>(c) < 0x20) return JsonStringError{i, "control character in a string"};
        if (c != '\\') {
            out.push_back(c);
            ++i;
            continue;
        }
        if (++i >= text.size()) break;
        char e = text[i++];
        switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u':
            if (auto error = unicode_escape(text, i, out)) return error;
            break;
        default: return JsonStringError{i - 1, "bad escape in a string"};
        }
    }
    return JsonStringError{text.size(), "unterminated string"};
}

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
        if (mode == JsonEscape::Jackson && static_cast<unsigned char>(text[i]) >= 0x80) {
            // Java strings hold no invalid UTF-8: its decoder made each bad run one U+FFFD.
            if (std::size_t n = utf8_sequence_length(text, i)) {
                out.append(text.substr(i, n));
                i += n;
            } else {
                out += "\xEF\xBF\xBD";
                i += maximal_subpart(text, i);
            }
            continue;
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
        if (mode == JsonEscape::Jackson && c == '\b')
            out += "\\b";
        else if (mode == JsonEscape::Jackson && c == '\f')
            out += "\\f";
        else if (mode == JsonEscape::Jackson && c < 0x20)
            out += fmt::format("\\u{:04X}", c);
        else if (c < 0x20 || (mode == JsonEscape::Plain && c == 0x7F))
            out += fmt::format("\\u{:04x}", c);
        else
            out += static_cast<char>(c);
    }
    return out + "\"";
}

}  // namespace mesh::core
