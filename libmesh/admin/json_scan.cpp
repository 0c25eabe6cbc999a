#include "libmesh/admin/json_scan.hpp"

#include <cstdint>

namespace mesh::admin {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

class Scanner {
public:
    Scanner(std::string_view text, ScanHandler& h) : m_s(text), m_h(h) {}

    std::optional<ScanError> run() {
        // Containers open: 'o' object, 'a' array. Each loop step reads one value or one closer.
        std::vector<char> stack;
        bool expect_value = true;
        skip_ws();
        while (true) {
            if (expect_value) {
                if (m_i >= m_s.size()) return fail("unexpected end of input, expected a value");
                char c = m_s[m_i];
                if (c == '{' || c == '[') {
                    ++m_i;
                    bool obj = c == '{';
                    if (!(obj ? m_h.on_start_object() : m_h.on_start_array())) return refused();
                    stack.push_back(obj ? 'o' : 'a');
                    skip_ws();
                    if (m_i < m_s.size() && m_s[m_i] == (obj ? '}' : ']')) {
                        ++m_i;
                        stack.pop_back();
                        if (!(obj ? m_h.on_end_object() : m_h.on_end_array())) return refused();
                        expect_value = false;
                    } else if (obj) {
                        if (auto e = read_key()) return e;
                    }
                    continue;
                }
                if (auto e = read_scalar()) return e;
                expect_value = false;
                continue;
            }
            // After a value: a separator or a closer, or the end.
            skip_ws();
            if (stack.empty()) {
                if (m_i != m_s.size()) return fail("unexpected content after the JSON value");
                return std::nullopt;
            }
            if (m_i >= m_s.size()) return fail("unexpected end of input, expected ',' or a closing bracket");
            char c = m_s[m_i++];
            char top = stack.back();
            if (c == ',') {
                skip_ws();
                if (top == 'o') {
                    if (auto e = read_key()) return e;
                }
                expect_value = true;
                continue;
            }
            if ((top == 'o' && c == '}') || (top == 'a' && c == ']')) {
                stack.pop_back();
                if (!(top == 'o' ? m_h.on_end_object() : m_h.on_end_array())) return refused();
                continue;
            }
            --m_i;
            return fail(top == 'o' ? "expected ',' or '}'" : "expected ',' or ']'");
        }
    }

private:
    std::optional<ScanError> fail(std::string message) { return ScanError{m_i, std::move(message), false}; }
    std::optional<ScanError> refused() { return ScanError{m_i, {}, true}; }

    void skip_ws() {
        while (m_i < m_s.size() && is_ws(m_s[m_i])) ++m_i;
    }

    // Reads `"key" :` and leaves the scanner before the value.
    std::optional<ScanError> read_key() {
        if (m_i >= m_s.size() || m_s[m_i] != '"') return fail("expected a string key");
        std::string_view key;
        if (auto e = read_string(key)) return e;
        skip_ws();
        if (m_i >= m_s.size() || m_s[m_i] != ':') return fail("expected ':' after a key");
        ++m_i;
        skip_ws();
        if (!m_h.on_key(key)) return refused();
        return std::nullopt;
    }

    // Reads a string at m_i (on its opening quote); `out` views the text or m_buffer.
    std::optional<ScanError> read_string(std::string_view& out) {
        std::size_t start = ++m_i;
        while (m_i < m_s.size()) {
            char c = m_s[m_i];
            if (c == '"') {
                out = m_s.substr(start, m_i - start);
                ++m_i;
                return std::nullopt;
            }
            if (c == '\\') break;
            if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
            ++m_i;
        }
        m_buffer.assign(m_s.substr(start, m_i - start));
        while (m_i < m_s.size()) {
            char c = m_s[m_i];
            if (c == '"') {
                ++m_i;
                out = m_buffer;
                return std::nullopt;
            }
            if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
            if (c != '\\') {
                m_buffer.push_back(c);
                ++m_i;
                continue;
            }
            if (++m_i >= m_s.size()) break;
            char e = m_s[m_i++];
            switch (e) {
            case '"': m_buffer.push_back('"'); break;
            case '\\': m_buffer.push_back('\\'); break;
            case '/': m_buffer.push_back('/'); break;
            case 'b': m_buffer.push_back('\b'); break;
            case 'f': m_buffer.push_back('\f'); break;
            case 'n': m_buffer.push_back('\n'); break;
            case 'r': m_buffer.push_back('\r'); break;
            case 't': m_buffer.push_back('\t'); break;
            case 'u': {
                auto cp = read_hex4();
                if (!cp) return fail("bad \\u escape");
                std::uint32_t code = *cp;
                if (code >= 0xD800 && code <= 0xDBFF) {
                    if (m_i + 1 >= m_s.size() || m_s[m_i] != '\\' || m_s[m_i + 1] != 'u') return fail("lone surrogate");
                    m_i += 2;
                    auto low = read_hex4();
                    if (!low || *low < 0xDC00 || *low > 0xDFFF) return fail("bad surrogate pair");
                    code = 0x10000 + ((code - 0xD800) << 10) + (*low - 0xDC00);
                } else if (code >= 0xDC00 && code <= 0xDFFF) {
                    return fail("lone surrogate");
                }
                append_utf8(m_buffer, code);
                break;
            }
            default: --m_i; return fail("bad escape in a string");
            }
        }
        return fail("unterminated string");
    }

    std::optional<std::uint32_t> read_hex4() {
        if (m_i + 4 > m_s.size()) return std::nullopt;
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            int h = hex(m_s[m_i + k]);
            if (h < 0) return std::nullopt;
            v = v * 16 + static_cast<std::uint32_t>(h);
        }
        m_i += 4;
        return v;
    }

    bool literal(std::string_view word) {
        if (m_s.substr(m_i, word.size()) != word) return false;
        m_i += word.size();
        return true;
    }

    std::optional<ScanError> read_scalar() {
        char c = m_s[m_i];
        if (c == '"') {
            std::string_view ignored;
            if (auto e = read_string(ignored)) return e;
            return m_h.on_other_scalar() ? std::nullopt : refused();
        }
        if (c == 't' || c == 'f' || c == 'n') {
            if (!literal("true") && !literal("false") && !literal("null")) return fail("invalid literal");
            return m_h.on_other_scalar() ? std::nullopt : refused();
        }
        // number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        std::size_t start = m_i;
        if (m_s[m_i] == '-') ++m_i;
        if (m_i >= m_s.size() || m_s[m_i] < '0' || m_s[m_i] > '9') return fail("expected a value");
        if (m_s[m_i] == '0') ++m_i;
        else while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') ++m_i;
        if (m_i < m_s.size() && m_s[m_i] == '.') {
            ++m_i;
            if (m_i >= m_s.size() || m_s[m_i] < '0' || m_s[m_i] > '9') return fail("expected a digit after '.'");
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') ++m_i;
        }
        if (m_i < m_s.size() && (m_s[m_i] == 'e' || m_s[m_i] == 'E')) {
            ++m_i;
            if (m_i < m_s.size() && (m_s[m_i] == '+' || m_s[m_i] == '-')) ++m_i;
            if (m_i >= m_s.size() || m_s[m_i] < '0' || m_s[m_i] > '9') return fail("expected a digit in the exponent");
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') ++m_i;
        }
        double v = 0;
        auto [ptr, ec] = std::from_chars(m_s.data() + start, m_s.data() + m_i, v);
        if (ec == std::errc::result_out_of_range) {
            m_i = start;
            return fail("number out of range");
        }
        if (ptr != m_s.data() + m_i) return fail("bad number");
        return m_h.on_number(v) ? std::nullopt : refused();
    }

    std::string_view m_s;
    ScanHandler& m_h;
    std::size_t m_i = 0;
    std::string m_buffer;
};

}  // namespace

std::optional<ScanError> scan_json(std::string_view text, ScanHandler& handler) { return Scanner(text, handler).run(); }

}  // namespace mesh::admin
