#pragma once
// Summing admin scopes into Traffic figures: the arithmetic `mesh status` uses per proxy and
// `mesh status --by service` per service across proxies, kept in one place so both agree.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "libmesh/admin/proxy_metrics.hpp"
#include "libmesh/health/traffic.hpp"

namespace mesh::health {

/// The change of a counter between two samples; a counter that went down, or one with no earlier
/// value, is a reset (linkerd#1314) and its current value is the change.
std::optional<double> counter_delta(std::optional<double> now, std::optional<double> before);

/// Adds `v` to `sum` when `v` has a value (a missing sum starts at 0).
void add_to(std::optional<double>& sum, std::optional<double> v);

/// Raises `m` to `v` when `v` has a value and is larger (or `m` has none).
void max_into(std::optional<double>& m, std::optional<double> v);

/// Scopes by id, so matching a scope of one sample with the other's costs one lookup; the first
/// scope of an id wins. The scopes must outlive the index.
class ScopeIndex {
public:
    /// Indexes `scopes` by their id.
    explicit ScopeIndex(const std::vector<admin::ScopeMetrics>& scopes);
    /// The scope called `id`, or nullptr.
    const admin::ScopeMetrics* find(const std::string& id) const;

private:
    std::unordered_map<std::string_view, const admin::ScopeMetrics*> m_by_id;
};

/// A set of scopes' counters while they are summed.
struct TrafficSums {
    Traffic t;
    std::optional<double> success, failures, requests, window_count;
};

/// Adds one scope's traffic to the sums; with two samples `before` (may be null) is its earlier
/// match and counters add their change, otherwise their cumulative value. Latency percentiles
/// take the highest of the scopes that saw requests in the last histogram window.
void add_scope(TrafficSums& sums, const admin::ScopeMetrics& scope, bool two_samples,
               const admin::ScopeMetrics* before);

/// Rates and totals from the summed counters: rps over `window_s`, or from the histogram window
/// (count/60) when there is no window.
Traffic finish(TrafficSums sums, std::optional<double> window_s);

}  // namespace mesh::health
