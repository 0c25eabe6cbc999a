#pragma once
// Reading `mesh check -o json` documents in tests.

#include <nlohmann/json.hpp>

#include <string>

namespace mesh::testing {

/// The check whose description starts with `description_start`, in any category; null if none.
inline const nlohmann::json* find_check(const nlohmann::json& doc, const std::string& description_start) {
    for (const auto& category : doc["categories"])
        for (const auto& check : category["checks"])
            if (check["description"].get<std::string>().rfind(description_start, 0) == 0) return &check;
    return nullptr;
}

}  // namespace mesh::testing
