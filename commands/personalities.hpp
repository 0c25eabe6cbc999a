#pragma once
// Other programs mesh can stand in for, chosen by the name it is invoked as.

#include <functional>
#include <string>
#include <vector>

#include "commands/command.hpp"

namespace mesh::commands {

/// Runs a whole invocation under another program's command-line conventions.
using Personality = std::function<int(const std::vector<std::string>& args, Context& ctx)>;

/// The personality for a program name (`linkerd-inject`, `namerctl`), or an empty function.
Personality find_personality(const std::string& program_name);

}  // namespace mesh::commands
