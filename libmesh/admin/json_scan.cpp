#include "libmesh/admin/json_scan.hpp"

#include "libmesh/core/json_string.hpp"

namespace mesh::admin {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

class Scanner {
public:
    Scanner(std::string_view text, ScanHandler& h) : m_s(text), m_h(h) {}

    std::optional<ScanError> run() {
        // Each loop step reads one value or one closer.
        bool expect_value = true;
        skip_ws();
        while (true) {
            if (expect_value) {
                if (m_i >= m_s.size()) return fail("unexpected end of input, expected a value");
                char c = m_s[m_i];
                if (c == '{' || c == '[') {
                    ++m_i;
                    bool obj = c == '{';
                    if (!m_quiet && !(obj ? m_h.on_start_object() : m_h.on_start_array())) return refused();
                    m_stack.push_back(obj ? 'o' : 'a');
                    skip_ws();
                    if (m_i < m_s.size() && m_s[m_i] == (obj ? '}' : ']')) {
                        ++m_i;
                        if (auto e = close(obj ? 'o' : 'a')) return e;
                        expect_value = false;
                    } else if (obj) {
                        if (auto e = read_key()) return e;
                    }
                    continue;
                }
                if (auto e = read_scalar()) return e;
                value_done();
                expect_value = false;
                continue;
            }
            // After a value: a separator or a closer, or the end.
            skip_ws();
            if (m_stack.empty()) {
                if (m_i != m_s.size()) return fail("unexpected content after the JSON value");
                return std::nullopt;
            }
            if (m_i >= m_s.size()) return fail("unexpected end of input, expected ',' or a closing bracket");
            char c = m_s[m_i++];
            char top = m_stack.back();
            if (c == ',') {
                skip_ws();
                if (top == 'o') {
                    if (auto e = read_key()) return e;
                }
                expect_value = true;
                continue;
            }
            if ((top == 'o' && c == '}') || (top == 'a' && c == ']')) {
                if (auto e = close(top)) return e;
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

    // Pops the container `kind` just closed and ends it (an event, or the end of a skipped value).
    std::optional<ScanError> close(char kind) {
        m_stack.pop_back();
        if (!m_quiet && !(kind == 'o' ? m_h.on_end_object() : m_h.on_end_array())) return refused();
        value_done();
        return std::nullopt;
    }

    // A value ended: if it was the one being skipped, events resume.
    void value_done() {
        if (m_quiet && m_stack.size() == m_quiet_depth) m_quiet = false;
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
        if (m_quiet) return std::nullopt;
        if (!m_h.on_key(key)) return refused();
        if (m_h.skips_value(m_i < m_s.size() ? m_s[m_i] : '\0')) {
            m_quiet = true;
            m_quiet_depth = m_stack.size();
        }
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
        // An escape: decode the whole literal into m_buffer (rare, so reading its start again is fine).
        m_buffer.clear();
        std::size_t end = start - 1;
        if (auto error = core::json_unquote(m_s, end, m_buffer)) {
            m_i = error->offset;
            return fail(error->message);
        }
        m_i = end;
        out = m_buffer;
        return std::nullopt;
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
            return m_quiet || m_h.on_other_scalar() ? std::nullopt : refused();
        }
        if (c == 't' || c == 'f' || c == 'n') {
            if (!literal("true") && !literal("false") && !literal("null")) return fail("invalid literal");
            return m_quiet || m_h.on_other_scalar() ? std::nullopt : refused();
        }
        // number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        std::size_t start = m_i;
        if (m_s[m_i] == '-') ++m_i;
        if (m_i >= m_s.size() || m_s[m_i] < '0' || m_s[m_i] > '9') return fail("expected a value");
        if (m_s[m_i] == '0')
            ++m_i;
        else
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') ++m_i;
        if (m_i < m_s.size() && m_s[m_i] == '.') {
            ++m_i;
            if (m_i >= m_s.size() || m_s[m_i] < '0' || m_s[m_i] > '9') return fail("expected a digit after '.'");
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') ++m_i;
        }
        bool exponent = m_i < m_s.size() && (m_s[m_i] == 'e' || m_s[m_i] == 'E');
        if (exponent) {
            ++m_i;
            if (m_i < m_s.size() && (m_s[m_i] == '+' || m_s[m_i] == '-')) ++m_i;
            if (m_i >= m_s.size() || m_s[m_i] < '0' || m_s[m_i] > '9') return fail("expected a digit in the exponent");
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') ++m_i;
        }
        // A skipped number needs only the grammar above, and a range check where it could fail:
        // a double overflows or underflows only with an exponent or with 300 digits or more.
        if (m_quiet && !exponent && m_i - start < 300) return std::nullopt;
        double v = 0;
        auto [ptr, ec] = std::from_chars(m_s.data() + start, m_s.data() + m_i, v);
        if (ec == std::errc::result_out_of_range) {
            m_i = start;
            return fail("number out of range");
        }
        if (ptr != m_s.data() + m_i) return fail("bad number");
        return m_quiet || m_h.on_number(v) ? std::nullopt : refused();
    }

    std::string_view m_s;
    ScanHandler& m_h;
    std::size_t m_i = 0;
    std::string m_buffer;
    std::vector<char> m_stack;      // containers open: 'o' object, 'a' array
    bool m_quiet = false;           // skipping a value: no events
    std::size_t m_quiet_depth = 0;  // m_stack's size where the skipped value began
};

}  // namespace

std::optional<ScanError> scan_json(std::string_view text, ScanHandler& handler) { return Scanner(text, handler).run(); }

}  // namespace mesh::admin
