#pragma once
// Whether a text means a given meaning, decided while libyaml reads it: no tree and no second
// meaning are built, and the comparison stops at the first difference. The verification of every
// edit uses it; document_meaning of parse_document stays the reference it must agree with.

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "libmesh/core/limits.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::manifest {

/// True when `text` (one YAML document) means exactly `expected` (a document_meaning), false when
/// it means something else or would not be read (duplicate keys, a collection as a key, a scalar
/// over limits.max_scalar_bytes, a second document); nullopt when this reader cannot tell: a
/// syntax error, anchors or aliases. Then parse_document and document_meaning must decide.
/// With `base`, placeholders in `expected` (see partial_meaning) stand for base's nodes.
std::optional<bool> text_means(std::string_view text, const nlohmann::json& expected, const core::Limits& limits,
                               const YamlTree* base = nullptr);

}  // namespace mesh::manifest
