#pragma once
// `mesh check --workloads`: every application pod checked against the l5d pods that should carry
// its traffic, with findings grouped by node or namespace so that 5,000 pods read as a few lines.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "libmesh/health/check_report.hpp"
#include "libmesh/health/proxy_sample.hpp"
#include "libmesh/health/proxy_target.hpp"
#include "libmesh/kube/workload_pods.hpp"

namespace mesh::health {

/// An l5d pod as the workload checks see it.
struct L5dPod {
    std::string name, namespace_name, node;
    bool ready = false;
    std::string not_ready_reason;                  ///< e.g. "CrashLoopBackOff"; empty when ready
    std::optional<std::vector<int>> router_ports;  ///< its routers' server ports; nullopt: /config.json unread
};

/// The l5d pods as discovered (readiness from Kubernetes) and sampled (router ports from each
/// one's /config.json); `samples` is in target order, or empty.
std::vector<L5dPod> l5d_pods_of(const std::vector<ProxyTarget>& targets, const std::vector<ProxySample>& samples,
                                const std::string& namespace_name);

/// Pods that share a node or a namespace and one problem.
struct WorkloadFinding {
    std::string check;  ///< the check's description, as in the CheckCategory
    CheckResult result = CheckResult::Error;
    std::string group_kind;  ///< "node", "namespace" or "cluster"
    std::string group;       ///< the node's or namespace's name
    std::string reason;
    std::string hint;
    std::vector<std::string> pods;  ///< "namespace/name", sorted; empty for a "cluster" finding
    std::size_t count = 0;          ///< pods concerned (pods.size() unless the finding is cluster-wide)
};

/// Counts and grouped findings over every pod checked.
struct WorkloadReport {
    std::size_t pods = 0;  ///< pods checked (running or pending, not the l5d pods)
    std::size_t meshed = 0;
    std::size_t opted_out = 0;  ///< annotated linkerd.io/inject: disabled
    std::size_t skipped = 0;    ///< finished or terminating pods, and the l5d pods themselves
    std::vector<WorkloadFinding> findings;
};

/// Checks every pod: meshed or not, its port served by an l5d router, a ready l5d pod on its node,
/// its injection settings those of most meshed pods in its namespace.
WorkloadReport check_workloads(const std::vector<kube::WorkloadPod>& pods, const std::vector<L5dPod>& l5d_pods);

/// The report as the `linkerd-data-plane` category: one check each, a line a group
/// ("* 12 pods on node-7: no l5d pod on the node (a/x, a/y, a/z and 9 more)").
CheckCategory workload_category(const WorkloadReport& report);

/// The category for pods that could not be listed.
CheckCategory workload_listing_failed(const std::string& error);

}  // namespace mesh::health
