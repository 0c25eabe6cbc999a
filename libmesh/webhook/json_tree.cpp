#include "libmesh/webhook/json_tree.hpp"

#include <fmt/format.h>

#include "libmesh/manifest/tree_builder.hpp"

namespace mesh::webhook {

using manifest::NodeKind;
using manifest::YamlTree;

namespace {

struct ScanError {
    std::string message;
};

// Feeds the shared TreeBuilder, so nodes, offsets, raw ends and limits are what the YAML reader gives.
class Scanner {
public:
    Scanner(std::string_view text, const core::Limits& limits, YamlTree& tree)
        : m_text(text), m_tree(tree), m_builder((tree.text = text, tree), limits) {}

    void run() {
        value();
        if (m_pos != m_text.size()) fail("trailing bytes");
        m_builder.finish();
    }

private:
    std::string_view m_text;
    YamlTree& m_tree;
    manifest::TreeBuilder m_builder;
    std::size_t m_pos = 0;

    [[noreturn]] static void fail(const std::string& what) { throw ScanError{"not compact JSON: " + what}; }
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    void expect(char c) {
        if (peek() != c) fail(fmt::format("expected '{}' at {}", c, m_pos));
        ++m_pos;
    }
    void built(bool ok) const {
        if (!ok) throw ScanError{m_builder.failure().message};
    }
    manifest::NodeStart at(std::size_t start, std::string_view tag) const {
        return manifest::NodeStart{start, 0, static_cast<int>(start), tag, {}};
    }

    void open(NodeKind kind) {
        built(m_builder.open(kind, at(m_pos, "?"), true));
        ++m_pos;
    }

    void close() {
        ++m_pos;
        built(m_builder.close());
    }

    static void append_utf8(std::string& out, unsigned code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    std::string string_body() {
        expect('"');
        std::string out;
        while (true) {
            std::size_t stop = m_text.find_first_of("\"\\", m_pos);
            if (stop == std::string_view::npos) fail("unterminated string");
            out.append(m_text.substr(m_pos, stop - m_pos));
            m_pos = stop + 1;
            if (m_text[stop] == '"') return out;
            char e = peek();
            ++m_pos;
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                if (m_pos + 4 > m_text.size()) fail("short \\u escape");
                unsigned code = 0;
                for (int i = 0; i < 4; ++i) {
                    char h = m_text[m_pos++];
                    code <<= 4;
                    if (h >= '0' && h <= '9') code |= static_cast<unsigned>(h - '0');
                    else if (h >= 'a' && h <= 'f') code |= static_cast<unsigned>(h - 'a' + 10);
                    else if (h >= 'A' && h <= 'F') code |= static_cast<unsigned>(h - 'A' + 10);
                    else fail("bad \\u escape");
                }
                if (code >= 0xD800 && code <= 0xDFFF) fail("surrogate escape");  // dump writes UTF-8
                append_utf8(out, code);
                break;
            }
            default: fail("bad escape");
            }
        }
    }

    void scalar_string() {
        std::size_t start = m_pos;
        built(m_builder.scalar(at(start, "!"), string_body(), false));
    }

    void plain() {
        std::size_t start = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '}' && m_text[m_pos] != ']') ++m_pos;
        std::string_view word = m_text.substr(start, m_pos - start);
        if (word.empty()) fail(fmt::format("missing value at {}", start));
        built(m_builder.scalar(at(start, "?"), std::string(word), true));
    }

    void value() {
        char c = peek();
        if (c == '{') {
            open(NodeKind::Map);
            if (peek() != '}') {
                while (true) {
                    if (peek() != '"') fail(fmt::format("expected a key at {}", m_pos));
                    scalar_string();
                    expect(':');
                    value();
                    if (peek() != ',') break;
                    ++m_pos;
                }
            }
            if (peek() != '}') fail(fmt::format("expected '}}' at {}", m_pos));
            close();
        } else if (c == '[') {
            open(NodeKind::Sequence);
            if (peek() != ']') {
                while (true) {
                    value();
                    if (peek() != ',') break;
                    ++m_pos;
                }
            }
            if (peek() != ']') fail(fmt::format("expected ']' at {}", m_pos));
            close();
        } else if (c == '"') {
            scalar_string();
        } else {
            plain();
        }
    }
};

}  // namespace

core::Result<YamlTree> json_tree(std::string_view text, const core::Limits& limits) {
    YamlTree tree;
    try {
        Scanner(text, limits, tree).run();
    } catch (const ScanError& e) {
        return core::fail(core::ErrorCode::Input, e.message);
    }
    return tree;
}

}  // namespace mesh::webhook
