#pragma once
// `mesh check --endpoints`: where each proxy's io.l5d.k8s clients think they can send traffic
// (/client_state.json), against the service's endpoints in Kubernetes. Linkerd's namer missing
// a watch update leaves it sending to pods that are gone ("No hosts are available" while the pods
// are fine: linkerd/linkerd #1626, #1730, #2079).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "libmesh/admin/linker_config.hpp"
#include "libmesh/health/check_report.hpp"
#include "libmesh/health/proxy_sample.hpp"
#include "libmesh/health/proxy_target.hpp"
#include "libmesh/kube/endpoints.hpp"

namespace mesh::health {

/// A client bound by the io.l5d.k8s namer: `/#/io.l5d.k8s/NAMESPACE/PORT/SERVICE`, or under the
/// namer's configured `prefix`.
struct K8sClientName {
    std::string namespace_name, port, service;
};

/// The paths io.l5d.k8s namers mount under, as Linkerd makes them (`/#` then the namer's `prefix`,
/// by default `/io.l5d.k8s`), each with a trailing '/': always the default one (a router whose
/// names namerd binds uses namerd's namers, which the proxy's config does not show), then the
/// prefix of every io.l5d.k8s namer in `config` (may be null) without transformers.
std::vector<std::string> k8s_namer_paths(const admin::LinkerConfig* config);

/// The namespace, port and service of a client named under one of `namer_paths`, or nullopt for
/// any other client (other namers, and clients rewritten by transformers such as
/// io.l5d.k8s.daemonset, whose addresses are l5d pods rather than the service's).
std::optional<K8sClientName> k8s_client_name(const std::string& client,
                                             const std::vector<std::string>& namer_paths = k8s_namer_paths(nullptr));

/// One client of one proxy, compared.
struct ClientComparison {
    std::string client;  ///< as in /client_state.json
    std::string state;   ///< "bound", "Neg", ...
    std::string source;  ///< "EndpointSlice" or "Endpoints"; empty when Kubernetes could not be asked
    std::size_t linkerd = 0, kubernetes = 0;
    std::vector<std::string> stale;    ///< in Linkerd, gone from Kubernetes
    std::vector<std::string> missing;  ///< in Kubernetes, unknown to Linkerd
    std::string error;                 ///< why Kubernetes could not be asked
};

/// Every compared client of one proxy.
struct ProxyEndpoints {
    std::string proxy;
    std::optional<double> uptime_s;
    std::optional<std::string> unreadable;  ///< why its /client_state.json gave nothing
    std::vector<ClientComparison> clients;
};

/// Every proxy's comparisons.
struct EndpointReport {
    std::vector<ProxyEndpoints> proxies;
};

/// Looks up a service's ready endpoints (namespace, service, port).
using EndpointLookup =
    std::function<core::Result<kube::ServiceEndpoints>(const std::string&, const std::string&, const std::string&)>;

/// Compares every io.l5d.k8s client of every sampled proxy with `lookup`, asking once per service
/// port; `samples` are in target order.
EndpointReport compare_endpoints(const std::vector<ProxyTarget>& targets, const std::vector<ProxySample>& samples,
                                 const EndpointLookup& lookup);

/// The report as the `linkerd-endpoints` category: no stale endpoints (error), no missing ones
/// (warning; error when Linkerd has none at all), every client compared.
CheckCategory endpoint_category(const EndpointReport& report);

/// "3d4h", "2h5m", "4m10s", "12s".
std::string uptime_text(double seconds);

}  // namespace mesh::health
