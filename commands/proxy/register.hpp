#pragma once
// The proxy family: status and check against live proxies' admin endpoints.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace mesh::commands {

/// Adds `mesh status`.
void register_status(CLI::App& app, cli::Context& ctx);
/// Adds `mesh check`.
void register_check(CLI::App& app, cli::Context& ctx);

}  // namespace mesh::commands
