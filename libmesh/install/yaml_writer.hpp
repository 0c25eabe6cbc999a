#pragma once
// Block YAML for objects mesh builds itself (install manifests), in the key order they were built.

#include <string>

#include <nlohmann/json.hpp>

namespace mesh::install {

/// Block YAML for a JSON object or array, kubectl's layout (two spaces, lists not indented under
/// their key); multi-line strings become literal blocks, and strings a YAML 1.1 reader could take
/// for another type are quoted. The same value always gives the same bytes.
std::string to_block_yaml(const nlohmann::ordered_json& value);

}  // namespace mesh::install
