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
#include "libmesh/kube/api_client.hpp"
#include "libmesh/kube/rest_config.hpp"
#include "libmesh/kube/workload_pods.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::health {

/// Which application pods `mesh check --workloads` lists (its own scope: -n/-l choose the l5d pods).
struct WorkloadScope {
    std::vector<std::string> namespaces;  ///< empty: the context's namespace, else "default"
    bool all_namespaces = false;
    std::string selector;  ///< label selector; empty: every pod
    int page_size = 500;
};

/// The application pods listed, or why they could not be.
struct WorkloadListing {
    std::vector<kube::WorkloadPod> pods;
    std::vector<std::string> namespaces;  ///< as resolved; empty with all_namespaces
    std::string error;                    ///< set when listing failed
};

/// Where the proxy pods are and how to reach them.
struct KubeDiscoveryOptions {
    kube::KubeOverrides overrides;  ///< kubeconfig, context, server, token, request timeout...
    std::string namespace_name = "linkerd";
    std::string selector = "app=l5d";
    int admin_port = 9990;                   ///< when a pod does not name its admin port
    bool direct = false;                     ///< the pod IP instead of the API server's pod proxy
    bool cluster_checks = false;             ///< also run the checks of `mesh check`
    std::optional<WorkloadScope> workloads;  ///< also list these application pods
};

/// Proxies found, plus the Kubernetes checks made on the way (empty unless asked for).
struct DiscoveredProxies {
    std::vector<ProxyTarget> targets;
    std::vector<CheckCategory> kube_checks;
    std::optional<WorkloadListing> workloads;  ///< set when asked for and the API could be queried
    std::shared_ptr<kube::ApiClient> api;      ///< the API server the proxies were found through, for later questions
};

/// Lists the proxy pods (kubeconfig or in-cluster credentials) and makes an admin target of each:
/// through the API server's pod proxy, or at the pod IP when `direct`. `log`, when set, gets one
/// line per API request.
core::Result<DiscoveredProxies> discover_kube_proxies(const KubeDiscoveryOptions& options,
                                                      const kube::KubeEnvironment& env, net::HttpClient& client,
                                                      const net::Request& admin_template,
                                                      const std::function<void(const std::string&)>& log);

}  // namespace mesh::health
