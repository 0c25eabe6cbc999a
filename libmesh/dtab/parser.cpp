#include "libmesh/dtab/parser.hpp"

#include <cstdlib>
#include <optional>

#include "libmesh/core/result.hpp"
#include "libmesh/core/text_position.hpp"

namespace mesh::dtab {

bool is_java_whitespace(char32_t c) {
    if ((c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x20)) return true;
    // Unicode space, line and paragraph separators except the no-break spaces.
    return c == 0x1680 || (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
           c == 0x205f || c == 0x3000;
}

namespace {

// Decodes one UTF-8 sequence at `i`; returns the code point (U+FFFD if malformed) and length.
std::pair<char32_t, std::size_t> decode_utf8(std::string_view s, std::size_t i) {
    auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return {b0, 1};
    std::size_t len = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc0 ? 2 : 0;
    if (len == 0 || i + len > s.size() || b0 >= 0xf8) return {0xfffd, 1};
    char32_t cp = b0 & (0x3f >> (len - 1));
    for (std::size_t k = 1; k < len; ++k) {
        auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xc0) != 0x80) return {0xfffd, 1};
        cp = (cp << 6) | (b & 0x3f);
    }
    return {cp, len};
}

struct ParseFailure {
    std::string message;
    std::size_t offset;
};

class Parser {
public:
    Parser(std::string_view text, const ParseOptions& options) : m_text(text), m_options(options) {}

    std::vector<Comment> comments;

    Path parse_whole_path() {
        Path p = parse_path();
        ensure_end();
        return p;
    }
    NameTree parse_whole_tree() {
        NameTree t = parse_tree();
        ensure_end();
        return t;
    }
    Dentry parse_whole_dentry() {
        Dentry d = parse_dentry();
        ensure_end();
        return d;
    }
    Dtab parse_whole_dtab() {
        Dtab dtab;
        do {
            eat_whitespace();
            if (!at_end()) dtab.dentries.push_back(parse_dentry());
            eat_whitespace();
        } while (maybe_eat(';'));
        ensure_end();
        return dtab;
    }

private:
    static constexpr int k_eoi = -1;

    bool at_end() const { return m_idx >= m_text.size(); }
    int peek() const { return at_end() ? k_eoi : static_cast<unsigned char>(m_text[m_idx]); }
    void next() { m_token_end = ++m_idx; }
    bool maybe_eat(char c) {
        if (peek() != static_cast<unsigned char>(c)) return false;
        next();
        return true;
    }
    void eat(char c) {
        if (peek() != static_cast<unsigned char>(c)) illegal(quote(std::string(1, c)), m_idx);
        next();
    }

    static std::string quote(std::string s) { return "'" + s + "'"; }

    // The character at `pos` as Finagle shows it (a whole UTF-8 sequence, not one byte).
    std::string char_at(std::size_t pos, std::size_t* len) const {
        auto [cp, n] = decode_utf8(m_text, pos);
        *len = n;
        if (cp == 0xfffd && n == 1 && static_cast<unsigned char>(m_text[pos]) >= 0x80) return "\xef\xbf\xbd";
        return std::string(m_text.substr(pos, n));
    }

    [[noreturn]] void illegal(const std::string& expected, std::size_t pos) const {
        std::size_t len = 0;
        std::string found = at_end() ? "end of input" : quote(char_at(m_idx, &len));
        illegal_found(expected, found, pos);
    }

    // `pos` is where the brackets go; usually the current index, except for Finagle's lone-dot
    // weight quirk, where the found character is the dot but the brackets mark the next one.
    [[noreturn]] void illegal_found(const std::string& expected, const std::string& found, std::size_t pos) const {
        std::size_t begin = 0;
        std::size_t end = m_text.size();
        bool multi_line = m_text.find('\n') != std::string_view::npos;
        if (multi_line && !m_options.full_context) {
            // Quote only the offending line of a long text.
            std::size_t anchor = std::min(pos, m_text.size());
            std::size_t nl = anchor == 0 ? std::string_view::npos : m_text.rfind('\n', anchor - 1);
            begin = nl == std::string_view::npos ? 0 : nl + 1;
            std::size_t e = m_text.find('\n', anchor);
            end = e == std::string_view::npos ? m_text.size() : e;
            if (end > begin && m_text[end - 1] == '\r' && pos < end - 1) --end;
        }
        if (!m_options.full_context && end - begin > 400) {
            // A very long line: quote a window around the error, not megabytes.
            std::size_t anchor = std::min(pos, m_text.size());
            std::size_t from = anchor - begin > 150 ? anchor - 150 : begin;
            std::size_t to = std::min(end, anchor + 150);
            while (from > begin && (static_cast<unsigned char>(m_text[from]) & 0xc0) == 0x80) --from;
            while (to < end && (static_cast<unsigned char>(m_text[to]) & 0xc0) == 0x80) ++to;
            std::string prefix = from > begin ? "..." : "";
            std::string suffix = to < end ? "..." : "";
            std::string display;
            if (pos >= m_text.size()) {
                display = prefix + std::string(m_text.substr(from, to - from)) + "[]";
            } else {
                std::size_t len = 0;
                std::string c = char_at(pos, &len);
                std::size_t after = std::min(to, std::max(pos + len, to));
                display = prefix + std::string(m_text.substr(from, pos - from)) + "[" + c + "]" +
                          std::string(m_text.substr(pos + len, after > pos + len ? after - pos - len : 0)) + suffix;
            }
            throw ParseFailure{expected + " expected but " + found + " found at '" + display + "'", pos};
        }
        std::string display;
        if (pos >= m_text.size()) {
            display = std::string(m_text.substr(begin, end - begin)) + "[]";
        } else {
            std::size_t len = 0;
            std::string c = char_at(pos, &len);
            display = std::string(m_text.substr(begin, pos - begin)) + "[" + c + "]" +
                      std::string(m_text.substr(pos + len, end > pos + len ? end - pos - len : 0));
        }
        throw ParseFailure{expected + " expected but " + found + " found at '" + display + "'", pos};
    }

    void eat_whitespace() {
        while (!at_end()) {
            char c = m_text[m_idx];
            if (c == '#') {
                eat_line();
                continue;
            }
            auto [cp, n] = decode_utf8(m_text, m_idx);
            if (!is_java_whitespace(cp)) return;
            m_idx += n;
        }
    }

    void eat_line() {
        std::size_t begin = m_idx;
        while (!at_end() && m_text[m_idx] != '\n') ++m_idx;
        std::size_t end = m_idx;
        std::size_t text_end = end;
        // All trailing CRs, not only a CRLF's: the formatter writes '\n' endings and must be a fixpoint.
        while (text_end > begin && m_text[text_end - 1] == '\r') --text_end;
        comments.push_back({begin, end, std::string(m_text.substr(begin, text_end - begin))});
        if (!at_end()) ++m_idx;
    }

    static bool is_hex(int c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
    static int hex_value(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return c - 'A' + 10;
    }
    static bool is_label_char(int c) {
        return c != k_eoi && (is_showable_byte(static_cast<unsigned char>(c)) || c == '\\');
    }
    static bool is_number_char(int c) { return (c >= '0' && c <= '9') || c == '.'; }

    int parse_hex_char() {
        int c = peek();
        if (!is_hex(c)) illegal("hex char", m_idx);
        next();
        return c;
    }

    std::string parse_label() {
        std::string out;
        do {
            int c = peek();
            if (c != k_eoi && is_showable_byte(static_cast<unsigned char>(c))) {
                next();
                out += static_cast<char>(c);
            } else if (c == '\\') {
                next();
                eat('x');
                int hi = parse_hex_char();
                int lo = parse_hex_char();
                out += static_cast<char>(hex_value(hi) << 4 | hex_value(lo));
            } else {
                illegal("label char", m_idx);
            }
        } while (is_label_char(peek()));
        return out;
    }

    Path parse_path() {
        eat_whitespace();
        eat('/');
        Path p;
        if (!is_label_char(peek())) return p;
        do {
            p.elems.push_back(parse_label());
        } while (maybe_eat('/'));
        return p;
    }

    Prefix parse_prefix() {
        eat_whitespace();
        eat('/');
        Prefix p;
        if (!is_label_char(peek()) && peek() != '*') return p;
        do {
            if (maybe_eat('*'))
                p.elems.push_back({"", true});
            else
                p.elems.push_back({parse_label(), false});
        } while (maybe_eat('/'));
        return p;
    }

    NameTree parse_tree() {
        if (++m_depth > m_options.max_nesting)
            throw ParseFailure{"name tree nested deeper than " + std::to_string(m_options.max_nesting) + " levels",
                               m_idx};
        std::vector<NameTree> trees;
        do {
            trees.push_back(parse_tree1());
        } while ((eat_whitespace(), maybe_eat('|')));
        --m_depth;
        if (trees.size() == 1) return std::move(trees.front());
        std::size_t begin = trees.front().offset;
        NameTree t = NameTree::alt(std::move(trees));
        t.offset = begin;
        return t;
    }

    NameTree parse_tree1() {
        std::vector<NameTree> trees;
        std::vector<double> weights;
        do {
            auto [w, t] = parse_weighted();
            weights.push_back(w);
            trees.push_back(std::move(t));
        } while ((eat_whitespace(), maybe_eat('&')));
        if (trees.size() == 1) return std::move(trees.front());  // a lone weight is dropped
        std::size_t begin = trees.front().offset;
        NameTree t = NameTree::union_of(std::move(weights), std::move(trees));
        t.offset = begin;
        return t;
    }

    NameTree parse_simple() {
        eat_whitespace();
        std::size_t begin = m_idx;
        NameTree t;
        switch (peek()) {
        case '(':
            next();
            t = parse_tree();
            eat_whitespace();
            eat(')');
            return t;
        case '/': t = NameTree::leaf(parse_path()); break;
        case '!':
            next();
            t = NameTree::fail();
            break;
        case '~':
            next();
            t = NameTree::neg();
            break;
        case '$':
            next();
            t = NameTree::empty();
            break;
        default: illegal("simple", m_idx);
        }
        t.offset = begin;
        return t;
    }

    double parse_number() {
        std::string digits;
        bool seen_dot = false;
        while (is_number_char(peek())) {
            if (peek() == '.') {
                if (seen_dot) illegal("number char", m_idx);
                seen_dot = true;
            }
            digits += static_cast<char>(peek());
            next();
            if (digits.size() > 400) throw ParseFailure{"weight longer than 400 characters", m_idx};
        }
        if (digits == ".") illegal_found("weight", "'.'", m_idx);
        return std::strtod(digits.c_str(), nullptr);
    }

    std::pair<double, NameTree> parse_weighted() {
        eat_whitespace();
        double weight = 1.0;
        if (is_number_char(peek())) {
            weight = parse_number();
            eat_whitespace();
            eat('*');
        }
        return {weight, parse_simple()};
    }

    Dentry parse_dentry() {
        Dentry d;
        eat_whitespace();
        d.begin = m_idx;
        d.prefix = parse_prefix();
        eat_whitespace();
        eat('=');
        eat('>');
        d.dst = parse_tree();
        d.end = m_token_end;
        return d;
    }

    void ensure_end() {
        eat_whitespace();
        if (!at_end()) illegal("end of input", m_idx);
    }

    std::string_view m_text;
    const ParseOptions& m_options;
    std::size_t m_idx = 0;
    std::size_t m_depth = 0;
    std::size_t m_token_end = 0;  // just past the last character of a token (not whitespace)
};

core::Error to_error(std::string_view text, const ParseOptions& options, const ParseFailure& f) {
    auto e = core::error_at_offset(core::ErrorCode::Input, f.message, text, f.offset, options.file);
    // A caret under a line of megabytes helps nobody; the message already quotes a window.
    if (e.source_line.size() > 400) e.source_line.clear();
    return e;
}

template <typename T, typename F> core::Result<T> run(std::string_view text, const ParseOptions& options, F&& f) {
    if (text.size() > options.max_input_bytes)
        return core::limit_error("dtab text of " + std::to_string(text.size()) + " bytes exceeds the " +
                                     std::to_string(options.max_input_bytes) + "-byte limit",
                                 {options.file, 0, 0});
    Parser parser(text, options);
    try {
        return f(parser);
    } catch (const ParseFailure& failure) {
        return tl::unexpected(to_error(text, options, failure));
    }
}

}  // namespace

core::Result<Path> parse_path(std::string_view text, const ParseOptions& options) {
    return run<Path>(text, options, [](Parser& p) { return p.parse_whole_path(); });
}

core::Result<NameTree> parse_name_tree(std::string_view text, const ParseOptions& options) {
    return run<NameTree>(text, options, [](Parser& p) { return p.parse_whole_tree(); });
}

core::Result<Dentry> parse_dentry(std::string_view text, const ParseOptions& options) {
    return run<Dentry>(text, options, [](Parser& p) { return p.parse_whole_dentry(); });
}

core::Result<Dtab> parse_dtab(std::string_view text, const ParseOptions& options) {
    return run<Dtab>(text, options, [](Parser& p) { return p.parse_whole_dtab(); });
}

core::Result<ParsedDtab> parse_dtab_with_comments(std::string_view text, const ParseOptions& options) {
    return run<ParsedDtab>(text, options, [](Parser& p) {
        ParsedDtab out;
        out.dtab = p.parse_whole_dtab();
        out.comments = std::move(p.comments);
        return out;
    });
}

}  // namespace mesh::dtab
