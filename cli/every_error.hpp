#pragma once
// Commands that check every input before writing anything report every failing one, not the first.

#include <vector>

#include "cli/command.hpp"
#include "libmesh/core/error.hpp"

namespace mesh::cli {

/// The first error is the command's failure; the others follow it, printed the same way, then one
/// line with their count ("mesh: 3 inputs failed; nothing was written"). `errors` is not empty.
CommandError every_error(const std::vector<core::Error>& errors);

}  // namespace mesh::cli
