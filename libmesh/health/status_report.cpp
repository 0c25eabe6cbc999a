// Rates follow the Linkerd dashboard: success rate = Δsuccess / (Δsuccess + Δfailures), requests =
// Δrequests and rps = Δrequests / Δt. A counter that went down or a scope that appeared is a reset (linkerd#1314), not
// a failure: its current value is the delta.

#include "libmesh/health/status_report.hpp"

#include <algorithm>
#include <chrono>

namespace mesh::health {

namespace {

using admin::ScopeMetrics;

std::optional<double> delta(std::optional<double> now, std::optional<double> before) {
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

const ScopeMetrics* find_scope(const std::vector<ScopeMetrics>& scopes, const std::string& id) {
    for (const auto& s : scopes)
        if (s.id == id) return &s;
    return nullptr;
}

// Sums the traffic of `now` scopes; `before` (may be null) holds the same router's earlier scopes.
Traffic traffic_of(const std::vector<ScopeMetrics>& now, const std::vector<ScopeMetrics>* before,
                   std::optional<double> window_s) {
    Traffic t;
    std::optional<double> success, failures, requests, window_count;
    for (const auto& s : now) {
        const ScopeMetrics* b = before ? find_scope(*before, s.id) : nullptr;
        if (before) {
            add_to(success, delta(s.success, b ? b->success : std::nullopt));
            add_to(failures, delta(s.failures, b ? b->failures : std::nullopt));
            add_to(requests, delta(s.requests, b ? b->requests : std::nullopt));
        } else {
            add_to(success, s.success);
            add_to(failures, s.failures);
            add_to(requests, s.requests);
        }
        add_to(window_count, s.latency_ms.count);
        add_to(t.connections, s.connections);
        if (s.latency_ms.count.value_or(0) > 0) {
            max_into(t.latency.p50, s.latency_ms.p50);
            max_into(t.latency.p95, s.latency_ms.p95);
            max_into(t.latency.p99, s.latency_ms.p99);
            max_into(t.latency.max, s.latency_ms.max);
        }
    }
    // Requests come from the `requests` counter, as the dashboard's RouterSummary counts them;
    // success + failures stands in only where a proxy has no such counter. The success rate is
    // success / (success + failures): requests still in flight have no outcome yet.
    std::optional<double> completed;
    if (success || failures) completed = success.value_or(0) + failures.value_or(0);
    t.requests = requests ? requests : completed;
    if (completed && *completed > 0) t.success_rate = success.value_or(0) / *completed;
    if (window_s && *window_s > 0) {
        if (t.requests) t.rps = *t.requests / *window_s;
    } else if (window_count) {
        t.rps = *window_count / 60.0;  // histograms cover the previous 1-minute snapshot window
    }
    return t;
}

const admin::RouterMetrics* find_router(const admin::ProxyMetrics& m, const std::string& name) {
    for (const auto& r : m.routers)
        if (r.name == name) return &r;
    return nullptr;
}

RouterRow router_row(const admin::RouterMetrics& now, const admin::RouterMetrics* before,
                     std::optional<double> window_s, bool two_samples) {
    static const std::vector<ScopeMetrics> k_none;
    auto earlier = [&](const std::vector<ScopeMetrics> admin::RouterMetrics::*member) {
        return two_samples ? (before ? &(before->*member) : &k_none) : nullptr;
    };
    RouterRow row;
    row.name = now.name;
    row.traffic = traffic_of(now.servers, earlier(&admin::RouterMetrics::servers), window_s);
    Traffic service = traffic_of(now.services, earlier(&admin::RouterMetrics::services), window_s);
    row.service_success_rate = service.success_rate;
    auto counter = [&](const ScopeMetrics& s, const std::vector<ScopeMetrics>* prev,
                       std::optional<double> ScopeMetrics::*field) {
        if (!prev) return s.*field;
        const ScopeMetrics* b = find_scope(*prev, s.id);
        return delta(s.*field, b ? b->*field : std::nullopt);
    };
    for (const auto& s : now.services) {
        add_to(row.retries, counter(s, earlier(&admin::RouterMetrics::services), &ScopeMetrics::retries_total));
        add_to(row.budget_exhausted,
               counter(s, earlier(&admin::RouterMetrics::services), &ScopeMetrics::retries_budget_exhausted));
    }
    for (const auto& c : now.clients) {
        const auto* prev = earlier(&admin::RouterMetrics::clients);
        ClientRow cr;
        cr.id = c.id;
        cr.display = admin::client_display_name(c.id);
        std::vector<ScopeMetrics> one{c};
        cr.traffic = traffic_of(one, prev, window_s);
        cr.lb_size = c.lb_size;
        cr.lb_available = c.lb_available;
        cr.removals = counter(c, prev, &ScopeMetrics::fa_removals);
        cr.retries = counter(c, prev, &ScopeMetrics::retries_requeues);
        add_to(row.retries, cr.retries);
        row.clients.push_back(std::move(cr));
    }
    return row;
}

}  // namespace

StatusReport build_status(const std::vector<ProxyTarget>& targets, const std::vector<ProxySample>& first,
                          const std::vector<ProxySample>* second) {
    StatusReport report;
    bool two = second != nullptr;
    std::optional<double> window_sum;
    std::size_t windows = 0;
    std::optional<double> total_success, total_requests;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const ProxySample& a = first[i];
        const ProxySample& latest = two ? (*second)[i] : a;
        ProxyRow row;
        row.name = targets[i].name;
        row.node = targets[i].node;
        row.ip = targets[i].ip;
        row.version = latest.version ? latest.version : a.version;
        row.up = latest.metrics.has_value();
        if (!row.up) {
            row.failure = latest.failure;
            report.rows.push_back(std::move(row));
            continue;
        }
        const admin::ProxyMetrics& now = *latest.metrics;
        const admin::ProxyMetrics* before = two && a.metrics ? &*a.metrics : nullptr;
        std::optional<double> window_s;
        if (two) {
            window_s = std::chrono::duration<double>(latest.taken - a.taken).count();
            window_sum = window_sum.value_or(0) + *window_s;
            ++windows;
        }
        if (now.uptime_ms) row.uptime_s = *now.uptime_ms / 1000.0;
        std::vector<ScopeMetrics> servers_now, servers_before;
        for (const auto& r : now.routers) {
            const admin::RouterMetrics* rb = before ? find_router(*before, r.name) : nullptr;
            // A proxy that was down for the first sample has no baseline: rates need one.
            RouterRow rr = router_row(r, rb, window_s, two);
            for (auto s : r.servers) {
                s.id = r.name + "\n" + s.id;
                servers_now.push_back(std::move(s));
            }
            if (rb)
                for (auto s : rb->servers) {
                    s.id = r.name + "\n" + s.id;
                    servers_before.push_back(std::move(s));
                }
            row.routers.push_back(std::move(rr));
        }
        if (two && !before) {
            row.traffic = traffic_of(servers_now, nullptr, std::nullopt);
            row.traffic.rps.reset();
            row.traffic.success_rate.reset();
            row.traffic.requests.reset();
        } else {
            row.traffic = traffic_of(servers_now, two ? &servers_before : nullptr, window_s);
        }
        if (row.traffic.success_rate && row.traffic.requests) {
            add_to(total_success, *row.traffic.success_rate * *row.traffic.requests);
            add_to(total_requests, row.traffic.requests);
        }
        add_to(report.summary.rps, row.traffic.rps);
        report.rows.push_back(std::move(row));
    }
    report.summary.proxies = report.rows.size();
    for (const auto& r : report.rows) (r.up ? report.summary.up : report.summary.down)++;
    if (total_requests && *total_requests > 0) report.summary.success_rate = *total_success / *total_requests;
    if (windows > 0) report.window_s = *window_sum / static_cast<double>(windows);
    return report;
}

}  // namespace mesh::health
