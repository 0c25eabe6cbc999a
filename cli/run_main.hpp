#pragma once
// The whole program as a function, so tests run it in process with string streams.

#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/io.hpp"

namespace mesh::cli {

/// Parses `args` (args[0] is the program name, whose base name picks a personality such as
/// `linkerd-inject` or `namerctl`), runs the command and returns the exit code.
int run_main(const std::vector<std::string>& args, Io& io, const CommandSet& commands);

}  // namespace mesh::cli
