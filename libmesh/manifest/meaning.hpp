#pragma once
// What a document means to Kubernetes, as JSON: used to check every edit (the output must mean
// the input plus exactly the planned additions) and to compare documents in tests.

#include <nlohmann/json.hpp>

#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::manifest {

/// The document as JSON: plain scalars resolved as go-yaml v2 does, quoted scalars as strings,
/// aliases expanded. Fails when expanding aliases would produce more than `max_nodes` nodes.
core::Result<nlohmann::json> document_meaning(const YamlTree& tree, const DocumentOrigin& origin,
                                              std::size_t max_nodes);

/// What one scalar means: quoted and block scalars, and plain ones tagged !!str, are strings;
/// other plain scalars are resolved as go-yaml v2 does (null, bool, number or string). `tag` is
/// the resolved tag ("tag:yaml.org,2002:str") or empty.
nlohmann::json scalar_meaning(const std::string& value, bool plain, std::string_view tag);

/// How many nodes a meaning holds (itself and everything below it): what an alias costs.
std::size_t meaning_node_count(const nlohmann::json& meaning);

/// Turns a document_meaning into plain JSON (numbers as JSON numbers, as Kubernetes converts
/// them); fails on numbers JSON cannot hold (.inf, .nan).
core::Result<nlohmann::json> output_json(const nlohmann::json& meaning);

/// The JSON value of a NewValue (strings and booleans as JSON strings and booleans).
nlohmann::json new_value_json(const struct NewValue& value);

}  // namespace mesh::manifest
