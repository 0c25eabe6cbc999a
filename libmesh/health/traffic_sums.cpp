// Rates follow the Linkerd dashboard: success rate = Δsuccess / (Δsuccess + Δfailures), requests =
// Δrequests and rps = Δrequests / Δt.

#include "libmesh/health/traffic_sums.hpp"

#include <algorithm>

namespace mesh::health {

std::optional<double> counter_delta(std::optional<double> now, std::optional<double> before) {
    if (!now) return std::nullopt;
    if (!before || *now < *before) return now;
    return *now - *before;
}

void add_to(std::optional<double>& sum, std::optional<double> v) {
    if (v) sum = sum.value_or(0) + *v;
}

void max_into(std::optional<double>& m, std::optional<double> v) {
    if (v) m = m ? std::max(*m, *v) : *v;
}

// A router with 80,000 clients made matching by a scan quadratic.
ScopeIndex::ScopeIndex(const std::vector<admin::ScopeMetrics>& scopes) {
    m_by_id.reserve(scopes.size());
    for (const auto& s : scopes) m_by_id.emplace(s.id, &s);
}

const admin::ScopeMetrics* ScopeIndex::find(const std::string& id) const {
    auto it = m_by_id.find(id);
    return it == m_by_id.end() ? nullptr : it->second;
}

void add_scope(TrafficSums& sums, const admin::ScopeMetrics& s, bool two_samples, const admin::ScopeMetrics* b) {
    Traffic& t = sums.t;
    if (two_samples) {
        add_to(sums.success, counter_delta(s.success, b ? b->success : std::nullopt));
        add_to(sums.failures, counter_delta(s.failures, b ? b->failures : std::nullopt));
        add_to(sums.requests, counter_delta(s.requests, b ? b->requests : std::nullopt));
    } else {
        add_to(sums.success, s.success);
        add_to(sums.failures, s.failures);
        add_to(sums.requests, s.requests);
    }
    add_to(sums.window_count, s.latency_ms.count);
    add_to(t.connections, s.connections);
    if (s.latency_ms.count.value_or(0) > 0) {
        max_into(t.latency.p50, s.latency_ms.p50);
        max_into(t.latency.p95, s.latency_ms.p95);
        max_into(t.latency.p99, s.latency_ms.p99);
        max_into(t.latency.max, s.latency_ms.max);
    }
}

Traffic finish(TrafficSums sums, std::optional<double> window_s) {
    Traffic t = std::move(sums.t);
    auto& success = sums.success;
    auto& failures = sums.failures;
    // Requests come from the `requests` counter, as the dashboard's RouterSummary counts them;
    // success + failures stands in only where a proxy has no such counter. The success rate is
    // success / (success + failures): requests still in flight have no outcome yet.
    std::optional<double> completed;
    if (success || failures) completed = success.value_or(0) + failures.value_or(0);
    t.requests = sums.requests ? sums.requests : completed;
    if (completed && *completed > 0) t.success_rate = success.value_or(0) / *completed;
    if (window_s && *window_s > 0) {
        if (t.requests) t.rps = *t.requests / *window_s;
    } else if (sums.window_count) {
        t.rps = *sums.window_count / 60.0;  // histograms cover the previous 1-minute snapshot window
    }
    return t;
}

}  // namespace mesh::health
