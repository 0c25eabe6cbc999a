#pragma once
// Parsing small JSON documents (admin endpoints, API server answers) with a size limit and located errors.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "libmesh/core/error.hpp"

namespace mesh::core {

/// Parses `text` (at most `max_bytes`) as JSON; errors name `what` and the line and column.
Result<nlohmann::json> parse_json_document(std::string_view text, const std::string& what,
                                           std::size_t max_bytes = 16u << 20);

}  // namespace mesh::core
