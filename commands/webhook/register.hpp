#pragma once
// The webhook family: serve and manifests.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace mesh::commands {

/// Adds `mesh webhook` and its verbs.
void register_webhook(CLI::App& app, cli::Context& ctx);
/// Each adds one verb under `mesh webhook`.
void register_webhook_serve(CLI::App& parent, cli::Context& ctx);
void register_webhook_manifests(CLI::App& parent, cli::Context& ctx);

}  // namespace mesh::commands
