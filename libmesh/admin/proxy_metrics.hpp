#pragma once
// The parts of a Linkerd 1 metrics tree that status and check use, as plain structs.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "libmesh/admin/metrics_tree.hpp"

namespace mesh::admin {

/// One server, service or client scope of a router.
struct ScopeMetrics {
    std::string id;  ///< "0.0.0.0/4140", "svc/hello", "#/io.l5d.k8s/default/http/hello"
    std::optional<double> requests, success, failures, pending, connections;
    Stat latency_ms;  ///< request_latency_ms, last snapshot window
    std::map<std::string, double> failures_by_exception;
    // Client scopes only.
    std::optional<double> lb_size, lb_available, fa_removals, fa_removed_for_ms, retries_requeues;
    // Service scopes only.
    std::optional<double> retries_total, retries_budget_exhausted;
    /// Client scopes only: the client's traffic per service, `rt/<router>/client/<id>/service/<svc>`
    /// (Linkerd's PerDstPathStatsFilter: requests, success, failures, pending, request_latency_ms).
    std::vector<ScopeMetrics> services;
    bool operator==(const ScopeMetrics&) const = default;
};

/// One router (its label, or protocol when unlabelled) and its scopes.
struct RouterMetrics {
    std::string name;
    std::vector<ScopeMetrics> servers, services, clients;
    bool operator==(const RouterMetrics&) const = default;
};

/// A whole proxy's metrics.
struct ProxyMetrics {
    std::optional<double> uptime_ms, heap_used, heap_max, fd_count, fd_limit, gc_msec, thread_count;
    std::vector<RouterMetrics> routers;
    bool operator==(const ProxyMetrics&) const = default;
};

/// Extracts ProxyMetrics from a parsed tree: the whole tree (keys `rt`, `jvm`) or the `q=rt` subtree.
ProxyMetrics extract_proxy_metrics(const MetricNode& root);

/// Parses metrics.json (either form) straight into ProxyMetrics: the same result, and the same
/// errors, as extract_proxy_metrics(parse_metrics(json_text, limits)) with `prune_to_status` set,
/// without building the tree (what `mesh status` reads of every proxy, about three times faster).
core::Result<ProxyMetrics> parse_proxy_metrics(std::string_view json_text, const MetricsLimits& limits = {});

/// The user-meaningful part of a client id: what follows its last "/#/" (or the whole id).
std::string client_display_name(const std::string& client_id);

}  // namespace mesh::admin
