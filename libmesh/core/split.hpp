#pragma once
// Splitting text on one separator character.

#include <string>
#include <string_view>
#include <vector>

namespace mesh::core {

/// The parts of `text` between `separator`s, empty ones included: "a//b" gives "a", "", "b",
/// "a/" gives "a", "", and "" gives one empty part.
std::vector<std::string> split(std::string_view text, char separator);

}  // namespace mesh::core
