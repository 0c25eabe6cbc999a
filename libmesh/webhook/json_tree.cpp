#include "libmesh/webhook/json_tree.hpp"

#include <fmt/format.h>

#include "libmesh/core/result.hpp"

namespace mesh::webhook {

using manifest::k_no_node;
using manifest::NodeId;
using manifest::NodeKind;
using manifest::YamlNode;
using manifest::YamlTree;

namespace {

struct ScanError {
    std::string message;
};

// Mirrors manifest's TreeBuilder: a node's raw_end is the start of the next node added (or the
// text's end), for scalars at once and for collections once they close.
class Scanner {
public:
    Scanner(std::string_view text, const core::Limits& limits, YamlTree& tree) : m_text(text), m_limits(limits), m_tree(tree) {}

    void run() {
        m_tree.text = m_text;
        value();
        if (m_pos != m_text.size()) fail("trailing bytes");
        close_pending(m_text.size());
    }

private:
    std::string_view m_text;
    const core::Limits& m_limits;
    YamlTree& m_tree;
    std::size_t m_pos = 0;
    std::vector<NodeId> m_stack;
    std::vector<NodeId> m_pending;

    [[noreturn]] static void fail(const std::string& what) { throw ScanError{"not compact JSON: " + what}; }
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    void expect(char c) {
        if (peek() != c) fail(fmt::format("expected '{}' at {}", c, m_pos));
        ++m_pos;
    }

    void close_pending(std::size_t end) {
        for (NodeId id : m_pending) m_tree.nodes[static_cast<std::size_t>(id)].raw_end = end;
        m_pending.clear();
    }

    NodeId add(NodeKind kind, std::size_t start, const char* tag) {
        if (m_tree.nodes.size() >= m_limits.max_nodes_per_document)
            throw ScanError{fmt::format("more than {} nodes in one document", m_limits.max_nodes_per_document)};
        close_pending(start);
        YamlNode node;
        node.kind = kind;
        node.start = start;
        node.raw_end = m_text.size();
        node.line = 0;
        node.column = static_cast<int>(start);
        node.tag = tag;
        NodeId id = static_cast<NodeId>(m_tree.nodes.size());
        if (!m_stack.empty()) {
            node.parent = m_stack.back();
            m_tree.nodes[static_cast<std::size_t>(m_stack.back())].children.push_back(id);
        } else if (m_tree.root == k_no_node) {
            m_tree.root = id;
        }
        m_tree.nodes.push_back(std::move(node));
        return id;
    }

    void open(NodeKind kind) {
        if (m_stack.size() >= m_limits.max_depth)
            throw ScanError{fmt::format("nesting deeper than {} levels", m_limits.max_depth)};
        NodeId id = add(kind, m_pos, "?");
        m_tree.nodes[static_cast<std::size_t>(id)].flow = true;
        m_stack.push_back(id);
        ++m_pos;
    }

    void close() {
        ++m_pos;
        m_pending.push_back(m_stack.back());
        m_stack.pop_back();
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
        std::string value = string_body();
        if (value.size() > m_limits.max_scalar_bytes)
            throw ScanError{fmt::format("scalar is longer than the limit of {} MiB", m_limits.max_scalar_bytes >> 20)};
        NodeId id = add(NodeKind::Scalar, start, "!");
        auto& node = m_tree.nodes[static_cast<std::size_t>(id)];
        node.plain = false;
        node.value = std::move(value);
        m_pending.push_back(id);
    }

    void plain() {
        std::size_t start = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '}' && m_text[m_pos] != ']') ++m_pos;
        std::string_view word = m_text.substr(start, m_pos - start);
        if (word.empty()) fail(fmt::format("missing value at {}", start));
        if (word == "null") {  // yaml-cpp reports a plain null as a Null node
            m_pending.push_back(add(NodeKind::Null, start, ""));
            return;
        }
        NodeId id = add(NodeKind::Scalar, start, "?");
        auto& node = m_tree.nodes[static_cast<std::size_t>(id)];
        node.plain = true;
        node.value = std::string(word);
        m_pending.push_back(id);
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
