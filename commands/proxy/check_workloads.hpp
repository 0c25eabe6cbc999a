#pragma once
// `mesh check --workloads`: its flags (a scope of its own, since -n/-l choose the l5d pods) and
// its part of the JSON document.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "libmesh/health/kube_discovery.hpp"
#include "libmesh/health/workload_checks.hpp"

namespace mesh::commands {

/// Values of the workload flags.
struct WorkloadCheckOptions {
    bool enabled = false;
    std::vector<std::string> namespaces;
    bool all_namespaces = false;
    std::string selector;
};

/// Adds --workloads, --workload-namespace, --all-namespaces and --workload-selector to `cmd`.
void add_workload_options(CLI::App* cmd, WorkloadCheckOptions& options);

/// A usage error when the flags contradict each other or `proxies_given` (the workloads need the
/// l5d pods' nodes, which only Kubernetes knows).
core::Result<void> validate_workload_options(const WorkloadCheckOptions& options, bool proxies_given);

/// The listing scope for discovery, or nullopt without --workloads.
std::optional<health::WorkloadScope> workload_scope(const WorkloadCheckOptions& options);

/// `{"namespaces", "selector", "pods", "meshed", "unmeshed", "opted_out", "skipped", "findings": [...]}`.
nlohmann::ordered_json workload_json(const health::WorkloadListing& listing, const health::WorkloadReport* report,
                                     const std::string& selector);

}  // namespace mesh::commands
