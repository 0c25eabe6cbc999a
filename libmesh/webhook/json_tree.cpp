#include "libmesh/webhook/json_tree.hpp"

#include <fmt/format.h>

#include "libmesh/core/json_string.hpp"
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
