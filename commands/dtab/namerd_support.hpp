#pragma once
// Finding namerd (--namerd, $NAMERD_URL, $NAMERCTL_BASE_URL) and the flags every online command has.

#include <string>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "libmesh/namerd/client.hpp"

namespace mesh::commands {

/// How to reach namerd.
struct NamerdOptions {
    std::string url;        ///< --namerd; empty: take it from the environment
    double timeout_s = 30;  ///< --request-timeout
};

/// Adds --request-timeout to `cmd`.
void add_namerd_transport_flags(CLI::App& cmd, NamerdOptions& opts);

/// A client for --namerd, else $NAMERD_URL, else $NAMERCTL_BASE_URL; a usage error if none.
core::Result<namerd::Client> make_namerd_client(const NamerdOptions& opts, cli::Io& io);

}  // namespace mesh::commands
