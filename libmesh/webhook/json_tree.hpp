#pragma once
// The YamlTree of a JSON text, built by a direct scan feeding manifest::TreeBuilder: the webhook's
// pods arrive as JSON, and a YAML parser is not needed to read them.

#include <string_view>

#include "libmesh/core/error.hpp"
#include "libmesh/core/limits.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::webhook {

/// The tree manifest::parse_document gives for the JSON `text` (the same TreeBuilder builds both,
/// with the same limits and messages), for any JSON, compact or not (see JsonScanner for what is
/// accepted). Where JSON and YAML part, JSON decides: a key that comes twice keeps its last value
/// (as Go's encoding/json and Kubernetes' non-strict decoding do; the YAML reader refuses it),
/// "\uD83D\uDE00" is one character, keys may be over 1024 characters, and "\u2028" or a tab in
/// a string is just a character. Fails on text that is not JSON, or past `limits`.
core::Result<manifest::YamlTree> json_tree(std::string_view text, const core::Limits& limits);

}  // namespace mesh::webhook
