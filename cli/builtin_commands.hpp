#pragma once
// The commands the framework itself provides: they describe mesh rather than do its jobs.

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace mesh::cli {

/// Adds `mesh version`.
void register_version(CLI::App& app, Context& ctx);

/// Adds `mesh completion` and the hidden `__generate` and `__complete`.
void register_completion(CLI::App& app, Context& ctx);

/// Adds `mesh help [COMMAND...]`.
void register_help(CLI::App& app, Context& ctx);

/// Sets the root's description and examples; call after every command (CLI11 copies the root's
/// footer into each new subcommand).
void register_program(CLI::App& app, Context& ctx);

}  // namespace mesh::cli
