#pragma once
// `mesh status --by service`: the fleet's traffic per logical service (a router's `service` scope,
// e.g. /svc/users) and, under it, per client it went to, summed over every proxy.

#include <optional>
#include <string>
#include <vector>

#include "libmesh/health/proxy_sample.hpp"
#include "libmesh/health/proxy_target.hpp"
#include "libmesh/health/status_report.hpp"
#include "libmesh/health/traffic.hpp"

namespace mesh::health {

/// One client a service's requests went to, summed over the proxies that sent it some. Its
/// latency percentiles are the highest of those proxies' (see ServiceRow).
struct ServiceClientRow {
    std::string
        id;  ///< the client id with its leading '/', e.g. /%/io.l5d.k8s.daemonset/.../#/io.l5d.k8s/default/http/users
    std::string display;  ///< the meaningful part: /#/ and what follows the last "/#/"
    std::size_t proxies = 0;
    Traffic traffic;  ///< per attempt: rt/<router>/client/<id>/service/<svc>
    /// The client's requeues (rt/<router>/client/<id>/retries/requeues): Finagle counts them per
    /// client, across every service the client serves, not per service.
    std::optional<double> requeues;
};

/// One logical service of one router, summed over every proxy whose router has it. Requests,
/// rps and success rates are exact sums; p50/p95/p99/max are the highest of the proxies' values
/// (histograms cannot be merged from percentiles; the fleet's true p99 is at most this).
struct ServiceRow {
    std::string router;
    std::string service;  ///< with its leading '/', e.g. /svc/users
    std::size_t proxies = 0;
    Traffic traffic;  ///< the outcome after retries: rt/<router>/service/<svc>
    std::optional<double> retries, budget_exhausted;
    std::vector<ServiceClientRow> clients;  ///< sorted by display, then id
};

/// The whole answer: services sorted by router and service, and the per-proxy report (for the
/// summary and the proxies that are down).
struct ServiceTrafficReport {
    std::vector<ServiceRow> services;
    StatusReport proxies;
    /// Proxies up in the second sample but not the first: no baseline, so not in the sums.
    std::size_t without_baseline = 0;
};

/// Builds the per-service view from a first round and, unless nullptr, a second one taken later
/// (rates are deltas; with one round, counters are cumulative and rps comes from the histograms'
/// last 1-minute window, as build_status does).
ServiceTrafficReport build_service_traffic(const std::vector<ProxyTarget>& targets,
                                           const std::vector<ProxySample>& first,
                                           const std::vector<ProxySample>* second);

}  // namespace mesh::health
