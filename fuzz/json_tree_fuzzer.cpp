// libFuzzer target, differential twice over: json_tree of any bytes accepts exactly what
// nlohmann::json accepts (but bytes after a NUL, which nlohmann ignores) and means the same
// values (a repeated key keeping its last); and for any JSON document, json_tree of its compact
// and indented dumps equals manifest::parse_document's tree of the same text, node for node,
// whenever the libyaml reader parses it.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "libmesh/core/json_document.hpp"
#include "libmesh/manifest/yaml_tree.hpp"
#include "libmesh/webhook/json_tree.hpp"

namespace {

using mesh::manifest::NodeId;
using mesh::manifest::NodeKind;
using mesh::manifest::YamlTree;

nlohmann::json value_of(const YamlTree& tree, NodeId id) {
    const auto& node = tree[id];
    switch (node.kind) {
    case NodeKind::Null: return nullptr;
    case NodeKind::Scalar: return node.plain ? nlohmann::json::parse(node.value) : nlohmann::json(node.value);
    case NodeKind::Sequence: {
        auto array = nlohmann::json::array();
        for (NodeId item : node.children) array.push_back(value_of(tree, item));
        return array;
    }
    case NodeKind::Map: {
        auto object = nlohmann::json::object();
        for (std::size_t i = 0; i < tree.entry_count(id); ++i) {
            const std::string& key = tree[tree.key_at(id, i)].value;
            if (object.contains(key)) std::abort();  // a repeated key left in the map
            object[key] = value_of(tree, tree.value_at(id, i));
        }
        return object;
    }
    case NodeKind::Alias: break;
    }
    std::abort();
}

void same_as_yaml_reader(const std::string& text) {
    mesh::core::Limits limits;
    auto expected = mesh::manifest::parse_document(text, {"fuzz", 1}, limits);
    auto actual = mesh::webhook::json_tree(text, limits);
    // libyaml refuses implicit keys over 1024 characters (YAML's own limit, which JSON does not
    // have), surrogate escapes, and more; texts both read must agree.
    if (!expected || !actual) {
        if (expected && !actual) std::abort();
        return;
    }
    if (expected->nodes.size() != actual->nodes.size() || expected->root != actual->root) std::abort();
    for (std::size_t i = 0; i < expected->nodes.size(); ++i) {
        const auto& e = expected->nodes[i];
        const auto& a = actual->nodes[i];
        if (e.kind != a.kind || e.flow != a.flow || e.plain != a.plain || e.start != a.start ||
            e.raw_end != a.raw_end || e.line != a.line || e.column != a.column || e.parent != a.parent ||
            e.tag != a.tag || e.value != a.value || e.children != a.children)
            std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string raw(reinterpret_cast<const char*>(data), size);
    mesh::core::Limits limits;
    auto tree = mesh::webhook::json_tree(raw, limits);
    bool accepted = nlohmann::json::accept(raw);
    bool comparable = raw.find('\0') == std::string::npos && mesh::core::json_nesting_within(raw, limits.max_depth);
    if (comparable && accepted != static_cast<bool>(tree)) std::abort();
    if (tree && !accepted) std::abort();
    if (!accepted) return 0;
    auto value = nlohmann::json::parse(raw, nullptr, false);
    if (value.is_discarded()) std::abort();
    if (tree && tree->root != mesh::manifest::k_no_node && value_of(*tree, tree->root) != value) std::abort();
    try {
        same_as_yaml_reader(value.dump());
        same_as_yaml_reader(value.dump(2));
    } catch (const nlohmann::json::exception&) {
        // dump refuses strings that are not UTF-8: parse checked them, so none here.
        std::abort();
    }
    return 0;
}
