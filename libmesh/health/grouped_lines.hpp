#pragma once
// Many proxies failing for one reason, said once: for people's output (JSON keeps every line).

#include <cstddef>
#include <string>
#include <vector>

namespace mesh::health {

/// `error`'s lines for people: lines "* NAME: REASON" that share a reason become one line,
/// "* REASON: COUNT (NAME, NAME, NAME and N more)", at the place of the first; other lines stay.
std::vector<std::string> grouped_error_lines(const std::string& error, std::size_t names_shown = 3);

}  // namespace mesh::health
