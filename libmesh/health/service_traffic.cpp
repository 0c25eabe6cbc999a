// Every proxy's scopes of one (router, service) pair, and of one (router, service, client)
// triple, go into one TrafficSums, so the fleet's success rate is Σsuccess / Σcompleted rather
// than an average of the proxies' rates.

#include "libmesh/health/service_traffic.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>

#include "libmesh/health/traffic_sums.hpp"

namespace mesh::health {

namespace {

using admin::ScopeMetrics;

struct ClientSums {
    TrafficSums sums;
    std::size_t proxies = 0;
    std::optional<double> requeues;
};

struct ServiceSums {
    TrafficSums sums;
    std::size_t proxies = 0;
    std::optional<double> retries, budget_exhausted;
    std::map<std::string, ClientSums> clients;  // by client id
};

using Key = std::pair<std::string, std::string>;  // router, service id (without its '/')

// What a counter field adds: its change with two samples, its value with one.
std::optional<double> counted(const ScopeMetrics& s, const ScopeMetrics* b, bool two,
                              std::optional<double> ScopeMetrics::*field) {
    if (!two) return s.*field;
    return counter_delta(s.*field, b ? b->*field : std::nullopt);
}

const admin::RouterMetrics* router_named(const admin::ProxyMetrics* m, const std::string& name) {
    if (!m) return nullptr;
    for (const auto& r : m->routers)
        if (r.name == name) return &r;
    return nullptr;
}

// Adds one router of one proxy; `before` is the same router in the first sample (null: none).
void add_router(std::map<Key, ServiceSums>& out, const admin::RouterMetrics& now, const admin::RouterMetrics* before,
                bool two) {
    static const admin::RouterMetrics k_none;
    const admin::RouterMetrics& earlier = before ? *before : k_none;
    ScopeIndex services_before(earlier.services), clients_before(earlier.clients);
    for (const auto& s : now.services) {
        ServiceSums& sums = out[{now.name, s.id}];
        const ScopeMetrics* b = two ? services_before.find(s.id) : nullptr;
        add_scope(sums.sums, s, two, b);
        ++sums.proxies;
        add_to(sums.retries, counted(s, b, two, &ScopeMetrics::retries_total));
        add_to(sums.budget_exhausted, counted(s, b, two, &ScopeMetrics::retries_budget_exhausted));
    }
    for (const auto& c : now.clients) {
        if (c.services.empty()) continue;
        const ScopeMetrics* cb = two ? clients_before.find(c.id) : nullptr;
        std::optional<ScopeIndex> per_service_before;
        if (cb) per_service_before.emplace(cb->services);
        for (const auto& cs : c.services) {
            // A service seen only through its clients (its own scope expired) still gets a row.
            ClientSums& sums = out[{now.name, cs.id}].clients[c.id];
            const ScopeMetrics* b = per_service_before ? per_service_before->find(cs.id) : nullptr;
            add_scope(sums.sums, cs, two, b);
            ++sums.proxies;
            add_to(sums.requeues, counted(c, cb, two, &ScopeMetrics::retries_requeues));
        }
    }
}

std::string client_display(const std::string& id) {
    if (id.find("/#/") == std::string::npos && id.rfind("#/", 0) != 0) return "/" + id;
    return "/#/" + admin::client_display_name(id);
}

}  // namespace

ServiceTrafficReport build_service_traffic(const std::vector<ProxyTarget>& targets,
                                           const std::vector<ProxySample>& first,
                                           const std::vector<ProxySample>* second) {
    ServiceTrafficReport report;
    report.proxies = build_status(targets, first, second);
    bool two = second != nullptr;
    std::optional<double> window_sum;
    std::size_t windows = 0;
    std::map<Key, ServiceSums> sums;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const ProxySample& a = first[i];
        const ProxySample& latest = two ? (*second)[i] : a;
        if (!latest.metrics) continue;
        const admin::ProxyMetrics* before = two && a.metrics ? &*a.metrics : nullptr;
        if (two && !before) {
            // Cumulative counters are no change over the window: leave the proxy out of the sums.
            ++report.without_baseline;
            continue;
        }
        if (two) {
            window_sum = window_sum.value_or(0) + std::chrono::duration<double>(latest.taken - a.taken).count();
            ++windows;
        }
        for (const auto& r : latest.metrics->routers) add_router(sums, r, router_named(before, r.name), two);
    }
    // Every proxy's own window is close to the interval; their mean is the window rps divides by.
    std::optional<double> window_s;
    if (windows > 0) window_s = *window_sum / static_cast<double>(windows);
    for (auto& [key, s] : sums) {
        ServiceRow row;
        row.router = key.first;
        row.service = "/" + key.second;
        row.proxies = s.proxies;
        row.traffic = finish(std::move(s.sums), window_s);
        row.retries = s.retries;
        row.budget_exhausted = s.budget_exhausted;
        for (auto& [id, c] : s.clients) {
            ServiceClientRow cr;
            cr.id = "/" + id;
            cr.display = client_display(id);
            cr.proxies = c.proxies;
            cr.traffic = finish(std::move(c.sums), window_s);
            cr.requeues = c.requeues;
            row.clients.push_back(std::move(cr));
        }
        std::stable_sort(row.clients.begin(), row.clients.end(), [](const auto& x, const auto& y) {
            return std::tie(x.display, x.id) < std::tie(y.display, y.id);
        });
        report.services.push_back(std::move(row));
    }
    return report;
}

}  // namespace mesh::health
