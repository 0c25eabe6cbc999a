#pragma once
// The manifest family: inject, uninject, and the linkerd-inject personality.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace mesh::commands {

/// Adds `mesh inject`.
void register_inject(CLI::App& app, cli::Context& ctx);
/// Adds `mesh uninject`.
void register_uninject(CLI::App& app, cli::Context& ctx);
/// Runs a whole invocation with linkerd-inject's command line.
cli::Outcome run_linkerd_inject(const std::vector<std::string>& args, cli::Context& ctx);

}  // namespace mesh::commands
