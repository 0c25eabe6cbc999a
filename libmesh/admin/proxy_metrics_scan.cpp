// parse_proxy_metrics: the tree form read straight into the typed view. It keeps exactly the nodes
// the pruned MetricNode tree keeps (the same TreeScan decides), but a node becomes a slot in a
// scope, not a map entry: building and reading back ~200 map nodes a proxy was a third of `mesh
// status`'s parse. Scopes and routers are still maps, so that repeated keys merge and the order is
// the tree's, as extract_proxy_metrics gives them.

#include <map>
#include <string>

#include "libmesh/admin/metrics_tree_scan.hpp"
#include "libmesh/admin/proxy_metrics.hpp"

namespace mesh::admin {

namespace {

using metrics_scan::is;

// A node whose counter, else gauge, is read (MetricNode::value).
struct Slot {
    std::optional<double> counter, gauge;
    std::optional<double> value() const { return counter ? counter : gauge; }
};

// What scope_from reads of one scope node.
struct ScopeParts {
    Slot requests, success, failures, pending, connections;
    std::optional<Stat> latency;
    std::map<std::string, Slot, std::less<>> by_exception;  // failures/<exception>
    Slot lb_size, lb_available, fa_removals, fa_removed_for_ms, retries_requeues, retries_total,
        retries_budget_exhausted;
    std::map<std::string, ScopeParts, std::less<>> services;  // a client's service/<svc>
};
using ScopeMap = std::map<std::string, ScopeParts, std::less<>>;

struct RouterParts {
    std::optional<ScopeMap> servers, services, clients;  // engaged where the node is there
};
using RouterMap = std::map<std::string, RouterParts, std::less<>>;

struct JvmParts {
    Slot uptime, heap_used, heap_max, fd_count, fd_limit, gc_msec, thread_count;
};

template <typename Map> typename Map::mapped_type& entry(Map& map, std::string_view key) {
    auto it = map.find(key);
    if (it == map.end()) it = map.emplace(std::string(key), typename Map::mapped_type{}).first;
    return it->second;
}

// What a kept node is to status, and what it writes to.
enum class Role : unsigned char {
    Skipped,    // not kept (TreeScan's "no node")
    Other,      // kept, nothing in it is read
    Root,       //
    Jvm,        // JvmParts
    JvmHeap,    // JvmParts
    JvmGc,      // JvmParts
    JvmThread,  // JvmParts
    Routers,    // RouterMap: "rt"
    Router,     // RouterParts
    Scopes,     // ScopeMap; `client` tells client scopes
    Scope,      // ScopeParts
    Failures,   // ScopeParts: its `failures` slot, and failures/<exception>
    Balancer,   // ScopeParts: loadbalancer/*
    Accrual,    // ScopeParts: failure_accrual/*
    Retries,    // ScopeParts: retries/*
    Services,   // ScopeMap: a client's service/*
    Value,      // Slot
    Latency,    // std::optional<Stat>
};

struct StatusNode {
    Role role = Role::Skipped;
    void* target = nullptr;  // what `role` says
    bool client = false;     // Scopes, Scope: client scopes (which alone have per-service scopes)
    explicit operator bool() const { return role != Role::Skipped; }
};

class ProxyMetricsSink {
public:
    using Node = StatusNode;
    RouterMap top;  // the root's other keys: the routers when the document is a `q=rt` subtree
    RouterMap rt;   // the routers under "rt" in the whole tree
    JvmParts jvm;
    bool has_rt = false, has_jvm = false;

    Node root() { return {Role::Root}; }

    Node child(Node parent, std::string_view key) {
        switch (parent.role) {
        case Role::Root:
            if (is(key, "jvm")) {
                has_jvm = true;
                return {Role::Jvm, &jvm};
            }
            if (is(key, "rt")) {
                has_rt = true;
                return {Role::Routers, &rt};
            }
            return {Role::Router, &entry(top, key)};
        case Role::Routers: return {Role::Router, &entry(*static_cast<RouterMap*>(parent.target), key)};
        case Role::Router: return scope_map(*static_cast<RouterParts*>(parent.target), key);
        case Role::Scopes: return {Role::Scope, &entry(*static_cast<ScopeMap*>(parent.target), key), parent.client};
        case Role::Services: return {Role::Scope, &entry(*static_cast<ScopeMap*>(parent.target), key)};
        case Role::Scope: return scope_part(parent, key);
        case Role::Failures: return {Role::Value, &entry(static_cast<ScopeParts*>(parent.target)->by_exception, key)};
        case Role::Balancer:
        case Role::Accrual:
        case Role::Retries: return group_part(parent, key);
        case Role::Jvm: return jvm_part(key);
        case Role::JvmHeap:
            return is(key, "used")  ? Node{Role::Value, &jvm.heap_used}
                   : is(key, "max") ? Node{Role::Value, &jvm.heap_max}
                                    : Node{Role::Other};
        case Role::JvmGc: return is(key, "msec") ? Node{Role::Value, &jvm.gc_msec} : Node{Role::Other};
        case Role::JvmThread: return is(key, "count") ? Node{Role::Value, &jvm.thread_count} : Node{Role::Other};
        default: return {Role::Other};
        }
    }

    void number(Node node, std::string_view key, double v) {
        if (node.role == Role::Value || node.role == Role::Failures) {
            Slot& slot = node.role == Role::Value ? *static_cast<Slot*>(node.target)
                                                  : static_cast<ScopeParts*>(node.target)->failures;
            if (is(key, "counter"))
                slot.counter = v;
            else if (is(key, "gauge"))
                slot.gauge = v;
        } else if (node.role == Role::Latency && key.size() > 5 && is(key.substr(0, 5), "stat.")) {
            auto& stat = *static_cast<std::optional<Stat>*>(node.target);
            if (!stat) stat.emplace();
            metrics_scan::set_stat_field(*stat, key.substr(5), v);
        }
    }

private:
    static Node scope_map(RouterParts& router, std::string_view key) {
        std::optional<ScopeMap>* map = is(key, "server")    ? &router.servers
                                       : is(key, "service") ? &router.services
                                       : is(key, "client")  ? &router.clients
                                                            : nullptr;
        if (!map) return {Role::Other};
        if (!*map) map->emplace();
        return {Role::Scopes, &**map, map == &router.clients};
    }

    static Node scope_part(Node scope_node, std::string_view key) {
        auto& scope = *static_cast<ScopeParts*>(scope_node.target);
        if (is(key, "requests")) return {Role::Value, &scope.requests};
        if (is(key, "success")) return {Role::Value, &scope.success};
        if (is(key, "pending")) return {Role::Value, &scope.pending};
        if (is(key, "connections")) return {Role::Value, &scope.connections};
        if (is(key, "failures")) return {Role::Failures, &scope};
        if (is(key, "request_latency_ms")) return {Role::Latency, &scope.latency};
        if (is(key, "loadbalancer")) return {Role::Balancer, &scope};
        if (is(key, "failure_accrual")) return {Role::Accrual, &scope};
        if (is(key, "retries")) return {Role::Retries, &scope};
        if (is(key, "service") && scope_node.client) return {Role::Services, &scope.services};
        return {Role::Other};
    }

    static Node group_part(Node group, std::string_view key) {
        auto& scope = *static_cast<ScopeParts*>(group.target);
        Slot* slot = nullptr;
        if (group.role == Role::Balancer)
            slot = is(key, "size") ? &scope.lb_size : is(key, "available") ? &scope.lb_available : nullptr;
        else if (group.role == Role::Accrual)
            slot = is(key, "removals")         ? &scope.fa_removals
                   : is(key, "removed_for_ms") ? &scope.fa_removed_for_ms
                                               : nullptr;
        else if (is(key, "requeues"))
            slot = &scope.retries_requeues;
        else if (is(key, "total"))
            slot = &scope.retries_total;
        else if (is(key, "budget_exhausted"))
            slot = &scope.retries_budget_exhausted;
        return slot ? Node{Role::Value, slot} : Node{Role::Other};
    }

    Node jvm_part(std::string_view key) {
        if (is(key, "uptime")) return {Role::Value, &jvm.uptime};
        if (is(key, "fd_count")) return {Role::Value, &jvm.fd_count};
        if (is(key, "fd_limit")) return {Role::Value, &jvm.fd_limit};
        if (is(key, "heap")) return {Role::JvmHeap, &jvm};
        if (is(key, "gc")) return {Role::JvmGc, &jvm};
        if (is(key, "thread")) return {Role::JvmThread, &jvm};
        return {Role::Other};
    }
};

// scope_from, over the parts.
ScopeMetrics scope_metrics(const std::string& id, const ScopeParts& p) {
    ScopeMetrics s;
    s.id = id;
    s.requests = p.requests.value();
    s.success = p.success.value();
    s.failures = p.failures.value();
    s.pending = p.pending.value();
    s.connections = p.connections.value();
    if (p.latency) s.latency_ms = *p.latency;
    for (const auto& [exception, slot] : p.by_exception)
        if (auto v = slot.value()) s.failures_by_exception[exception] = *v;
    s.lb_size = p.lb_size.value();
    s.lb_available = p.lb_available.value();
    s.fa_removals = p.fa_removals.value();
    s.fa_removed_for_ms = p.fa_removed_for_ms.value();
    s.retries_requeues = p.retries_requeues.value();
    s.retries_total = p.retries_total.value();
    s.retries_budget_exhausted = p.retries_budget_exhausted.value();
    s.services.reserve(p.services.size());
    for (const auto& [svc, parts] : p.services) s.services.push_back(scope_metrics(svc, parts));
    return s;
}

std::vector<ScopeMetrics> scopes(const std::optional<ScopeMap>& map) {
    std::vector<ScopeMetrics> out;
    if (!map) return out;
    out.reserve(map->size());  // scopes are large: no copies as it grows
    for (const auto& [id, parts] : *map) out.push_back(scope_metrics(id, parts));
    return out;
}

ProxyMetrics proxy_metrics(const ProxyMetricsSink& sink) {
    ProxyMetrics p;
    p.uptime_ms = sink.jvm.uptime.value();
    p.heap_used = sink.jvm.heap_used.value();
    p.heap_max = sink.jvm.heap_max.value();
    p.fd_count = sink.jvm.fd_count.value();
    p.fd_limit = sink.jvm.fd_limit.value();
    p.gc_msec = sink.jvm.gc_msec.value();
    p.thread_count = sink.jvm.thread_count.value();
    // As extract_proxy_metrics: the routers under "rt", or at the top of a `q=rt` subtree (a
    // document with neither "rt" nor "jvm").
    const RouterMap* routers = sink.has_rt ? &sink.rt : sink.has_jvm ? nullptr : &sink.top;
    if (!routers) return p;
    for (const auto& [name, parts] : *routers) {
        if (!parts.servers && !parts.services && !parts.clients) continue;  // rt/inet/dns, rt/toggles, ...
        RouterMetrics r;
        r.name = name;
        r.servers = scopes(parts.servers);
        r.services = scopes(parts.services);
        r.clients = scopes(parts.clients);
        p.routers.push_back(std::move(r));
    }
    return p;
}

}  // namespace

core::Result<ProxyMetrics> parse_proxy_metrics(std::string_view json_text, const MetricsLimits& limits) {
    MetricsLimits pruned = limits;
    pruned.prune_to_status = true;
    if (metrics_scan::is_flat_form(json_text)) {
        auto tree = parse_metrics_flat(json_text, pruned);
        if (!tree) return tl::unexpected(tree.error());
        return extract_proxy_metrics(*tree);
    }
    ProxyMetricsSink sink;
    if (auto done = metrics_scan::scan_metrics_tree(json_text, pruned, sink); !done)
        return tl::unexpected(done.error());
    return proxy_metrics(sink);
}

}  // namespace mesh::admin
