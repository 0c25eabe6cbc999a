#include "libmesh/webhook/json_scanner.hpp"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "libmesh/core/json_scalars.hpp"
#include "libmesh/core/utf8.hpp"

namespace mesh::webhook {

using manifest::NodeKind;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Plain bytes of a string: everything but the quote, the backslash, control characters and
// the bytes of multi-byte UTF-8 sequences.
bool is_plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

}  // namespace

JsonScanner::JsonScanner(std::string_view text, std::size_t max_depth) : m_text(text), m_max_depth(max_depth) {}

void JsonScanner::fail(std::string message) const { fail_at(m_pos, std::move(message)); }

void JsonScanner::fail_at(std::size_t offset, std::string message) const {
    throw JsonScanError{JsonScanError::Kind::Syntax, offset, std::move(message)};
}

char JsonScanner::next() {
    if (m_pos == 0 && m_text.substr(0, 3) == "\xEF\xBB\xBF") m_pos = 3;
    while (m_pos < m_text.size()) {
        char c = m_text[m_pos];
        if (c == ' ' || c == '\t') {
            ++m_pos;
        } else if (c == '\n' || c == '\r') {
            ++m_pos;
            if (c == '\r' && m_pos < m_text.size() && m_text[m_pos] == '\n') ++m_pos;
            ++m_line;
            m_line_start = m_pos;
        } else {
            return c;
        }
    }
    return '\0';
}

void JsonScanner::expect(char c) {
    if (next() != c) fail(fmt::format("expected '{}'", c));
    ++m_pos;
}

bool JsonScanner::more(char close) {
    char c = next();
    ++m_pos;
    if (c == ',') return true;
    if (c == close) return false;
    fail_at(m_pos - 1, fmt::format("expected ',' or '{}'", close));
}

void JsonScanner::enter() {
    if (++m_depth > m_max_depth)
        throw JsonScanError{JsonScanError::Kind::TooDeep, m_pos,
                            fmt::format("nesting deeper than {} levels", m_max_depth)};
    ++m_pos;
}

std::size_t JsonScanner::string_end(bool& escaped) {
    escaped = false;
    std::size_t i = m_pos + 1, n = m_text.size();
    const char* data = m_text.data();
    while (true) {
        while (i < n && is_plain(static_cast<unsigned char>(data[i]))) ++i;
        if (i >= n) fail_at(m_pos, "unterminated string");
        unsigned char c = static_cast<unsigned char>(data[i]);
        if (c == '"') return i;
        if (c < 0x20) fail_at(i, fmt::format("control character U+{:04X} in a string must be escaped", c));
        if (c >= 0x80) {
            std::size_t length = core::utf8_sequence_length(m_text, i);
            if (length == 0) fail_at(i, "ill-formed UTF-8 in a string");
            i += length;
            continue;
        }
        // A backslash.
        escaped = true;
        char e = i + 1 < n ? data[i + 1] : '\0';
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            i += 2;
            continue;
        }
        if (e != 'u') fail_at(i, "invalid escape in a string");
        auto code_at = [&](std::size_t at) -> int {
            if (at + 6 > n || data[at] != '\\' || data[at + 1] != 'u') return -1;
            int value = 0;
            for (std::size_t k = at + 2; k < at + 6; ++k) {
                int h = hex_value(data[k]);
                if (h < 0) return -1;
                value = value * 16 + h;
            }
            return value;
        };
        int code = code_at(i);
        if (code < 0) fail_at(i, "'\\u' must be followed by 4 hex digits");
        if (code >= 0xDC00 && code <= 0xDFFF) fail_at(i, "a low surrogate ('\\uDC00' to '\\uDFFF') without a high one");
        if (code >= 0xD800 && code <= 0xDBFF) {
            int low = code_at(i + 6);
            if (low < 0xDC00 || low > 0xDFFF) fail_at(i, "a high surrogate must be followed by a low one");
            i += 12;
        } else {
            i += 6;
        }
    }
}

void JsonScanner::string(std::string& out) {
    bool escaped = false;
    std::size_t end = string_end(escaped);
    std::size_t begin = m_pos + 1;
    m_pos = end + 1;
    if (!escaped) {
        out.assign(m_text.data() + begin, end - begin);
        return;
    }
    out.clear();
    out.reserve(end - begin);
    const char* data = m_text.data();
    for (std::size_t i = begin; i < end;) {
        if (data[i] != '\\') {
            std::size_t run = i;
            while (run < end && data[run] != '\\') ++run;
            out.append(data + i, run - i);
            i = run;
            continue;
        }
        char e = data[i + 1];
        switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': break;
        default: out += e; break;
        }
        if (e != 'u') {
            i += 2;
            continue;
        }
        auto code_at = [&](std::size_t at) {
            std::uint32_t value = 0;
            for (std::size_t k = at + 2; k < at + 6; ++k)
                value = value * 16 + static_cast<std::uint32_t>(hex_value(data[k]));
            return value;
        };
        std::uint32_t code = code_at(i);
        if (code >= 0xD800 && code <= 0xDBFF) {
            code = 0x10000 + ((code - 0xD800) << 10) + (code_at(i + 6) - 0xDC00);
            i += 12;
        } else {
            i += 6;
        }
        core::append_utf8(out, code);
    }
}

void JsonScanner::skip_string() {
    bool escaped = false;
    m_pos = string_end(escaped) + 1;
}

std::string_view JsonScanner::word() {
    std::size_t start = m_pos, n = m_text.size();
    const char* data = m_text.data();
    char c = start < n ? data[start] : '\0';
    if (c == 't' || c == 'f' || c == 'n') {
        std::size_t size = core::json_literal(data + start, data + n);
        if (size == 0) fail("invalid literal");
        m_pos += size;
        return m_text.substr(start, size);
    }
    std::size_t i = start;
    if (i < n && data[i] == '-') ++i;
    if (i >= n || !is_digit(data[i])) fail(c == '\0' ? "a value is missing" : "unexpected character");
    core::JsonNumber number = core::json_number(data + start, data + n);
    m_pos = static_cast<std::size_t>(number.end - data);
    if (number.error) fail(number.error);
    std::string_view written = m_text.substr(start, m_pos - start);
    // nlohmann::json refuses a number a double cannot hold (it reads every number as one when it
    // does not fit 64 bits); only a large exponent or very many digits come near.
    if (core::may_be_out_of_range(data + start, number)) {
        double value = std::strtod(std::string(written).c_str(), nullptr);
        if (!std::isfinite(value)) fail_at(start, "number overflow");
    }
    return written;
}

void JsonScanner::skip_value() {
    char c = next();
    if (c == '"') {
        skip_string();
    } else if (c == '{') {
        enter();
        if (next() == '}') {
            ++m_pos;
        } else {
            do {
                if (next() != '"') fail("expected a key");
                skip_string();
                expect(':');
                skip_value();
            } while (more('}'));
        }
        leave();
    } else if (c == '[') {
        enter();
        if (next() == ']') {
            ++m_pos;
        } else {
            do skip_value();
            while (more(']'));
        }
        leave();
    } else {
        word();
    }
}

void JsonScanner::finish() {
    if (next() != '\0' || m_pos != m_text.size()) fail("unexpected bytes after the value");
}

JsonTreeFeed::JsonTreeFeed(JsonScanner& scanner, manifest::YamlTree& tree, const core::Limits& limits, std::size_t base,
                           int base_line)
    : m_scanner(scanner), m_builder(tree, limits, manifest::DuplicateKeys::LastWins), m_base(base),
      m_base_line(base_line) {}

// Columns count bytes, as the YAML reader's do.
manifest::NodeStart JsonTreeFeed::at(std::size_t offset, std::string_view tag) const {
    int line = m_scanner.line() - m_base_line;
    std::size_t column = line == 0 ? offset - m_base : offset - m_scanner.line_start();
    return manifest::NodeStart{offset - m_base, line, static_cast<int>(column), tag, {}};
}

void JsonTreeFeed::open(NodeKind kind) {
    if (!m_failed) built(m_builder.open(kind, at(m_scanner.pos(), "?"), true));
    m_scanner.enter();
}

void JsonTreeFeed::close() {
    m_scanner.leave();
    if (!m_failed) built(m_builder.close());
}

void JsonTreeFeed::quoted(std::size_t start, std::string value) {
    if (!m_failed) built(m_builder.scalar(at(start, "!"), std::move(value), false));
}

void JsonTreeFeed::key() {
    std::size_t start = m_scanner.pos();
    if (m_failed) return m_scanner.skip_string();
    std::string text;
    m_scanner.string(text);
    built(m_builder.scalar(at(start, "!"), std::move(text), false));
}

void JsonTreeFeed::value() {
    char c = m_scanner.next();
    std::size_t start = m_scanner.pos();
    if (c == '{') {
        open(NodeKind::Map);
        if (m_scanner.next() == '}') {
            m_scanner.advance();
        } else {
            do {
                if (m_scanner.next() != '"') m_scanner.fail("expected a key");
                key();
                m_scanner.expect(':');
                value();
            } while (m_scanner.more('}'));
        }
        close();
    } else if (c == '[') {
        open(NodeKind::Sequence);
        if (m_scanner.next() == ']') {
            m_scanner.advance();
        } else {
            do value();
            while (m_scanner.more(']'));
        }
        close();
    } else if (c == '"') {
        if (m_failed) return m_scanner.skip_string();
        std::string text;
        m_scanner.string(text);
        built(m_builder.scalar(at(start, "!"), std::move(text), false));
    } else {
        std::string_view word = m_scanner.word();
        if (!m_failed) built(m_builder.scalar(at(start, "?"), std::string(word), true));
    }
}

void JsonTreeFeed::finish() { m_builder.finish(); }

}  // namespace mesh::webhook
