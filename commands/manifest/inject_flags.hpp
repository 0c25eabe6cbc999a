#pragma once
// The injection flags `mesh inject` and `mesh webhook serve` share, so both inject the same way.

#include <string>

#include "cli/command.hpp"
#include "libmesh/inject/inject_config.hpp"

namespace mesh::commands {

/// What the flags set; `config` takes the rest directly.
struct InjectFlags {
    inject::InjectConfig config;
    std::string mode = "http-proxy";
    std::string protocol = "http";
    int proxy_port = 0;
};

/// Adds --mode, --protocol, --proxy-port, --proxy-env, --no-proxy, --overwrite-env, --init-image,
/// --linkerd-svc-name, --use-service-vip, --privileged, --init-arg and, when `skip_refused`,
/// --skip-refused, then --allow-host-network.
void add_inject_flags(CLI::App& command, InjectFlags& flags, bool skip_refused);

/// Folds --mode, --protocol and --proxy-port into flags.config.
void resolve_inject_flags(InjectFlags& flags);

}  // namespace mesh::commands
