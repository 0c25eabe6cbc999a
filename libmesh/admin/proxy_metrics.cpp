// Reading the typed view out of the metric tree; names per Linkerd >= 1.0 (pre-1.0 flat dumps are
// renamed to these by the flat parser).

#include "libmesh/admin/proxy_metrics.hpp"

namespace mesh::admin {

static ScopeMetrics scope_from(const std::string& id, const MetricNode& node) {
    ScopeMetrics s;
    s.id = id;
    s.requests = node.value("requests");
    s.success = node.value("success");
    s.failures = node.value("failures");
    s.pending = node.value("pending");
    s.connections = node.value("connections");
    if (const MetricNode* lat = node.child("request_latency_ms"); lat && lat->stat) s.latency_ms = *lat->stat;
    if (const MetricNode* failures = node.child("failures")) {
        for (const auto& [exn, child] : failures->children) {
            if (auto v = child.counter ? child.counter : child.gauge) s.failures_by_exception[exn] = *v;
        }
    }
    s.lb_size = node.value("loadbalancer/size");
    s.lb_available = node.value("loadbalancer/available");
    s.fa_removals = node.value("failure_accrual/removals");
    s.fa_removed_for_ms = node.value("failure_accrual/removed_for_ms");
    s.retries_requeues = node.value("retries/requeues");
    s.retries_total = node.value("retries/total");
    s.retries_budget_exhausted = node.value("retries/budget_exhausted");
    return s;
}

static void add_scopes(std::vector<ScopeMetrics>& out, const MetricNode* parent, bool clients = false) {
    if (!parent) return;
    out.reserve(out.size() + parent->children.size());  // scopes are large: no copies as it grows
    for (const auto& [id, node] : parent->children) {
        out.push_back(scope_from(id, node));
        if (const MetricNode* services = clients ? node.child("service") : nullptr)
            for (const auto& [svc, svc_node] : services->children)
                out.back().services.push_back(scope_from(svc, svc_node));
    }
}

ProxyMetrics extract_proxy_metrics(const MetricNode& root) {
    ProxyMetrics p;
    const MetricNode* rt = root.child("rt");
    const MetricNode* jvm = root.child("jvm");
    if (!rt && !jvm) rt = &root;  // a `q=rt` subtree: routers at the top
    if (jvm) {
        p.uptime_ms = jvm->value("uptime");
        p.heap_used = jvm->value("heap/used");
        p.heap_max = jvm->value("heap/max");
        p.fd_count = jvm->value("fd_count");
        p.fd_limit = jvm->value("fd_limit");
        p.gc_msec = jvm->value("gc/msec");
        p.thread_count = jvm->value("thread/count");
    }
    if (rt) {
        for (const auto& [name, node] : rt->children) {
            const MetricNode* servers = node.child("server");
            const MetricNode* services = node.child("service");
            const MetricNode* clients = node.child("client");
            if (!servers && !services && !clients) continue;  // rt/inet/dns, rt/toggles, ...
            RouterMetrics r;
            r.name = name;
            add_scopes(r.servers, servers);
            add_scopes(r.services, services);
            add_scopes(r.clients, clients, true);
            p.routers.push_back(std::move(r));
        }
    }
    return p;
}

std::string client_display_name(const std::string& client_id) {
    auto pos = client_id.rfind("/#/");
    if (pos != std::string::npos) return client_id.substr(pos + 3);
    if (client_id.rfind("#/", 0) == 0) return client_id.substr(2);
    return client_id;
}

}  // namespace mesh::admin
