#include "commands/proxy/check_workloads.hpp"

namespace mesh::commands {

void add_workload_options(CLI::App* cmd, WorkloadCheckOptions& o) {
    const char* group = "Data plane";
    cmd->add_flag("--workloads", o.enabled,
                  "Also check every application pod: meshed, its port served by an l5d router, a ready l5d pod "
                  "on its node, the injection settings of its namespace")
        ->group(group);
    cmd->add_option("--workload-namespace", o.namespaces,
                    "Namespace of the application pods (repeatable; default: the context's, else default)")
        ->type_name("NS")
        ->group(group);
    cmd->add_flag("-A,--all-namespaces", o.all_namespaces,
                  "Check the application pods of every namespace (as kubectl -A)")
        ->group(group);
    cmd->add_option("--workload-selector", o.selector, "Label selector of the application pods (default: all)")
        ->type_name("SELECTOR")
        ->group(group);
}

core::Result<void> validate_workload_options(const WorkloadCheckOptions& o, bool proxies_given) {
    bool scoped = !o.namespaces.empty() || o.all_namespaces || !o.selector.empty();
    if (scoped && !o.enabled)
        return core::fail(core::ErrorCode::Usage,
                          "--workload-namespace, --all-namespaces and --workload-selector need --workloads");
    if (!o.namespaces.empty() && o.all_namespaces)
        return core::fail(core::ErrorCode::Usage, "--workload-namespace and --all-namespaces exclude each other");
    if (o.enabled && proxies_given)
        return core::fail(core::ErrorCode::Usage,
                          "--workloads finds the l5d pods and their nodes through Kubernetes; drop --proxy and "
                          "--proxies-file");
    for (const auto& ns : o.namespaces)
        if (ns.empty()) return core::fail(core::ErrorCode::Usage, "--workload-namespace needs a namespace name");
    return {};
}

std::optional<health::WorkloadScope> workload_scope(const WorkloadCheckOptions& o) {
    if (!o.enabled) return std::nullopt;
    health::WorkloadScope scope;
    scope.namespaces = o.namespaces;
    scope.all_namespaces = o.all_namespaces;
    scope.selector = o.selector;
    return scope;
}

nlohmann::ordered_json workload_json(const health::WorkloadListing& listing, const health::WorkloadReport* report,
                                     const std::string& selector) {
    nlohmann::ordered_json j;
    j["namespaces"] =
        listing.namespaces.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(listing.namespaces);
    j["selector"] = selector.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(selector);
    j["error"] = listing.error.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(listing.error);
    if (!report) {
        for (const char* key : {"pods", "meshed", "unmeshed", "opted_out", "skipped"}) j[key] = nullptr;
        j["findings"] = nlohmann::ordered_json::array();
        return j;
    }
    j["pods"] = report->pods;
    j["meshed"] = report->meshed;
    j["unmeshed"] = report->pods - report->opted_out - report->meshed;
    j["opted_out"] = report->opted_out;
    j["skipped"] = report->skipped;
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& f : report->findings) {
        nlohmann::ordered_json item;
        item["check"] = f.check;
        item["result"] = health::check_result_name(f.result);
        item["group_kind"] = f.group_kind;
        item["group"] = f.group.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.group);
        item["reason"] = f.reason;
        item["hint"] = f.hint;
        item["count"] = f.count;
        item["pods"] = f.pods;
        findings.push_back(std::move(item));
    }
    j["findings"] = std::move(findings);
    return j;
}

}  // namespace mesh::commands
