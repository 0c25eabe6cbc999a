#pragma once
// The data-plane checks of `mesh check` (spec/admin.md section 7), from status rows and samples.

#include <optional>
#include <string>
#include <vector>

#include "libmesh/health/check_report.hpp"
#include "libmesh/health/proxy_sample.hpp"
#include "libmesh/health/status_report.hpp"

namespace mesh::health {

/// Thresholds of the traffic checks; the defaults mirror the Linkerd dashboard.
struct CheckThresholds {
    double success_rate_warn = 0.99;   ///< below: warning
    double success_rate_error = 0.90;  ///< below: failure
    double min_uptime_s = 600;         ///< a younger proxy restarted recently: warning
    int max_restarts = 0;              ///< more container restarts: warning
    double available_warn = 1.0;       ///< available/size below this: warning (0 available: failure)
    double max_removals = 0;           ///< more failure-accrual ejections in the window: warning
    double p99_warn_ms = 1000;         ///< p99 latency above: warning
    double heap_warn = 0.9;            ///< heap used/max above: warning
};

/// Adds the `linkerd-admin` (reachability, versions, dtabs) and `linkerd-traffic` categories.
void add_proxy_checks(CheckReport& report, const std::vector<ProxyTarget>& targets,
                      const std::vector<ProxySample>& samples, const StatusReport& status,
                      const CheckThresholds& thresholds);

}  // namespace mesh::health
