#pragma once
// The YamlTree of a compact JSON text, built by a direct scan instead of yaml-cpp: the webhook's
// pods arrive as JSON, and yaml-cpp's scanner was the largest single cost of a review.

#include <string_view>

#include "libmesh/core/error.hpp"
#include "libmesh/core/limits.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::webhook {

/// The tree manifest::parse_document gives for `text`, which must be nlohmann::json::dump()
/// output (compact: no whitespace; strings escaped only as dump escapes them). Node kinds,
/// styles, tags, values, offsets, lines, columns and raw ends are the same; so are the limit
/// errors' messages (nodes, depth, scalar size), though not their positions. Unlike yaml-cpp it
/// accepts keys over 1024 characters (a YAML limit on implicit keys, not a JSON one). Fails on
/// text that is not such output.
core::Result<manifest::YamlTree> json_tree(std::string_view text, const core::Limits& limits);

}  // namespace mesh::webhook
