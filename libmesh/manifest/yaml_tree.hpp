#pragma once
// A read-only tree of one YAML/JSON document built from a parser's events (libyaml's, as
// Kubernetes reads YAML; or JSON's): every node knows where it starts in the text and where the
// next node after it starts, which is what text edits need. Aliases are kept as alias nodes
// (never expanded), so alias bombs cost nothing here.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "libmesh/core/error.hpp"
#include "libmesh/core/limits.hpp"

namespace mesh::manifest {

enum class NodeKind : std::uint8_t { Null, Scalar, Sequence, Map, Alias };

/// Index of a node in YamlTree::nodes; k_no_node when absent.
using NodeId = std::int32_t;
inline constexpr NodeId k_no_node = -1;

struct YamlNode {
    NodeKind kind = NodeKind::Null;
    bool flow = false;  ///< collection in flow style (`[..]`, `{..}`, JSON)
    bool plain = true;  ///< scalar written without quotes or block indicator
    bool anchored = false;
    std::size_t anchor = 0;   ///< anchor id (on anchored nodes and aliases)
    std::size_t start = 0;    ///< byte offset in the document text (at its anchor or tag, if any)
    std::size_t raw_end = 0;  ///< offset of the first node after this subtree, or the text's end
    int line = 0;             ///< 0-based, within the document
    int column = 0;           ///< 0-based column
    NodeId parent = k_no_node;
    std::string tag;               ///< "?" plain, "!" quoted/block, or an explicit tag
    std::string value;             ///< scalar value
    std::vector<NodeId> children;  ///< sequence items, or map keys and values interleaved
};

/// One parsed document. `text` is the document's bytes (a view into the stream).
struct YamlTree {
    std::string_view text;
    std::vector<YamlNode> nodes;
    NodeId root = k_no_node;
    bool has_merge_key = false;  ///< a `<<` key somewhere (go-yaml merges; mesh does not edit such documents)
    std::size_t merge_key_offset = 0;
    bool has_anchors = false;

    const YamlNode& operator[](NodeId id) const { return nodes[static_cast<std::size_t>(id)]; }
    /// Entries of map `map` (pairs of key and value).
    std::size_t entry_count(NodeId map) const { return (*this)[map].children.size() / 2; }
    /// The key of entry `i` of map `map`.
    NodeId key_at(NodeId map, std::size_t i) const { return (*this)[map].children[2 * i]; }
    /// The value of entry `i` of map `map`.
    NodeId value_at(NodeId map, std::size_t i) const { return (*this)[map].children[2 * i + 1]; }
    /// Items of a sequence, or entries of a map.
    std::size_t item_count(NodeId collection) const {
        const YamlNode& node = (*this)[collection];
        return node.kind == NodeKind::Map ? node.children.size() / 2 : node.children.size();
    }
    /// Where item (or entry) `i` of a collection begins: the item, or the entry's key.
    NodeId item_start(NodeId collection, std::size_t i) const {
        const YamlNode& node = (*this)[collection];
        return node.children[node.kind == NodeKind::Map ? 2 * i : i];
    }
    /// True when `id` is the key (not the value) of a map entry.
    bool is_key(NodeId id) const;
    /// The value of `key` in map `map`, or k_no_node (also when `map` is not a map).
    NodeId get(NodeId map, std::string_view key) const;
    /// Follows `get` along a dotted path such as "spec.template".
    NodeId path(NodeId from, std::string_view dotted) const;
    /// The scalar value of `key` in `map` if it is a scalar, else "".
    std::string scalar(NodeId map, std::string_view key) const;
    /// True when `id` or one of its ancestors carries an anchor (editing it would change aliases).
    bool inside_anchor(NodeId id) const;
};

/// Where a document sits in its input, for error messages.
struct DocumentOrigin {
    std::string file;
    int first_line = 1;  ///< 1-based line of the document's first byte in the file
};

/// Parses exactly one document with libyaml, the parser Kubernetes' go-yaml is a port of (an empty
/// or comment-only text gives a tree with no root). Fails with file:line:column and the source
/// line on syntax errors (naming where the construct began when libyaml says so), duplicate keys,
/// collections used as keys, unknown aliases, nesting beyond limits.max_depth, more than
/// limits.max_nodes_per_document nodes, scalars over limits.max_scalar_bytes, or a second
/// document in the same text.
core::Result<YamlTree> parse_document(std::string_view text, const DocumentOrigin& origin, const core::Limits& limits);

/// Error at `offset` in the document, with the file position and the source line.
core::Error document_error(const YamlTree& tree, const DocumentOrigin& origin, std::size_t offset, std::string message,
                           core::ErrorCode code = core::ErrorCode::Input);

}  // namespace mesh::manifest
