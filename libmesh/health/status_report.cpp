// Per-proxy rows; the arithmetic (deltas, resets, rates) is traffic_sums'.

#include "libmesh/health/status_report.hpp"

#include <chrono>
#include <string_view>
#include <unordered_map>

#include "libmesh/health/traffic_sums.hpp"

namespace mesh::health {

namespace {

using admin::ScopeMetrics;

// Sums the traffic of `now` scopes; `before` (may be null) indexes the same router's earlier scopes.
Traffic traffic_of(const std::vector<ScopeMetrics>& now, const ScopeIndex* before, std::optional<double> window_s) {
    TrafficSums sums;
    for (const auto& s : now) add_scope(sums, s, before != nullptr, before ? before->find(s.id) : nullptr);
    return finish(std::move(sums), window_s);
}

RouterRow router_row(const admin::RouterMetrics& now, const admin::RouterMetrics* before,
                     std::optional<double> window_s, bool two_samples) {
    static const admin::RouterMetrics k_none;
    const admin::RouterMetrics& earlier = before ? *before : k_none;
    std::optional<ScopeIndex> servers, services, clients;  // only with two samples
    if (two_samples) {
        servers.emplace(earlier.servers);
        services.emplace(earlier.services);
        clients.emplace(earlier.clients);
    }
    auto index = [](const std::optional<ScopeIndex>& i) { return i ? &*i : nullptr; };
    RouterRow row;
    row.name = now.name;
    row.traffic = traffic_of(now.servers, index(servers), window_s);
    Traffic service = traffic_of(now.services, index(services), window_s);
    row.service_success_rate = service.success_rate;
    auto counter = [&](const ScopeMetrics& s, const ScopeMetrics* b, std::optional<double> ScopeMetrics::*field) {
        if (!two_samples) return s.*field;
        return counter_delta(s.*field, b ? b->*field : std::nullopt);
    };
    for (const auto& s : now.services) {
        const ScopeMetrics* b = services ? services->find(s.id) : nullptr;
        add_to(row.retries, counter(s, b, &ScopeMetrics::retries_total));
        add_to(row.budget_exhausted, counter(s, b, &ScopeMetrics::retries_budget_exhausted));
    }
    row.clients.reserve(now.clients.size());
    for (const auto& c : now.clients) {
        const ScopeMetrics* b = clients ? clients->find(c.id) : nullptr;
        ClientRow cr;
        cr.id = c.id;
        cr.display = admin::client_display_name(c.id);
        TrafficSums sums;
        add_scope(sums, c, two_samples, b);
        cr.traffic = finish(std::move(sums), window_s);
        cr.lb_size = c.lb_size;
        cr.lb_available = c.lb_available;
        cr.removals = counter(c, b, &ScopeMetrics::fa_removals);
        cr.retries = counter(c, b, &ScopeMetrics::retries_requeues);
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
        std::unordered_map<std::string_view, const admin::RouterMetrics*> routers_before;  // first of a name wins
        if (before)
            for (const auto& r : before->routers) routers_before.emplace(r.name, &r);
        for (const auto& r : now.routers) {
            auto found = routers_before.find(r.name);
            const admin::RouterMetrics* rb = found == routers_before.end() ? nullptr : found->second;
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
            std::optional<ScopeIndex> earlier;
            if (two) earlier.emplace(servers_before);
            row.traffic = traffic_of(servers_now, earlier ? &*earlier : nullptr, window_s);
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
