#pragma once
// Writing a document in another format than it was written in (`-o json`, `-o yaml`).

#include <string>

#include <nlohmann/json.hpp>

#include "libmesh/manifest/new_value.hpp"

namespace mesh::manifest {

/// Block YAML for a JSON value (a document), strings quoted wherever a YAML 1.1 reader could take
/// them for another type.
std::string json_to_block_yaml(const nlohmann::json& value);

/// The NewValue form of a JSON value.
NewValue json_to_new_value(const nlohmann::json& value);

}  // namespace mesh::manifest
