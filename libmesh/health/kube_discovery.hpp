#pragma once
// Finding proxy pods through the Kubernetes API (for `mesh status` and `mesh check`), and the
// cluster checks `mesh check` runs on the way.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "libmesh/health/check_report.hpp"
#include "libmesh/health/proxy_target.hpp"
#include "libmesh/health/workload_listing.hpp"
#include "libmesh/kube/api_client.hpp"
#include "libmesh/kube/rest_config.hpp"
#include "libmesh/kube/workload_pods.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::health {

/// Where the proxy pods are and how to reach them.
struct KubeDiscoveryOptions {
    kube::KubeOverrides overrides;  ///< kubeconfig, context, server, token, request timeout...
    std::string namespace_name = "linkerd";
    std::string selector = "app=l5d";
    int admin_port = 9990;                   ///< when a pod does not name its admin port
    bool direct = false;                     ///< the pod IP instead of the API server's pod proxy
    bool cluster_checks = false;             ///< also run the checks of `mesh check`
    std::optional<WorkloadScope> workloads;  ///< also list these application pods
    /// Polled while the API is asked and an exec plugin runs, and by the workload listing's thread
    /// (may be empty): true ends them at once (Ctrl-C).
    std::function<bool()> cancelled;
};

/// Proxies found, plus the Kubernetes checks made on the way (empty unless asked for).
struct DiscoveredProxies {
    std::vector<ProxyTarget> targets;
    std::vector<CheckCategory> kube_checks;
    /// The application pods, listed on their own thread while the caller samples the proxies
    /// (wait() for them): set when asked for and the API could be queried.
    std::unique_ptr<WorkloadListingThread> workloads;
    std::shared_ptr<kube::ApiClient> api;  ///< the API server the proxies were found through, for later questions
};

/// Lists the proxy pods (kubeconfig or in-cluster credentials) and makes an admin target of each:
/// through the API server's pod proxy, or at the pod IP when `direct`. `log`, when set, gets one
/// line per API request, from the workload listing's threads too.
core::Result<DiscoveredProxies> discover_kube_proxies(const KubeDiscoveryOptions& options,
                                                      const kube::KubeEnvironment& env, net::HttpClient& client,
                                                      const net::Request& admin_template,
                                                      const std::function<void(const std::string&)>& log);

}  // namespace mesh::health
