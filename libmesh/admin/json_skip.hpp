#pragma once
// Skipping a JSON value that nobody reads, in one tight loop: four fifths of a Linkerd metrics
// tree is such values when `mesh status` reads it, and reading them event by event was most of its
// CPU time on 1,000 proxies.

#include <cstddef>
#include <optional>
#include <string_view>

namespace mesh::admin {

/// The end (the index just past it) of the JSON value that starts at `text[at]`, or nullopt when
/// this fast reading declines: the value is not valid JSON, the text ends inside it, it nests
/// deeper than 64, or it holds a backslash (escapes are left to the full reading). The caller
/// then reads the value in full, which finds any error and says exactly where. What it accepts
/// is always a valid JSON value, as strictly as scan_json reads one.
std::optional<std::size_t> skip_json_value(std::string_view text, std::size_t at);

}  // namespace mesh::admin
