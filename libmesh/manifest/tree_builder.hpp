#pragma once
// The one place a YamlTree is built, fed by any event source (the libyaml reader, the webhook's
// JSON reader): it enforces the node, depth, scalar, alias and key limits as events arrive, so
// no reader needs its own copy of them and hostile input stops before it costs anything.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "libmesh/core/limits.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::manifest {

/// Where a node begins, and the properties written in front of it.
struct NodeStart {
    std::size_t offset = 0;   ///< byte offset in the document text (at the anchor or tag, if any)
    int line = 0;             ///< 0-based line within the document
    int column = 0;           ///< 0-based column
    std::string_view tag;     ///< "?" untagged plain or collection, "!" untagged quoted/block, or the tag
    std::string_view anchor;  ///< anchor name, or empty
};

/// Why building stopped, at a byte offset of the document.
struct BuildFailure {
    std::size_t offset = 0;
    std::string message;
};

/// What a map with the same key twice means.
enum class DuplicateKeys {
    Refuse,    ///< an error (YAML: sigs.k8s.io/yaml refuses them, and a lenient reader keeps the last)
    LastWins,  ///< the last entry is kept and earlier ones leave the map (JSON, as Go's encoding/json reads it)
};

/// Appends nodes to a tree in event order. Every call returns false once the input breaks a
/// limit or a rule Kubernetes enforces (duplicate keys, keys that are collections, unknown
/// aliases); failure() then says why and where.
class TreeBuilder {
public:
    TreeBuilder(YamlTree& tree, const core::Limits& limits, DuplicateKeys duplicates = DuplicateKeys::Refuse);

    /// A scalar; plain untagged `~`, `null`, `Null`, `NULL` and empty ones become Null nodes.
    bool scalar(const NodeStart& at, std::string value, bool plain);
    /// An alias to the last node anchored `name`.
    bool alias(const NodeStart& at, std::string_view name);
    /// Opens a sequence or map (its items follow until close()).
    bool open(NodeKind kind, const NodeStart& at, bool flow);
    /// Closes the innermost open collection.
    bool close();
    /// Ends the document: pending nodes end at the text's end.
    void finish();

    /// Nesting of open collections right now.
    std::size_t depth() const { return m_stack.size(); }
    const BuildFailure& failure() const { return *m_failure; }

private:
    YamlTree& m_tree;
    const core::Limits& m_limits;
    DuplicateKeys m_duplicates;
    struct Open {
        NodeId id;
        std::size_t first_child;  // where its children start in m_children
    };
    std::vector<Open> m_stack;       // open collections
    std::vector<NodeId> m_children;  // children of the open collections, innermost last: a node
                                     // gets its own vector, sized once, when it closes
    std::vector<NodeId> m_pending;   // finished nodes whose raw_end is the next node's start
    std::unordered_map<std::string, std::size_t> m_anchors;
    std::size_t m_aliases = 0;
    std::optional<BuildFailure> m_failure;

    bool fail(std::size_t offset, std::string message);
    bool next_is_key() const;
    YamlNode* add(NodeKind kind, const NodeStart& at);
    bool check_duplicate_keys(NodeId map);
    void drop_overridden_entries(NodeId map);
};

}  // namespace mesh::manifest
