#include "libmesh/manifest/yaml_tree.hpp"

#include <istream>
#include <streambuf>
#include <unordered_set>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "libmesh/core/text_position.hpp"

namespace mesh::manifest {

namespace {

// An istream over existing bytes, so yaml-cpp reads the document without a copy.
struct ViewBuffer : std::streambuf {
    explicit ViewBuffer(std::string_view text) {
        char* p = const_cast<char*>(text.data());
        setg(p, p, p + text.size());
    }
};

// Thrown from the event handler to stop the parse with a located message.
struct BuildError {
    std::size_t offset;
    std::string message;
};

class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(YamlTree& tree, const core::Limits& limits) : m_tree(tree), m_limits(limits) {}

    int documents = 0;

    void OnDocumentStart(const YAML::Mark&) override { ++documents; }
    void OnDocumentEnd() override { close_pending(m_tree.text.size()); }
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        add(NodeKind::Null, mark, "", anchor);
        m_pending.push_back(last());
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        add(NodeKind::Alias, mark, "", 0).anchor = anchor;
        m_pending.push_back(last());
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (value.size() > m_limits.max_scalar_bytes)
            throw BuildError{offset(mark), fmt::format("scalar is longer than the limit of {} MiB",
                                                       m_limits.max_scalar_bytes >> 20)};
        YamlNode& node = add(NodeKind::Scalar, mark, tag, anchor);
        node.plain = tag == "?";
        node.value = value;
        if (node.plain && value == "<<" && is_key(m_tree.nodes.size() - 1)) {
            if (!m_tree.has_merge_key) m_tree.merge_key_offset = node.start;
            m_tree.has_merge_key = true;
        }
        m_pending.push_back(last());
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        open(NodeKind::Sequence, mark, tag, anchor, style);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        open(NodeKind::Map, mark, tag, anchor, style);
    }
    void OnMapEnd() override {
        check_duplicate_keys(m_stack.back());
        close();
    }

private:
    YamlTree& m_tree;
    const core::Limits& m_limits;
    std::vector<NodeId> m_stack;    // open collections
    std::vector<NodeId> m_pending;  // finished nodes whose raw_end is the next token's offset

    std::size_t offset(const YAML::Mark& mark) const {
        return mark.pos < 0 ? 0 : std::min(static_cast<std::size_t>(mark.pos), m_tree.text.size());
    }
    NodeId last() const { return static_cast<NodeId>(m_tree.nodes.size() - 1); }

    bool is_key(std::size_t index) const {
        if (m_stack.empty()) return false;
        const YamlNode& parent = m_tree[m_stack.back()];
        return parent.kind == NodeKind::Map && parent.children.size() % 2 == 1 &&
               parent.children.back() == static_cast<NodeId>(index);
    }

    void close_pending(std::size_t end) {
        for (NodeId id : m_pending) m_tree.nodes[static_cast<std::size_t>(id)].raw_end = end;
        m_pending.clear();
    }

    YamlNode& add(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
        if (m_tree.nodes.size() >= m_limits.max_nodes_per_document)
            throw BuildError{offset(mark), fmt::format("more than {} nodes in one document",
                                                       m_limits.max_nodes_per_document)};
        close_pending(offset(mark));
        YamlNode node;
        node.kind = kind;
        node.start = offset(mark);
        node.raw_end = m_tree.text.size();
        node.line = mark.line;
        node.column = mark.column;
        node.tag = tag;
        node.anchored = anchor != 0;
        node.anchor = anchor;
        if (node.anchored) m_tree.has_anchors = true;
        NodeId id = static_cast<NodeId>(m_tree.nodes.size());
        if (!m_stack.empty()) {
            node.parent = m_stack.back();
            m_tree.nodes[static_cast<std::size_t>(m_stack.back())].children.push_back(id);
        } else if (m_tree.root == k_no_node) {
            m_tree.root = id;
        }
        m_tree.nodes.push_back(std::move(node));
        return m_tree.nodes.back();
    }

    void open(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
              YAML::EmitterStyle::value style) {
        if (m_stack.size() >= m_limits.max_depth)
            throw BuildError{offset(mark), fmt::format("nesting deeper than {} levels", m_limits.max_depth)};
        add(kind, mark, tag, anchor).flow = style == YAML::EmitterStyle::Flow;
        m_stack.push_back(last());
    }

    void close() {
        m_pending.push_back(m_stack.back());
        m_stack.pop_back();
    }

    // yaml-cpp keeps both entries and its lookups return the first; Kubernetes takes the last.
    // Rather than guess, such a document is refused.
    void check_duplicate_keys(NodeId map) {
        const auto& children = m_tree[map].children;
        std::unordered_set<std::string_view> seen;
        for (std::size_t i = 0; i < children.size(); i += 2) {
            const YamlNode& key = m_tree[children[i]];
            if (key.kind != NodeKind::Scalar) continue;
            if (!seen.insert(key.value).second)
                throw BuildError{key.start, fmt::format("duplicate key '{}': Kubernetes would take the "
                                                        "last value, yaml-cpp the first",
                                                        key.value)};
        }
    }
};

}  // namespace

NodeId YamlTree::get(NodeId map, std::string_view key) const {
    if (map == k_no_node || (*this)[map].kind != NodeKind::Map) return k_no_node;
    const auto& children = (*this)[map].children;
    for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
        const YamlNode& k = (*this)[children[i]];
        if (k.kind == NodeKind::Scalar && k.value == key) return children[i + 1];
    }
    return k_no_node;
}

NodeId YamlTree::path(NodeId from, std::string_view dotted) const {
    NodeId current = from;
    while (!dotted.empty() && current != k_no_node) {
        std::size_t dot = dotted.find('.');
        current = get(current, dotted.substr(0, dot));
        dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
    }
    return current;
}

std::string YamlTree::scalar(NodeId map, std::string_view key) const {
    NodeId id = get(map, key);
    return id != k_no_node && (*this)[id].kind == NodeKind::Scalar ? (*this)[id].value : std::string();
}

bool YamlTree::inside_anchor(NodeId id) const {
    for (; id != k_no_node; id = (*this)[id].parent)
        if ((*this)[id].anchored) return true;
    return false;
}

core::Error document_error(const YamlTree& tree, const DocumentOrigin& origin, std::size_t offset,
                           std::string message, core::ErrorCode code) {
    return core::error_at_offset(code, std::move(message), tree.text, offset, origin.file, origin.first_line);
}

namespace {

// yaml-cpp 0.7 reads a last line without ':' in a block mapping (`b: 1` then `c`) as a key with
// no value; the YAML spec, libyaml (so Kubernetes) and libfyaml reject it. A plain key in block
// style must be its own single line's text followed by ':'. Returns the offending key, if any.
NodeId key_without_colon(const YamlTree& tree) {
    for (const YamlNode& map : tree.nodes) {
        if (map.kind != NodeKind::Map || map.flow) continue;
        for (std::size_t i = 0; i < map.children.size(); i += 2) {
            const YamlNode& key = tree[map.children[i]];
            if (key.kind != NodeKind::Scalar || key.tag != "?" || key.anchored || key.value.empty()) continue;
            std::size_t before = key.start;
            while (before > 0 && (tree.text[before - 1] == ' ' || tree.text[before - 1] == '\t')) --before;
            if (before > 0 && tree.text[before - 1] == '?') continue;  // an explicit key: ':' comes later
            std::size_t after = key.start + key.value.size();
            bool written_there = tree.text.substr(key.start, key.value.size()) == key.value;
            while (written_there && after < tree.text.size() && (tree.text[after] == ' ' || tree.text[after] == '\t'))
                ++after;
            if (!written_there || after >= tree.text.size() || tree.text[after] != ':') return map.children[i];
        }
    }
    return k_no_node;
}

}  // namespace

core::Result<YamlTree> parse_document(std::string_view text, const DocumentOrigin& origin,
                                      const core::Limits& limits) {
    YamlTree tree;
    tree.text = text;
    ViewBuffer buffer(text);
    std::istream stream(&buffer);
    TreeBuilder builder(tree, limits);
    try {
        YAML::Parser parser(stream);
        // One call per document. A second document in one chunk can only come from `...` followed
        // by content, or from the stray-comma input on which yaml-cpp 0.7.0 would loop forever.
        if (parser.HandleNextDocument(builder) && parser.HandleNextDocument(builder))
            return tl::unexpected(document_error(tree, origin, text.size(),
                                                 "unexpected content after the end of the document"));
    } catch (const BuildError& e) {
        return tl::unexpected(document_error(tree, origin, e.offset, e.message));
    } catch (const YAML::Exception& e) {
        core::Error error{core::ErrorCode::Input, e.msg,
                          core::SourceLocation{origin.file, origin.first_line + e.mark.line, e.mark.column + 1},
                          core::line_number(text, e.mark.line + 1)};
        if (e.mark.is_null()) error.location.line = error.location.column = 0;
        return tl::unexpected(error);
    }
    if (NodeId key = key_without_colon(tree); key != k_no_node)
        return tl::unexpected(document_error(tree, origin, tree[key].start,
                                             "could not find expected ':' (a mapping key must be followed by ':')"));
    return tree;
}

}  // namespace mesh::manifest
