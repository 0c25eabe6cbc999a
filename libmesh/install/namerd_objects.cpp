// The seed's namerd.yml rewritten for Kubernetes 1.25+: a Deployment instead of a
// ReplicationController, the dtabs.l5d.io CRD in apiextensions.k8s.io/v1 with a structural schema,
// and RBAC that lets namerd's io.l5d.k8s storage manage DTab objects in its own namespace only.

#include <fmt/format.h>

#include "libmesh/install/objects.hpp"
#include "libmesh/install/pod_parts.hpp"
#include "libmesh/install/yaml_writer.hpp"

namespace mesh::install {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_namerd_config_dir = "/io.buoyant/namerd/config";

// namerd 1.7's K8sDtabStore talks to /apis/l5d.io/v1alpha1/namespaces/NS/dtabs; a DTab keeps its
// dentries at the top level ({"prefix": "/svc", "dst": "/#/io.l5d.k8s/..."}, strings as
// namerd's DtabCodec writes them).
Json dtab_crd() {
    Json string_type = {{"type", "string"}};
    Json dentry = {{"type", "object"},
                   {"required", Json::array({"prefix", "dst"})},
                   {"properties", {{"prefix", string_type}, {"dst", string_type}}}};
    Json schema = {{"type", "object"}, {"properties", {{"dentries", {{"type", "array"}, {"items", dentry}}}}}};
    return {{"apiVersion", "apiextensions.k8s.io/v1"},
            {"kind", "CustomResourceDefinition"},
            {"metadata", {{"name", "dtabs.l5d.io"}}},
            {"spec",
             {{"group", "l5d.io"},
              {"scope", "Namespaced"},
              {"names", {{"kind", "DTab"}, {"listKind", "DTabList"}, {"plural", "dtabs"}, {"singular", "dtab"}}},
              {"versions", Json::array({{{"name", "v1alpha1"},
                                         {"served", true},
                                         {"storage", true},
                                         {"schema", {{"openAPIV3Schema", schema}}}}})}}}};
}

Json namerd_config(const NamerdOptions& o) {
    Json config;
    config["admin"] = {{"ip", "0.0.0.0"}, {"port", k_namerd_admin_port}};
    config["namers"] = Json::array({{{"kind", "io.l5d.k8s"}},
                                    {{"kind", "io.l5d.rewrite"},
                                     {"prefix", "/portNsSvcToK8s"},
                                     {"pattern", "/{port}/{ns}/{svc}"},
                                     {"name", "/k8s/{ns}/{port}/{svc}"}}});
    config["storage"] = {{"kind", "io.l5d.k8s"},
                         {"host", "localhost"},
                         {"port", k_kubectl_proxy_port},
                         {"namespace", o.common.namespace_}};
    config["interfaces"] =
        Json::array({{{"kind", "io.l5d.thriftNameInterpreter"}, {"ip", "0.0.0.0"}, {"port", k_namerd_thrift_port}},
                     {{"kind", "io.l5d.httpController"}, {"ip", "0.0.0.0"}, {"port", k_namerd_http_port}},
                     {{"kind", "io.l5d.mesh"}, {"ip", "0.0.0.0"}, {"port", k_namerd_mesh_port}}});
    return config;
}

const std::vector<std::pair<std::string, int>>& namerd_ports() {
    static const std::vector<std::pair<std::string, int>> ports{
        {"thrift", k_namerd_thrift_port}, {"http", k_namerd_http_port}, {"mesh", k_namerd_mesh_port}};
    return ports;
}

Json deployment(const NamerdOptions& o) {
    Json ports = Json::array();
    for (const auto& [name, port] : namerd_ports()) ports.push_back({{"name", name}, {"containerPort", port}});
    ports.push_back({{"name", "admin"}, {"containerPort", k_namerd_admin_port}});
    Json namerd = {
        {"name", "namerd"},
        {"image", fmt::format("{}/namerd:{}", o.common.registry, o.common.linkerd_version)},
        {"args", Json::array({fmt::format("{}/config.yml", k_namerd_config_dir)})},
        {"ports", ports},
        {"readinessProbe", admin_probe()},
        {"livenessProbe", admin_probe()},
        {"volumeMounts",
         Json::array({{{"name", "namerd-config"}, {"mountPath", k_namerd_config_dir}, {"readOnly", true}}})}};
    Json pod = {{"serviceAccountName", "namerd"},
                {"containers", Json::array({namerd, kubectl_proxy_container(o.common)})},
                {"volumes", Json::array({{{"name", "namerd-config"}, {"configMap", {{"name", "namerd-config"}}}}})}};
    Json spec = {{"replicas", 1},
                 {"selector", {{"matchLabels", {{"app", "namerd"}}}}},
                 {"template", pod_template("namerd", pod)}};
    return {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", metadata("namerd", "namerd", o.common)},
            {"spec", spec}};
}

Json service(const NamerdOptions& o) {
    // The admin port stays off the Service, as Linkerd's does: it can shut namerd down.
    Json ports = Json::array();
    for (const auto& [name, port] : namerd_ports()) ports.push_back({{"name", name}, {"port", port}});
    return {{"apiVersion", "v1"},
            {"kind", "Service"},
            {"metadata", metadata("namerd", "namerd", o.common)},
            {"spec", {{"type", o.common.service_type}, {"selector", {{"app", "namerd"}}}, {"ports", ports}}}};
}

}  // namespace

core::Result<std::vector<nlohmann::ordered_json>> namerd_objects(const NamerdOptions& o) {
    if (auto ok = validate(o.common); !ok) return tl::unexpected(ok.error());
    // What outlives namerd: its dtabs live as DTab objects in this namespace, defined by this CRD.
    if (o.crds_only) return std::vector<Json>{namespace_object(o.common), dtab_crd()};
    std::vector<Json> out;
    out.push_back(service_account("namerd", o.common));
    Json namer_rules = Json::array({{{"apiGroups", Json::array({""})},
                                     {"resources", Json::array({"endpoints", "services"})},
                                     {"verbs", Json::array({"get", "list", "watch"})}}});
    for (Json& object : cluster_rbac("namerd", namer_rules, o.common)) out.push_back(std::move(object));
    Json role_meta = {{"name", "namerd-dtabs"}, {"namespace", o.common.namespace_}, {"labels", {{"app", "namerd"}}}};
    out.push_back(
        {{"apiVersion", "rbac.authorization.k8s.io/v1"},
         {"kind", "Role"},
         {"metadata", role_meta},
         {"rules", Json::array({{{"apiGroups", Json::array({"l5d.io"})},
                                 {"resources", Json::array({"dtabs"})},
                                 {"verbs", Json::array({"get", "list", "watch", "create", "update", "delete"})}}})}});
    out.push_back(
        {{"apiVersion", "rbac.authorization.k8s.io/v1"},
         {"kind", "RoleBinding"},
         {"metadata", role_meta},
         {"roleRef", {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "Role"}, {"name", "namerd-dtabs"}}},
         {"subjects",
          Json::array({{{"kind", "ServiceAccount"}, {"name", "namerd"}, {"namespace", o.common.namespace_}}})}});
    out.push_back({{"apiVersion", "v1"},
                   {"kind", "ConfigMap"},
                   {"metadata", metadata("namerd-config", "namerd", o.common)},
                   {"data", {{"config.yml", to_block_yaml(namerd_config(o))}}}});
    out.push_back(deployment(o));
    out.push_back(service(o));
    return out;
}

}  // namespace mesh::install
