#pragma once
// Objects as the stream `kubectl apply -f -` reads.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mesh::install {

/// YAML documents, each starting with `---`.
std::string render_yaml(const std::vector<nlohmann::ordered_json>& objects);

/// One JSON document: a v1 List of the objects, indented as `kubectl get -o json` writes it.
std::string render_json(const std::vector<nlohmann::ordered_json>& objects);

}  // namespace mesh::install
