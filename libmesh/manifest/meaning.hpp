#pragma once
// What a document means to Kubernetes, as JSON: used to check every edit (the output must mean
// the input plus exactly the planned additions) and to compare documents in tests.

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::manifest {

/// The document as JSON: plain scalars resolved as go-yaml v2 does, quoted scalars as strings,
/// aliases expanded. Fails when expanding aliases would produce more than `max_nodes` nodes.
core::Result<nlohmann::json> document_meaning(const YamlTree& tree, const DocumentOrigin& origin,
                                              std::size_t max_nodes);

/// document_meaning of a tree without anchors, built only along `pointers` (the paths of a JSON
/// Patch): each node on a path, and the node it ends at, is built one level deep; every other
/// subtree is a placeholder, a JSON unsigned number holding its NodeId (meanings hold numbers as
/// {"\x01number": text} objects, so no real value looks like one). Applying the patch to it
/// moves placeholders like any value; text_means compares each with its node in the tree, so
/// the subtrees an edit did not touch are never turned into JSON. nullopt when the tree has
/// anchors or no root, or a path goes through a node the tree lacks (then only document_meaning
/// can tell).
std::optional<nlohmann::json> partial_meaning(const YamlTree& tree, const std::vector<std::string_view>& pointers);

/// The node a partial_meaning placeholder stands for, or nullopt when `meaning` is not one.
std::optional<NodeId> placeholder_node(const nlohmann::json& meaning);

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
