#include "libmesh/webhook/json_tree.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "libmesh/core/result.hpp"
#include "libmesh/webhook/json_scanner.hpp"

namespace mesh::webhook {

core::Result<manifest::YamlTree> json_tree(std::string_view text, const core::Limits& limits) {
    manifest::YamlTree tree;
    tree.text = text;
    // As parse_document: growing the vector moves every node.
    tree.nodes.reserve(std::min<std::size_t>(text.size() / 12 + 4, 1u << 16));
    try {
        JsonScanner scanner(text, limits.max_depth);
        JsonTreeFeed feed(scanner, tree, limits, 0, 0);
        feed.value();
        scanner.finish();
        if (!feed.building()) return core::input_error(feed.failure().message);
        feed.finish();
    } catch (const JsonScanError& e) {
        if (e.kind == JsonScanError::Kind::TooDeep) return core::input_error(e.message);
        return core::input_error(fmt::format("not JSON at byte {}: {}", e.offset, e.message));
    }
    return tree;
}

}  // namespace mesh::webhook
