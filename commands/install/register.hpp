#pragma once
// The install family: `mesh install` (Linkerd's DaemonSet) and `mesh install namerd`.

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace mesh::commands {

/// Adds `mesh install` and `mesh install namerd`.
void register_install(CLI::App& app, cli::Context& ctx);
/// Adds `mesh install namerd` under `mesh install`.
void register_install_namerd(CLI::App& parent, cli::Context& ctx);

}  // namespace mesh::commands
