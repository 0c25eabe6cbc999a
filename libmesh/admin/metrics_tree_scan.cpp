#include "libmesh/admin/metrics_tree_scan.hpp"

#include <array>
#include <utility>

#include "libmesh/core/text_position.hpp"

namespace mesh::admin::metrics_scan {

bool set_stat_field(Stat& stat, std::string_view suffix, double v) {
    static const std::array<std::pair<std::string_view, std::optional<double> Stat::*>, 11> k_fields{
        {{"count", &Stat::count},
         {"sum", &Stat::sum},
         {"avg", &Stat::avg},
         {"min", &Stat::min},
         {"max", &Stat::max},
         {"p50", &Stat::p50},
         {"p90", &Stat::p90},
         {"p95", &Stat::p95},
         {"p99", &Stat::p99},
         {"p9990", &Stat::p9990},
         {"p9999", &Stat::p9999}}};
    for (const auto& [name, member] : k_fields) {
        if (name == suffix) {
            stat.*member = v;
            return true;
        }
    }
    return false;
}

bool status_keeps(const std::string* path, std::size_t n, bool client_services) {
    // As views: comparing a std::string with a literal would measure the literal every time.
    auto full = [path](std::size_t k) { return std::string_view(path[k]); };
    std::size_t i = 0;
    if (n == 0) return true;
    if (is(full(0), "jvm")) {
        if (n == 1) return true;
        if (n == 2) return one_of(full(1), "uptime", "heap", "fd_count", "fd_limit", "gc", "thread");
        if (n == 3)
            return (is(full(1), "heap") && one_of(full(2), "used", "max")) ||
                   (is(full(1), "gc") && is(full(2), "msec")) || (is(full(1), "thread") && is(full(2), "count"));
        return false;
    }
    if (is(full(0), "rt")) i = 1;  // the whole tree; otherwise a `q=rt` subtree
    std::size_t d = n - i;         // depth below the router map
    if (d <= 1) return true;       // router
    if (!one_of(full(i + 1), "server", "service", "client")) return false;
    if (d <= 3) return true;  // scope map, scope id
    std::string_view head = full(i + 3);
    if (is(full(i + 1), "client") && is(head, "service")) {
        if (!client_services) return false;
        // A client's per-service traffic: client/<id>/service/<svc>/<metric>.
        if (d <= 5) return true;
        return d == 6 && one_of(full(i + 5), "requests", "success", "failures", "pending", "request_latency_ms");
    }
    if (d == 4)
        return one_of(head, "requests", "success", "failures", "pending", "connections", "request_latency_ms",
                      "loadbalancer", "failure_accrual", "retries");
    if (d == 5) {
        std::string_view leaf = full(i + 4);
        if (is(head, "failures")) return true;
        if (is(head, "loadbalancer")) return one_of(leaf, "size", "available");
        if (is(head, "failure_accrual")) return one_of(leaf, "removals", "removed_for_ms");
        if (is(head, "retries")) return one_of(leaf, "requeues", "total", "budget_exhausted");
    }
    return false;
}

core::Error parse_failure(std::string_view json_text, std::size_t offset, const std::string& what) {
    return core::Error{
        core::ErrorCode::Input, "metrics.json: " + what, core::location_at(json_text, offset, "metrics.json"), {}};
}

bool is_flat_form(std::string_view json_text) {
    auto colon = json_text.find(':');
    if (colon == std::string_view::npos) return false;
    auto value = json_text.find_first_not_of(" \t\r\n", colon + 1);
    return value != std::string_view::npos && json_text[value] != '{';
}

}  // namespace mesh::admin::metrics_scan
