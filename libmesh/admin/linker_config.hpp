#pragma once
// Linkerd 1 `/config.json`: the routers, their dtabs and ports, and the admin address.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libmesh/core/error.hpp"

namespace mesh::admin {

/// One router as configured.
struct RouterConfig {
    std::string label;  ///< `label`, else the protocol (as the dashboard names it)
    std::string protocol;
    std::string dtab;  ///< as written in the config; empty when unset
    std::vector<int> server_ports;
    double percent_can_retry = 0.2;  ///< service.retries.budget.percentCanRetry, default 0.2
    std::string interpreter;         ///< interpreter.kind, e.g. io.l5d.namerd; empty = default
};

/// One namer as configured; `pattern` and `name` are io.l5d.rewrite's.
struct NamerConfigEntry {
    std::string kind;
    std::string prefix;  ///< as written (`/portNsSvcToK8s`), mounted under `/#`; empty when unset
    std::string pattern, name;
    bool transformed = false;  ///< has `transformers`: its clients are named under `/%/`, not `/#`
};

/// The loaded config as the proxy reports it.
struct LinkerConfig {
    std::optional<std::string> admin_ip;
    std::optional<int> admin_port;
    std::vector<RouterConfig> routers;
    std::vector<NamerConfigEntry> namers;
};

/// Parses `/config.json`.
core::Result<LinkerConfig> parse_linker_config(std::string_view json);

/// The router labelled `label` (as the dashboard names it: label, else protocol), or the first
/// router when `label` is empty (the dashboard's dtab playground opens on it); an error naming
/// the routers there are otherwise.
core::Result<const RouterConfig*> find_router(const LinkerConfig& config, const std::string& label);

}  // namespace mesh::admin
