#pragma once
// `mesh status` figures: one row a proxy (plus per-router and per-client detail) from one or two samples.

#include <optional>
#include <string>
#include <vector>

#include "libmesh/health/proxy_sample.hpp"
#include "libmesh/health/proxy_target.hpp"
#include "libmesh/health/traffic.hpp"

namespace mesh::health {

/// One client (concrete destination) of a router.
struct ClientRow {
    std::string id;
    std::string display;  ///< what follows the last "/#/"
    Traffic traffic;
    std::optional<double> lb_size, lb_available;
    std::optional<double> removals;  ///< failure-accrual ejections (Δ, or cumulative with --once)
    std::optional<double> retries;   ///< requeues (Δ, or cumulative with --once)
};

/// One router: its servers summed, its services' retries, its clients.
struct RouterRow {
    std::string name;
    Traffic traffic;
    std::optional<double> service_success_rate;  ///< outcome after retries
    std::optional<double> retries;
    std::optional<double> budget_exhausted;
    std::vector<ClientRow> clients;
};

/// One proxy.
struct ProxyRow {
    std::string name, node, ip;
    bool up = false;
    std::optional<ProxyFailure> failure;
    std::optional<std::string> version;
    std::optional<double> uptime_s;
    Traffic traffic;
    std::vector<RouterRow> routers;
};

/// Totals over every proxy that is up.
struct StatusSummary {
    std::size_t proxies = 0, up = 0, down = 0;
    std::optional<double> rps, success_rate;
};

/// The whole status answer.
struct StatusReport {
    std::vector<ProxyRow> rows;
    StatusSummary summary;
    std::optional<double> window_s;  ///< seconds between samples; nullopt with --once
    bool rates_pending = false;      ///< a first round shown while the second is awaited: no rates yet
};

/// Builds rows from a first round and, unless nullptr, a second round taken later (rates are deltas);
/// with one round, rates come from the last histogram window (count/60) and success rates are cumulative.
StatusReport build_status(const std::vector<ProxyTarget>& targets, const std::vector<ProxySample>& first,
                          const std::vector<ProxySample>* second);

}  // namespace mesh::health
