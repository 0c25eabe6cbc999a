#pragma once
// Linkerd 1 `/admin/metrics.json` in either of its forms, as one tree of scopes.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "libmesh/core/error.hpp"

namespace mesh::admin {

/// A histogram snapshot (the previous 1-minute window); absent fields were not reported.
struct Stat {
    std::optional<double> count, sum, avg, min, max, p50, p90, p95, p99, p9990, p9999;
    bool operator==(const Stat&) const = default;
};

/// One scope of the metrics tree: its own counter, gauge or stat, and its named children.
struct MetricNode {
    std::optional<double> counter;
    std::optional<double> gauge;
    std::optional<Stat> stat;
    std::map<std::string, MetricNode, std::less<>> children;

    /// The child called `name`, or nullptr.
    const MetricNode* child(std::string_view name) const;
    /// The node at `path` ("a/b/c", split on '/'), or nullptr.
    const MetricNode* at(std::string_view path) const;
    /// The counter, else the gauge, of the node at `path`.
    std::optional<double> value(std::string_view path) const;
};

/// Limits on metrics input.
struct MetricsLimits {
    std::size_t max_bytes = 64u << 20;
    std::size_t max_depth = 64;
    std::size_t max_nodes = 2000000;
    /// Keep only what status and check read (see proxy_metrics.hpp) and skip the rest while
    /// parsing: a big proxy's tree is mostly metrics nobody here looks at. What is skipped is
    /// still checked for JSON syntax, but holds no memory and so counts against no limit.
    bool prune_to_status = false;
    /// With prune_to_status, also keep each client's per-service scopes (rt/*/client/*/service/*,
    /// for `mesh status --by service`): they cost memory in every sample, so only when asked.
    bool client_services = false;
};

/// Parses the `?tree=1` form: nested objects whose leaves are {"counter":N}, {"gauge":X} or
/// {"stat.count":N, "stat.p99":...}.
core::Result<MetricNode> parse_metrics_tree(std::string_view json, const MetricsLimits& limits = {});

/// Parses the flat form ({"a/b/c": N, "a/b/s.p99": N}) into the same tree. Scope names that contain
/// '/' (server "ip/port", service paths, client ids) are rebuilt from the known naming scheme.
core::Result<MetricNode> parse_metrics_flat(std::string_view json, const MetricsLimits& limits = {});

/// Parses either form, telling them apart by the shape of the first value.
core::Result<MetricNode> parse_metrics(std::string_view json, const MetricsLimits& limits = {});

}  // namespace mesh::admin
