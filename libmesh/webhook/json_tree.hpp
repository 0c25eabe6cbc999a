#pragma once
// The YamlTree of a compact JSON text, built by a direct scan feeding manifest::TreeBuilder: the
// webhook's pods arrive as JSON, and a YAML parser is not needed to read them.

#include <string_view>

#include "libmesh/core/error.hpp"
#include "libmesh/core/limits.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::webhook {

/// The tree manifest::parse_document gives for `text` (the same TreeBuilder builds both, with the
/// same limits and messages), which must be nlohmann::json::dump() output (compact: no
/// whitespace; strings escaped only as dump escapes them). Columns count bytes (libyaml counts
/// characters). Unlike libyaml it accepts keys over 1024 characters (a YAML limit on implicit
/// keys, not a JSON one). Fails on text that is not such output.
core::Result<manifest::YamlTree> json_tree(std::string_view text, const core::Limits& limits);

}  // namespace mesh::webhook
