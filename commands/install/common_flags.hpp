#pragma once
// Flags `mesh install` and `mesh install namerd` share, and how both print their objects.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "libmesh/install/install_options.hpp"

namespace mesh::commands {

/// Adds -n, --linkerd-version, --registry, --kubectl-image, --service-type and -o to `cmd`.
void add_install_common_flags(CLI::App& cmd, install::CommonOptions& options, std::string& output);

/// Writes the objects as YAML or JSON (`output`), or returns the error that made them.
cli::Outcome print_objects(cli::Io& io, const core::Result<std::vector<nlohmann::ordered_json>>& objects,
                           const std::string& output);

}  // namespace mesh::commands
