#pragma once
// An oracle independent of mesh's own tree builder: yaml-cpp's Node API (LoadAll) turned into JSON
// with go-yaml v2's scalar rules, to compare what two manifests mean.

#include <string>

#include <nlohmann/json.hpp>

namespace mesh::testing {

/// Every non-empty document of `text` as a JSON array of documents. Throws on parse errors.
nlohmann::json oracle_meaning(const std::string& text);

/// Removes from a document's JSON what `mesh inject` recorded in each pod template's marker
/// (env vars by name, the init container, the marker, keys it created), for comparison with the input.
void strip_injection(nlohmann::json& document);

}  // namespace mesh::testing
