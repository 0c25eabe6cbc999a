#pragma once
// Reading fields of API server objects that may be missing or of the wrong type: a hostile or odd
// answer reads as an absent field, never as an exception.

#include <string>

#include <nlohmann/json.hpp>

namespace mesh::kube {

/// The member `key` of `j`, or null when `j` is not an object or has no such member.
const nlohmann::json& field(const nlohmann::json& j, const char* key);

/// The member `key` of `j` when it is a string; empty otherwise.
std::string string_field(const nlohmann::json& j, const char* key);

}  // namespace mesh::kube
