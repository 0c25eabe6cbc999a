#pragma once
// Every command family wired into the framework: what `main` runs and the tests run in process.

#include "cli/command.hpp"

namespace mesh::commands {

/// mesh's commands in the order `mesh --help` lists them, and its personalities.
const cli::CommandSet& all_commands();

}  // namespace mesh::commands
