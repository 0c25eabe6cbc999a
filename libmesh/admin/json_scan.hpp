#pragma once
// A small, strict, non-recursive JSON event scanner for large metrics documents. nlohmann's lexer
// was most of `mesh status`'s CPU time on 1,000 proxies; this one reads in place, allocates only
// for strings that contain escapes, and lets the handler skip values it does not read (four
// fifths of the bytes of a Linkerd metrics tree, for `mesh status`: see json_skip.hpp). It is a
// template over the handler, so that a handler's events can be inlined (a metrics tree has about
// one event every ten bytes).

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "libmesh/admin/json_skip.hpp"
#include "libmesh/core/json_scalars.hpp"
#include "libmesh/core/json_string.hpp"

namespace mesh::admin {

/// Where and why scanning stopped.
struct ScanError {
    std::size_t offset = 0;
    std::string message;
    bool from_handler = false;  ///< the handler refused (its own limit), not a syntax error
};

/// Events of a JSON text; each returns false to stop. A handler need not derive from this: any
/// class with these member functions will do (scan_json is a template).
class ScanHandler {
public:
    virtual ~ScanHandler() = default;
    virtual bool on_start_object() = 0;
    virtual bool on_end_object() = 0;
    virtual bool on_start_array() = 0;
    virtual bool on_end_array() = 0;
    /// `key` is valid until the scanner reads the next string.
    virtual bool on_key(std::string_view key) = 0;
    virtual bool on_number(double value) = 0;
    virtual bool on_other_scalar() = 0;  ///< a string, true, false or null value
    /// Asked after each on_key with the first byte of its value: true skips that value, which is
    /// then checked for syntax but gives no events (so it costs no handler work, and nothing of
    /// it counts against the handler's limits).
    virtual bool skips_value(char /*first*/) { return false; }
};

/// A handler that takes every event and skips nothing: scan_json with it checks syntax alone.
struct SyntaxOnly {
    bool on_start_object() { return true; }
    bool on_end_object() { return true; }
    bool on_start_array() { return true; }
    bool on_end_array() { return true; }
    bool on_key(std::string_view) { return true; }
    bool on_number(double) { return true; }
    bool on_other_scalar() { return true; }
    bool skips_value(char) { return false; }
};

namespace json_scan_detail {

/// The length of the run of string bytes at `p` that need no attention: up to the first `"`, `\`
/// or control character (or `n`). Sixteen bytes at a time where SSE2 is there (all of x86-64).
inline std::size_t plain_string_bytes(const char* p, std::size_t n) {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1f);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
        // v <= 0x1f (unsigned) exactly when max(v, 0x1f) == 0x1f.
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(_mm_max_epu8(v, last_control), last_control));
        if (int mask = _mm_movemask_epi8(stop)) return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
#endif
    for (; i < n; ++i) {
        auto c = static_cast<unsigned char>(p[i]);
        if (c == '"' || c == '\\' || c < 0x20) return i;
    }
    return n;
}

inline bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

template <typename Handler> class Scanner {
public:
    Scanner(std::string_view text, Handler& h) : m_s(text), m_h(h) {}

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
                        expect_value = !std::exchange(m_value_skipped, false);
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
                expect_value = true;
                if (top == 'o') {
                    if (auto e = read_key()) return e;
                    expect_value = !std::exchange(m_value_skipped, false);
                }
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
        char first = m_i < m_s.size() ? m_s[m_i] : '\0';
        if (m_h.skips_value(first)) {
            if (auto end = skip_json_value(m_s, m_i)) {
                m_i = *end;
                m_value_skipped = true;
                return std::nullopt;
            }
            // Declined (an error, or an escape somewhere): read it in full, without events.
            m_quiet = true;
            m_quiet_depth = m_stack.size();
        }
        return std::nullopt;
    }

    // Reads a string at m_i (on its opening quote); `out` views the text or m_buffer.
    std::optional<ScanError> read_string(std::string_view& out) {
        std::size_t start = ++m_i;
        m_i += plain_string_bytes(m_s.data() + m_i, m_s.size() - m_i);
        if (m_i < m_s.size()) {
            char c = m_s[m_i];
            if (c == '"') {
                out = m_s.substr(start, m_i - start);
                ++m_i;
                return std::nullopt;
            }
            if (c != '\\') return fail("control character in a string");
        }
        // An escape, or no closing quote: decode the whole literal into m_buffer (rare, so reading
        // its start again is fine); json_unquote says what is wrong with a bad one.
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

    std::optional<ScanError> read_scalar() {
        char c = m_s[m_i];
        if (c == '"') {
            std::string_view ignored;
            if (auto e = read_string(ignored)) return e;
            return m_quiet || m_h.on_other_scalar() ? std::nullopt : refused();
        }
        if (c == 't' || c == 'f' || c == 'n') {
            std::size_t size = core::json_literal(m_s.data() + m_i, m_s.data() + m_s.size());
            if (size == 0) return fail("invalid literal");
            m_i += size;
            return m_quiet || m_h.on_other_scalar() ? std::nullopt : refused();
        }
        std::size_t start = m_i;
        core::JsonNumber number = core::json_number(m_s.data() + m_i, m_s.data() + m_s.size());
        m_i = static_cast<std::size_t>(number.end - m_s.data());
        if (number.error) return fail(number.error);
        // A skipped number needs only the grammar, and a range check where it could fail.
        if (m_quiet && !core::may_be_out_of_range(m_s.data() + start, number)) return std::nullopt;
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
    Handler& m_h;
    std::size_t m_i = 0;
    std::string m_buffer;
    std::vector<char> m_stack;      // containers open: 'o' object, 'a' array
    bool m_quiet = false;           // skipping a value: no events
    bool m_value_skipped = false;   // read_key skipped the whole value after the key
    std::size_t m_quiet_depth = 0;  // m_stack's size where the skipped value began
};

}  // namespace json_scan_detail

/// Scans `text` (exactly one JSON value plus white space) into `handler`'s events; nullopt on
/// success.
template <typename Handler> std::optional<ScanError> scan_json(std::string_view text, Handler& handler) {
    return json_scan_detail::Scanner<Handler>(text, handler).run();
}

}  // namespace mesh::admin
