#include "libmesh/webhook/json_tree.hpp"

#include <fmt/format.h>

#include "libmesh/core/json_string.hpp"
#include "libmesh/core/result.hpp"
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

    std::string string_body() {
        expect('"');
        std::string out;
        std::size_t end = m_pos - 1;
        if (auto error = core::json_unquote(m_text, end, out)) fail(error->message);
        m_pos = end;
        return out;
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
        return core::input_error(e.message);
    }
    return tree;
}

}  // namespace mesh::webhook
