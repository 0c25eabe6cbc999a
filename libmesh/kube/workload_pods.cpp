#include "libmesh/kube/workload_pods.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>

#include "libmesh/core/json_document.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/kube/api_client.hpp"
#include "libmesh/kube/json_fields.hpp"
#include "libmesh/kube/pods.hpp"

namespace mesh::kube {

using nlohmann::json;

namespace {

// Only the annotations that say how a pod was injected are kept: 5,000 pods' worth of
// last-applied-configuration would cost far more memory than the check needs.
bool kept_annotation(const std::string& key) {
    return key == "mesh.l5d.io/injected" || key == "linkerd.io/inject" || key == "alpha.istio.io/linkerd-daemonset";
}

ContainerFacts container_from(const json& c) {
    ContainerFacts out;
    out.name = string_field(c, "name");
    out.image = string_field(c, "image");
    for (const auto& a : field(c, "args"))
        if (a.is_string()) out.args.push_back(a.get<std::string>());
    for (const auto& e : field(c, "env")) {
        EnvVar v;
        v.name = string_field(e, "name");
        v.value = string_field(e, "value");
        v.field_path = string_field(field(field(e, "valueFrom"), "fieldRef"), "fieldPath");
        out.env.push_back(std::move(v));
    }
    return out;
}

WorkloadPod pod_from(const json& item) {
    WorkloadPod p;
    const json& meta = field(item, "metadata");
    const json& spec = field(item, "spec");
    const json& status = field(item, "status");
    p.name = string_field(meta, "name");
    p.namespace_name = string_field(meta, "namespace");
    p.terminating = !field(meta, "deletionTimestamp").is_null();
    const json& owners = field(meta, "ownerReferences");
    if (owners.is_array() && !owners.empty())
        p.owner = string_field(owners[0], "kind") + "/" + string_field(owners[0], "name");
    const json& annotations = field(meta, "annotations");
    if (annotations.is_object())
        for (const auto& [key, value] : annotations.items())
            if (value.is_string() && kept_annotation(key)) p.annotations[key] = value.get<std::string>();
    p.node = string_field(spec, "nodeName");
    for (const auto& c : field(spec, "containers")) p.containers.push_back(container_from(c));
    for (const auto& c : field(spec, "initContainers")) p.init_containers.push_back(container_from(c));
    p.phase = string_field(status, "phase");
    for (const auto& c : field(status, "conditions"))
        if (string_field(c, "type") == "Ready") p.ready = string_field(c, "status") == "True";
    return p;
}

// Parts of a pod the checks never read, dropped while parsing: building them is most of the cost
// of a 500-pod page (a real pod is 5 KB, mostly these).
bool dropped_key(const std::string& key) {
    static const std::set<std::string> k_dropped = {"managedFields",
                                                    "volumes",
                                                    "volumeMounts",
                                                    "tolerations",
                                                    "containerStatuses",
                                                    "initContainerStatuses",
                                                    "ephemeralContainerStatuses",
                                                    "resources",
                                                    "securityContext",
                                                    "affinity",
                                                    "livenessProbe",
                                                    "readinessProbe",
                                                    "startupProbe",
                                                    "ports",
                                                    "podIPs",
                                                    "hostIPs",
                                                    "topologySpreadConstraints",
                                                    "readinessGates",
                                                    "dnsConfig",
                                                    "command",
                                                    "kubectl.kubernetes.io/last-applied-configuration"};
    return k_dropped.count(key) > 0;
}

core::Result<json> parse_pruned(std::string_view text) {
    if (text.size() <= (64u << 20) && core::json_nesting_within(text, 128)) {
        json j = json::parse(
            text.begin(), text.end(),
            [](int, json::parse_event_t event, json& parsed) {
                return event != json::parse_event_t::key || !dropped_key(parsed.get_ref<const std::string&>());
            },
            false);
        if (!j.is_discarded()) return j;
    }
    // The full parser says what is wrong, and where.
    return core::parse_json_document(text, "PodList", 64u << 20);
}

}  // namespace

core::Result<WorkloadPodPage> parse_workload_pod_list(std::string_view text) {
    MESH_TRY_ASSIGN(auto j, parse_pruned(text));
    if (auto msg = status_message(text)) return core::input_error(fmt::format("PodList: {}", *msg));
    if (!j.is_object() || (!field(j, "items").is_array() && !field(j, "items").is_null()))
        return core::input_error("PodList: not a Kubernetes list");
    WorkloadPodPage page;
    for (const auto& item : field(j, "items")) page.pods.push_back(pod_from(item));
    page.continue_token = string_field(field(j, "metadata"), "continue");
    return page;
}

core::Result<std::vector<WorkloadPod>> list_workload_pods(ApiClient& api, const std::vector<std::string>& namespaces,
                                                          const std::string& selector, int page_size) {
    std::vector<WorkloadPod> pods;
    std::size_t bytes = 0;
    auto read = [&pods, &bytes](std::string_view body) -> core::Result<std::string> {
        // Kubernetes supports 150,000 pods a cluster; an API server sending far more (or pages of
        // 64 MiB, 10,000 times) is refused before it takes the memory.
        bytes += body.size();
        if (bytes > k_max_listed_bytes)
            return core::limit_error(fmt::format("the pod list is larger than {} MiB; narrow it with "
                                                 "--workload-namespace or --workload-selector",
                                                 k_max_listed_bytes >> 20));
        MESH_TRY_ASSIGN(auto page, parse_workload_pod_list(body));
        for (auto& p : page.pods) pods.push_back(std::move(p));
        if (pods.size() > k_max_workload_pods)
            return core::limit_error(fmt::format("more than {} pods; narrow the list with --workload-namespace or "
                                                 "--workload-selector",
                                                 k_max_workload_pods));
        return page.continue_token;
    };
    if (namespaces.empty()) {
        MESH_TRY(api.list_pages("/api/v1/pods", selector, page_size, "listing pods in all namespaces", read));
        return pods;
    }
    for (const auto& ns : namespaces)
        MESH_TRY(api.list_pages("/api/v1/namespaces/" + url_encode(ns) + "/pods", selector, page_size,
                                fmt::format("listing pods in namespace {}", ns), read));
    return pods;
}

}  // namespace mesh::kube
