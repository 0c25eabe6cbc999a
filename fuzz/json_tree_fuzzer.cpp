// libFuzzer target, differential: for any JSON document, json_tree of its compact dump must equal
// manifest::parse_document's tree of the same text, node for node, whenever the libyaml reader parses it.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "libmesh/manifest/yaml_tree.hpp"
#include "libmesh/webhook/json_tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto value = nlohmann::json::parse(data, data + size, nullptr, false);
    if (value.is_discarded()) return 0;
    std::string text;
    try {
        text = value.dump();
    } catch (const nlohmann::json::exception&) {
        return 0;
    }
    mesh::core::Limits limits;
    auto expected = mesh::manifest::parse_document(text, {"fuzz", 1}, limits);
    auto actual = mesh::webhook::json_tree(text, limits);
    // libyaml refuses implicit keys over 1024 characters (YAML's own limit, which JSON does not
    // have); that is the one text the scan accepts and libyaml does not.
    if (!expected || !actual) {
        if (expected && !actual) std::abort();
        return 0;
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
    return 0;
}
