#pragma once
// `mesh check --endpoints`: its flag and its part of the JSON document.

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "libmesh/health/endpoint_checks.hpp"
#include "libmesh/kube/api_client.hpp"

namespace mesh::commands {

/// Adds --endpoints to `cmd`.
void add_endpoints_option(CLI::App* cmd, bool& enabled);

/// A usage error when --endpoints comes with proxies given directly (the endpoints are Kubernetes').
core::Result<void> validate_endpoints_option(bool enabled, bool proxies_given);

/// Compares every sampled proxy's io.l5d.k8s clients with Kubernetes through `api`.
health::EndpointReport compare_with_kubernetes(kube::ApiClient& api, const std::vector<health::ProxyTarget>& targets,
                                               const std::vector<health::ProxySample>& samples);

/// `{"proxies": [{"name", "uptime_s", "error", "clients": [{"client", "state", "source", "linkerd",
/// "kubernetes", "stale", "missing", "error"}]}]}`.
nlohmann::ordered_json endpoints_json(const health::EndpointReport& report);

}  // namespace mesh::commands
