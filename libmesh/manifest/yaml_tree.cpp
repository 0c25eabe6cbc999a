#include "libmesh/manifest/yaml_tree.hpp"

#include "libmesh/core/text_position.hpp"

namespace mesh::manifest {

NodeId YamlTree::get(NodeId map, std::string_view key) const {
    if (map == k_no_node || (*this)[map].kind != NodeKind::Map) return k_no_node;
    for (std::size_t i = 0, n = entry_count(map); i < n; ++i) {
        const YamlNode& k = (*this)[key_at(map, i)];
        if (k.kind == NodeKind::Scalar && k.value == key) return value_at(map, i);
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

bool YamlTree::is_key(NodeId id) const {
    NodeId parent = (*this)[id].parent;
    if (parent == k_no_node || (*this)[parent].kind != NodeKind::Map) return false;
    for (std::size_t i = 0; i < entry_count(parent); ++i)
        if (key_at(parent, i) == id) return true;
    return false;
}

bool YamlTree::inside_anchor(NodeId id) const {
    for (; id != k_no_node; id = (*this)[id].parent)
        if ((*this)[id].anchored) return true;
    return false;
}

core::Error document_error(const YamlTree& tree, const DocumentOrigin& origin, std::size_t offset, std::string message,
                           core::ErrorCode code) {
    return core::error_at_offset(code, std::move(message), tree.text, offset, origin.file, origin.first_line);
}

}  // namespace mesh::manifest
