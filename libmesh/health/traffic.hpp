#pragma once
// The traffic figures of a scope (a proxy, a router, a client, a service), as status reports them.

#include <optional>

namespace mesh::health {

/// Latency percentiles in milliseconds from the last histogram window.
struct Latency {
    std::optional<double> p50, p95, p99, max;
};

/// Traffic figures of a scope; nullopt means no data (no traffic, or not reported).
struct Traffic {
    std::optional<double> requests;  ///< requests counted (Δ over the window, or cumulative with --once)
    std::optional<double> rps;
    std::optional<double> success_rate;  ///< 0..1
    Latency latency;
    std::optional<double> connections;
};

}  // namespace mesh::health
