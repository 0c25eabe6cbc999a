#include "libmesh/install/pod_parts.hpp"

#include <fmt/format.h>

#include "libmesh/install/objects.hpp"

namespace mesh::install {

using Json = nlohmann::ordered_json;

Json metadata(const std::string& name, const std::string& app, const CommonOptions& o) {
    return {{"name", name}, {"namespace", o.namespace_}, {"labels", {{"app", app}}}};
}

Json namespace_object(const CommonOptions& o) {
    return {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", o.namespace_}}}};
}

Json service_account(const std::string& app, const CommonOptions& o) {
    return {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", metadata(app, app, o)}};
}

Json::array_t cluster_rbac(const std::string& app, const Json& rules, const CommonOptions& o) {
    std::string name = fmt::format("{}-{}", o.namespace_, app);
    Json meta = {{"name", name}, {"labels", {{"app", app}}}};
    return {
        {{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", "ClusterRole"}, {"metadata", meta}, {"rules", rules}},
        {{"apiVersion", "rbac.authorization.k8s.io/v1"},
         {"kind", "ClusterRoleBinding"},
         {"metadata", meta},
         {"roleRef", {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "ClusterRole"}, {"name", name}}},
         {"subjects", Json::array({{{"kind", "ServiceAccount"}, {"name", app}, {"namespace", o.namespace_}}})}}};
}

Json pod_template(const std::string& app, const Json& pod_spec) {
    // The mesh's own pods must never be pointed at themselves by `mesh inject` or the webhook.
    return {{"metadata", {{"labels", {{"app", app}}}, {"annotations", {{k_inject_disabled, "disabled"}}}}},
            {"spec", pod_spec}};
}

Json node_env() {
    return Json::array({{{"name", "NODE_NAME"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "spec.nodeName"}}}}}},
                        {{"name", "POD_IP"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "status.podIP"}}}}}}});
}

Json admin_probe() { return {{"httpGet", {{"path", "/admin/ping"}, {"port", "admin"}}}}; }

Json kubectl_proxy_container(const CommonOptions& o) {
    // kubectl proxy listens on 127.0.0.1 only: the API is reachable from inside the pod, with the
    // pod's ServiceAccount, and from nowhere else (also on the host network).
    return {{"name", "kubectl"},
            {"image", o.kubectl_image},
            {"args", Json::array({"proxy", "--port", std::to_string(k_kubectl_proxy_port)})}};
}

}  // namespace mesh::install
