#pragma once
// Parsing small JSON documents (admin endpoints, API server answers) with a size limit and located errors.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "libmesh/core/error.hpp"

namespace mesh::core {

/// False when JSON `text` nests objects and arrays deeper than `max_depth` (brackets in strings do
/// not count): a byte scan, cheap enough to run before any parser builds a hostile document.
bool json_nesting_within(std::string_view text, std::size_t max_depth);

/// Parses `text` (at most `max_bytes`) as JSON; errors name `what` and the line and column.
Result<nlohmann::json> parse_json_document(std::string_view text, const std::string& what,
                                           std::size_t max_bytes = 16u << 20);

}  // namespace mesh::core
