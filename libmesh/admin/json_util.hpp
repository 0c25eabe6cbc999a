#pragma once
// Parsing small admin JSON documents with a size limit and located errors.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "libmesh/core/error.hpp"

namespace mesh::admin {

/// Parses `text` (at most `max_bytes`) as JSON; errors name `what` and the line and column.
core::Result<nlohmann::json> parse_json_document(std::string_view text, const std::string& what,
                                                 std::size_t max_bytes = 16u << 20);

}  // namespace mesh::admin
