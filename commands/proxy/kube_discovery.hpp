#pragma once
// Finding proxy pods through the Kubernetes API for `mesh status` / `mesh check`.

#include "commands/proxy/proxy_source.hpp"

namespace mesh::commands {

/// Lists the proxy pods (kubeconfig or in-cluster credentials) and makes an admin target of each:
/// through the API server's pod proxy, or at the pod IP with --direct.
core::Result<ResolvedProxies> discover_kube_proxies(const ProxySourceOptions& options, cli::Context& ctx,
                                                    net::HttpClient& client, const net::Request& admin_template);

}  // namespace mesh::commands
