#include "libmesh/manifest/tree_builder.hpp"

#include <unordered_set>

#include <fmt/format.h>

namespace mesh::manifest {

TreeBuilder::TreeBuilder(YamlTree& tree, const core::Limits& limits, DuplicateKeys duplicates)
    : m_tree(tree), m_limits(limits), m_duplicates(duplicates) {}

bool TreeBuilder::fail(std::size_t offset, std::string message) {
    if (!m_failure) m_failure = BuildFailure{offset, std::move(message)};
    return false;
}

bool TreeBuilder::next_is_key() const {
    if (m_stack.empty()) return false;
    const Open& parent = m_stack.back();
    return m_tree[parent.id].kind == NodeKind::Map && (m_children.size() - parent.first_child) % 2 == 0;
}

YamlNode* TreeBuilder::add(NodeKind kind, const NodeStart& at) {
    if (m_failure) return nullptr;
    if (m_tree.nodes.size() >= m_limits.max_nodes_per_document) {
        fail(at.offset, fmt::format("more than {} nodes in one document", m_limits.max_nodes_per_document));
        return nullptr;
    }
    for (NodeId id : m_pending) m_tree.nodes[static_cast<std::size_t>(id)].raw_end = at.offset;
    m_pending.clear();
    NodeId id = static_cast<NodeId>(m_tree.nodes.size());
    YamlNode& node = m_tree.nodes.emplace_back();
    node.kind = kind;
    node.start = at.offset;
    node.raw_end = m_tree.text.size();
    node.line = at.line;
    node.column = at.column;
    node.tag = at.tag;
    if (!at.anchor.empty()) {
        node.anchored = true;
        node.anchor = m_anchors.size() + 1;
        m_anchors[std::string(at.anchor)] = node.anchor;  // a later anchor of the same name wins
        m_tree.has_anchors = true;
    }
    if (!m_stack.empty()) {
        node.parent = m_stack.back().id;
        m_children.push_back(id);
    } else if (m_tree.root == k_no_node) {
        m_tree.root = id;
    }
    return &node;
}

static bool is_null_word(std::string_view v) {
    return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

bool TreeBuilder::scalar(const NodeStart& at, std::string value, bool plain) {
    if (value.size() > m_limits.max_scalar_bytes)
        return fail(at.offset,
                    fmt::format("scalar is longer than the limit of {} MiB", m_limits.max_scalar_bytes >> 20));
    bool key = next_is_key();
    bool untagged_plain = plain && at.tag == "?";
    YamlNode* node = add(untagged_plain && is_null_word(value) ? NodeKind::Null : NodeKind::Scalar, at);
    if (!node) return false;
    node->plain = untagged_plain;
    if (node->kind == NodeKind::Scalar) node->value = std::move(value);
    if (untagged_plain && key && node->value == "<<") {
        if (!m_tree.has_merge_key) m_tree.merge_key_offset = node->start;
        m_tree.has_merge_key = true;
    }
    m_pending.push_back(static_cast<NodeId>(m_tree.nodes.size() - 1));
    return true;
}

bool TreeBuilder::alias(const NodeStart& at, std::string_view name) {
    auto anchor = m_anchors.find(std::string(name));
    if (anchor == m_anchors.end()) return fail(at.offset, fmt::format("unknown anchor '{}' referenced", name));
    // Each alias may stand for a whole subtree; what expanding them costs is checked where they
    // are expanded (meaning), this only bounds how many there are.
    if (++m_aliases > m_limits.max_nodes_per_document / 100 + 100)
        return fail(at.offset,
                    fmt::format("more than {} aliases in one document", m_limits.max_nodes_per_document / 100 + 100));
    YamlNode* node = add(NodeKind::Alias, at);
    if (!node) return false;
    node->anchor = anchor->second;
    m_pending.push_back(static_cast<NodeId>(m_tree.nodes.size() - 1));
    return true;
}

bool TreeBuilder::open(NodeKind kind, const NodeStart& at, bool flow) {
    if (m_stack.size() >= m_limits.max_depth)
        return fail(at.offset, fmt::format("nesting deeper than {} levels", m_limits.max_depth));
    if (next_is_key())
        return fail(at.offset, fmt::format("a {} used as a mapping key (a template placeholder such as "
                                           "'{{{{x}}}}'?); Kubernetes cannot decode it",
                                           kind == NodeKind::Map ? "mapping" : "list"));
    YamlNode* node = add(kind, at);
    if (!node) return false;
    node->flow = flow;
    m_stack.push_back(Open{static_cast<NodeId>(m_tree.nodes.size() - 1), m_children.size()});
    return true;
}

bool TreeBuilder::close() {
    if (m_failure || m_stack.empty()) return false;
    NodeId id = m_stack.back().id;
    auto first = m_children.begin() + static_cast<std::ptrdiff_t>(m_stack.back().first_child);
    m_tree.nodes[static_cast<std::size_t>(id)].children.assign(first, m_children.end());
    m_children.erase(first, m_children.end());
    if (m_tree[id].kind == NodeKind::Map) {
        if (m_duplicates == DuplicateKeys::LastWins)
            drop_overridden_entries(id);
        else if (!check_duplicate_keys(id))
            return false;
    }
    m_pending.push_back(id);
    m_stack.pop_back();
    return true;
}

void TreeBuilder::finish() {
    for (NodeId id : m_pending) m_tree.nodes[static_cast<std::size_t>(id)].raw_end = m_tree.text.size();
    m_pending.clear();
}

// sigs.k8s.io/yaml refuses a duplicate key (strict mode) and a lenient reader keeps the last:
// either way the document does not mean what a first-wins reading says, so it is refused.
bool TreeBuilder::check_duplicate_keys(NodeId map) {
    std::size_t n = m_tree.entry_count(map);
    auto key_value = [&](std::size_t i) -> const YamlNode& { return m_tree[m_tree.key_at(map, i)]; };
    auto duplicate = [&](const YamlNode& key) {
        return fail(key.start, fmt::format("duplicate key '{}': Kubernetes refuses it (strict decoding) or "
                                           "takes the last value",
                                           key.value));
    };
    if (n <= 16) {  // the common case: no hashing
        for (std::size_t i = 1; i < n; ++i) {
            const YamlNode& key = key_value(i);
            if (key.kind != NodeKind::Scalar) continue;
            for (std::size_t j = 0; j < i; ++j) {
                const YamlNode& other = key_value(j);
                if (other.kind == NodeKind::Scalar && other.value == key.value) return duplicate(key);
            }
        }
        return true;
    }
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < n; ++i) {
        const YamlNode& key = key_value(i);
        if (key.kind == NodeKind::Scalar && !seen.insert(key.value).second) return duplicate(key);
    }
    return true;
}

// Entries whose key comes again later leave the map's children (their nodes stay in the tree,
// unreachable), so every lookup finds the last value, as Go's encoding/json keeps it.
void TreeBuilder::drop_overridden_entries(NodeId map) {
    std::size_t n = m_tree.entry_count(map);
    if (n < 2) return;
    auto key_of = [&](std::size_t i) -> const YamlNode& { return m_tree[m_tree.key_at(map, i)]; };
    std::vector<bool> dropped(n, false);
    bool any = false;
    if (n <= 16) {
        for (std::size_t i = 0; i + 1 < n; ++i) {
            const YamlNode& key = key_of(i);
            if (key.kind != NodeKind::Scalar) continue;
            for (std::size_t j = i + 1; j < n && !dropped[i]; ++j) {
                const YamlNode& later = key_of(j);
                if (later.kind == NodeKind::Scalar && later.value == key.value) dropped[i] = any = true;
            }
        }
    } else {
        std::unordered_set<std::string_view> seen;
        for (std::size_t i = n; i-- > 0;) {
            const YamlNode& key = key_of(i);
            if (key.kind == NodeKind::Scalar && !seen.insert(key.value).second) dropped[i] = any = true;
        }
    }
    if (!any) return;
    auto& children = m_tree.nodes[static_cast<std::size_t>(map)].children;
    std::vector<NodeId> kept;
    kept.reserve(children.size());
    for (std::size_t i = 0; i < n; ++i)
        if (!dropped[i]) {
            kept.push_back(children[2 * i]);
            kept.push_back(children[2 * i + 1]);
        }
    children = std::move(kept);
}

}  // namespace mesh::manifest
