#pragma once
// The dtab family: the offline verbs, the namerd verbs, and the namerctl personality.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace mesh::commands {

/// Adds `mesh dtab` and all its verbs.
void register_dtab(CLI::App& app, cli::Context& ctx);
/// Each adds one verb (or, for namerd, the online verbs) under `mesh dtab`.
void register_dtab_fmt(CLI::App& dtab, cli::Context& ctx);
void register_dtab_lint(CLI::App& dtab, cli::Context& ctx);
void register_dtab_delegate(CLI::App& dtab, cli::Context& ctx);
void register_dtab_diff(CLI::App& dtab, cli::Context& ctx);
void register_dtab_namerd(CLI::App& dtab, cli::Context& ctx);
/// Runs a whole invocation with namerctl's command line.
cli::Outcome run_namerctl(const std::vector<std::string>& args, cli::Context& ctx);

}  // namespace mesh::commands
