#pragma once
// Other programs mesh can stand in for, chosen by the name it is invoked as.

#include <string>

#include "cli/command.hpp"

namespace mesh::cli {

/// The personality for a program name (`linkerd-inject`, `namerctl`), or an empty function.
Personality find_personality(const CommandSet& commands, const std::string& program_name);

}  // namespace mesh::cli
