#include "libmesh/health/workload_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "libmesh/health/workload_meshing.hpp"

namespace mesh::health {

namespace {

constexpr const char* k_meshed = "workload pods are meshed";
constexpr const char* k_port = "meshed pods send to a port an l5d router serves";
constexpr const char* k_node = "meshed pods run on a node with a ready l5d pod";
constexpr const char* k_settings = "injection settings agree within each namespace";

constexpr const char* k_meshed_hint =
    "mesh inject -f MANIFEST | kubectl apply -f - meshes a workload; annotate its pod template "
    "linkerd.io/inject: disabled to leave it out on purpose";
constexpr const char* k_port_hint =
    "the l5d routers' ports are in their /config.json (routers[].servers[].port); re-inject with "
    "mesh inject --proxy-port PORT or --protocol http|h2|grpc";
// The l5d pods' namespace is filled in.
constexpr const char* k_node_hint =
    "kubectl get pods -n {} -o wide shows where l5d runs; the DaemonSet's nodeSelector, tolerations or a "
    "failing pod leave a node without one, and its pods' traffic goes nowhere";
constexpr const char* k_settings_hint =
    "re-inject the odd workloads with the settings the rest of the namespace uses (mesh inject --mode, "
    "--proxy-port)";

int check_rank(const std::string& check) {
    const char* order[] = {k_meshed, k_port, k_node, k_settings};
    for (int i = 0; i < 4; ++i)
        if (check == order[i]) return i;
    return 4;
}

// Findings keyed by what makes them one line.
class FindingSet {
public:
    void add(const char* check, CheckResult result, const char* group_kind, const std::string& group,
             const std::string& reason, const std::string& hint, std::string pod) {
        auto key = std::make_tuple(std::string(check), std::string(group_kind), group, reason);
        auto [it, fresh] = m_index.emplace(key, m_findings.size());
        if (fresh) m_findings.push_back({check, result, group_kind, group, reason, hint, {}, 0});
        m_findings[it->second].pods.push_back(std::move(pod));
    }

    std::vector<WorkloadFinding> take() {
        for (auto& f : m_findings) {
            std::sort(f.pods.begin(), f.pods.end());
            f.count = f.pods.size();
        }
        std::sort(m_findings.begin(), m_findings.end(), [](const WorkloadFinding& a, const WorkloadFinding& b) {
            return std::make_tuple(check_rank(a.check), b.pods.size(), a.group, a.reason) <
                   std::make_tuple(check_rank(b.check), a.pods.size(), b.group, b.reason);
        });
        return std::move(m_findings);
    }

private:
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::size_t> m_index;
    std::vector<WorkloadFinding> m_findings;
};

std::string ports_text(const std::set<int>& ports) { return fmt::format("{}", fmt::join(ports, ", ")); }

// Where each node's ready l5d is, which l5d pods are not ready, and every port any router serves.
struct L5dIndex {
    std::map<std::string, const L5dPod*> ready_on_node;
    std::map<std::string, std::vector<const L5dPod*>> unready_on_node;
    std::set<std::string> pod_ids;  // "namespace/name"
    std::set<int> all_ports;

    explicit L5dIndex(const std::vector<L5dPod>& l5d_pods) {
        for (const auto& p : l5d_pods) {
            pod_ids.insert(p.namespace_name + "/" + p.name);
            if (p.router_ports) all_ports.insert(p.router_ports->begin(), p.router_ports->end());
            if (p.ready)
                ready_on_node.emplace(p.node, &p);
            else
                unready_on_node[p.node].push_back(&p);
        }
    }

    // The ports a pod on `node` can reach: its node's l5d's when known, else any l5d's.
    std::set<int> served_on(const std::string& node) const {
        auto it = ready_on_node.find(node);
        if (it != ready_on_node.end() && it->second->router_ports)
            return {it->second->router_ports->begin(), it->second->router_ports->end()};
        return all_ports;
    }

    std::string missing_reason(const std::string& node) const {
        auto it = unready_on_node.find(node);
        if (it == unready_on_node.end()) return "no l5d pod on the node";
        const L5dPod& p = *it->second.front();
        return fmt::format("l5d pod {} on the node is not ready{}", p.name,
                           p.not_ready_reason.empty() ? "" : " (" + p.not_ready_reason + ")");
    }
};

void check_settings_agree(const std::map<std::string, std::map<std::string, std::vector<std::string>>>& by_namespace,
                          FindingSet& findings) {
    for (const auto& [ns, by_settings] : by_namespace) {
        if (by_settings.size() < 2) continue;
        std::size_t total = 0;
        auto majority = by_settings.begin();
        for (auto it = by_settings.begin(); it != by_settings.end(); ++it) {
            total += it->second.size();
            if (it->second.size() > majority->second.size()) majority = it;
        }
        for (auto it = by_settings.begin(); it != by_settings.end(); ++it) {
            if (it == majority) continue;
            std::string reason = fmt::format("injected {}, unlike {} of the namespace's {} meshed pods ({})", it->first,
                                             majority->second.size(), total, majority->first);
            for (const auto& pod : it->second)
                findings.add(k_settings, CheckResult::Warning, "namespace", ns, reason, k_settings_hint, pod);
        }
    }
}

}  // namespace

std::vector<L5dPod> l5d_pods_of(const std::vector<ProxyTarget>& targets, const std::vector<ProxySample>& samples,
                                const std::string& namespace_name) {
    std::vector<L5dPod> out;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const ProxyTarget& t = targets[i];
        L5dPod p;
        p.name = t.name;
        p.namespace_name = namespace_name;
        p.node = t.node;
        p.ready = t.ready.value_or(false) && t.phase == "Running" && !t.terminating;
        if (!p.ready)
            p.not_ready_reason = t.terminating               ? "terminating"
                                 : !t.waiting_reason.empty() ? t.waiting_reason
                                 : t.phase == "Running"      ? ""
                                 : t.phase.empty()           ? "unknown phase"
                                                             : t.phase;
        if (i < samples.size() && samples[i].config) {
            std::vector<int> ports;
            for (const auto& r : samples[i].config->routers)
                ports.insert(ports.end(), r.server_ports.begin(), r.server_ports.end());
            p.router_ports = std::move(ports);
        }
        out.push_back(std::move(p));
    }
    return out;
}

WorkloadReport check_workloads(const std::vector<kube::WorkloadPod>& pods, const std::vector<L5dPod>& l5d_pods) {
    WorkloadReport report;
    L5dIndex l5d(l5d_pods);
    FindingSet findings;
    std::map<std::string, std::map<std::string, std::vector<std::string>>> settings_by_namespace;
    std::size_t ports_unchecked = 0;
    const std::string node_hint =
        fmt::format(k_node_hint, l5d_pods.empty() ? "NAMESPACE" : l5d_pods.front().namespace_name);
    for (const auto& pod : pods) {
        std::string id = pod.namespace_name + "/" + pod.name;
        // Finished pods send nothing; the l5d pods are the mesh itself.
        if (pod.phase == "Succeeded" || pod.phase == "Failed" || pod.terminating || l5d.pod_ids.count(id)) {
            ++report.skipped;
            continue;
        }
        ++report.pods;
        PodMeshing m = classify_pod(pod);
        if (m.state == MeshState::OptedOut) {
            ++report.opted_out;
            continue;
        }
        if (m.state == MeshState::Unmeshed) {
            std::string reason = m.why_unmeshed.empty() ? "not meshed" : "not meshed: " + m.why_unmeshed;
            findings.add(k_meshed, CheckResult::Warning, "namespace", pod.namespace_name, reason, k_meshed_hint, id);
            continue;
        }
        ++report.meshed;
        settings_by_namespace[pod.namespace_name][settings_text(m)].push_back(id);
        if (!m.broken.empty())
            findings.add(k_port, CheckResult::Error, "namespace", pod.namespace_name, m.broken, k_port_hint, id);
        std::set<int> served = l5d.served_on(pod.node);
        if (served.empty())
            ++ports_unchecked;
        else if (m.port != 0 && !served.count(m.port))
            findings.add(
                k_port, CheckResult::Error, "namespace", pod.namespace_name,
                fmt::format("port {} is not served by any l5d router (they serve {})", m.port, ports_text(served)),
                k_port_hint, id);
        // A pod not yet scheduled has no node to check; linkerd-inject's VIP mode does not use the node.
        if (m.node_local && !pod.node.empty() && !l5d.ready_on_node.count(pod.node))
            findings.add(k_node, CheckResult::Error, "node", pod.node, l5d.missing_reason(pod.node), node_hint, id);
    }
    check_settings_agree(settings_by_namespace, findings);
    report.findings = findings.take();
    if (ports_unchecked > 0) {
        WorkloadFinding f{k_port,
                          CheckResult::Warning,
                          "cluster",
                          "",
                          "ports not checked: no l5d pod's /config.json could be read",
                          "the linkerd-admin checks above say why the admin servers did not answer",
                          {},
                          ports_unchecked};
        report.findings.push_back(std::move(f));
    }
    return report;
}

namespace {

std::string group_line(const WorkloadFinding& f) {
    std::size_t n = f.count;
    if (f.group_kind == "cluster") return fmt::format("* {} pod{}: {}", n, n == 1 ? "" : "s", f.reason);
    std::string where = f.group_kind == "node" ? "on " + f.group : "in namespace " + f.group;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, f.pods.size()); ++i) {
        // Within a namespace the namespace goes without saying.
        const std::string& id = f.pods[i];
        names.push_back(f.group_kind == "namespace" ? id.substr(id.find('/') + 1) : id);
    }
    std::string listed = fmt::format("{}", fmt::join(names, ", "));
    if (n > 3) listed += fmt::format(" and {} more", n - 3);
    return fmt::format("* {} pod{} {}: {} ({})", n, n == 1 ? "" : "s", where, f.reason, listed);
}

}  // namespace

CheckCategory workload_category(const WorkloadReport& report) {
    CheckCategory category{"linkerd-data-plane", {}};
    std::size_t candidates = report.pods - report.opted_out;
    std::string meshed = fmt::format("{} ({}/{}{})", k_meshed, report.meshed, candidates,
                                     report.opted_out ? fmt::format("; {} opted out", report.opted_out) : "");
    for (const char* check : {k_meshed, k_port, k_node, k_settings}) {
        CheckItem item{check == k_meshed ? meshed : check, CheckResult::Success, "", ""};
        std::vector<std::string> lines;
        for (const auto& f : report.findings) {
            if (f.check != check) continue;
            lines.push_back(group_line(f));
            if (f.result == CheckResult::Error || item.result == CheckResult::Success) item.result = f.result;
            if (item.hint.empty()) item.hint = f.hint;
        }
        item.error = fmt::format("{}", fmt::join(lines, "\n"));
        category.checks.push_back(std::move(item));
    }
    if (report.pods == 0) {
        category.checks.front().result = CheckResult::Warning;
        category.checks.front().error = "no running pods in the workload scope";
        category.checks.front().hint = "choose namespaces with --workload-namespace NS or --all-namespaces";
    }
    return category;
}

CheckCategory workload_listing_failed(const std::string& error) {
    return {"linkerd-data-plane",
            {{"can list the workload pods", CheckResult::Error, error,
              "listing pods needs 'list pods' permission in each namespace (cluster-wide with --all-namespaces)"}}};
}

}  // namespace mesh::health
