// The seed's servicemesh.yml and its variants, rewritten for Kubernetes 1.25+: apps/v1 with a
// selector, rbac.authorization.k8s.io/v1, a ServiceAccount with only what Linkerd reads.

#include <fmt/format.h>

#include "libmesh/install/linkerd_config.hpp"
#include "libmesh/install/objects.hpp"
#include "libmesh/install/pod_parts.hpp"
#include "libmesh/install/yaml_writer.hpp"

namespace mesh::install {

namespace {

using Json = nlohmann::ordered_json;

core::Result<void> validate_linkerd(const LinkerdOptions& o) {
    if (auto ok = validate(o.common); !ok) return ok;
    if (o.tls_secret && !is_dns_subdomain(*o.tls_secret))
        return core::fail(core::ErrorCode::Usage, fmt::format("--tls-secret '{}' is not a Secret name", *o.tls_secret));
    if (o.zipkin && !is_host_port(*o.zipkin))
        return core::fail(core::ErrorCode::Usage, fmt::format("--zipkin '{}' is not HOST:PORT", *o.zipkin));
    if (!o.namerd_address.empty() && !is_host_port(o.namerd_address))
        return core::fail(core::ErrorCode::Usage,
                          fmt::format("--namerd-address '{}' is not HOST:PORT", o.namerd_address));
    if (!o.namerd_address.empty() && !o.namerd)
        return core::fail(core::ErrorCode::Usage, "--namerd-address needs --namerd");
    return {};
}

Json l5d_container(const LinkerdOptions& o) {
    Json ports = Json::array();
    for (const RouterPort& r : router_ports()) {
        Json port = {{"name", r.label}, {"containerPort", r.port}};
        // With hostNetwork every port is on the node already; otherwise only the outgoing routers
        // are, so apps reach them at $(NODE_NAME):PORT.
        if (r.outgoing && !o.cni) port["hostPort"] = r.port;
        ports.push_back(port);
    }
    ports.push_back({{"name", "admin"}, {"containerPort", k_linkerd_admin_port}});
    Json mounts = Json::array({{{"name", "l5d-config"}, {"mountPath", k_linkerd_config_dir}, {"readOnly", true}}});
    if (o.tls_secret)
        mounts.push_back({{"name", "certificates"}, {"mountPath", k_linkerd_certs_dir}, {"readOnly", true}});
    return {{"name", "l5d"},
            {"image", fmt::format("{}/linkerd:{}", o.common.registry, o.common.linkerd_version)},
            {"args", Json::array({fmt::format("{}/config.yaml", k_linkerd_config_dir)})},
            {"env", node_env()},
            {"ports", ports},
            {"readinessProbe", admin_probe()},
            {"livenessProbe", admin_probe()},
            {"volumeMounts", mounts}};
}

Json daemonset(const LinkerdOptions& o) {
    Json volumes = Json::array({{{"name", "l5d-config"}, {"configMap", {{"name", "l5d-config"}}}}});
    if (o.tls_secret) volumes.push_back({{"name", "certificates"}, {"secret", {{"secretName", *o.tls_secret}}}});
    Json pod;
    pod["serviceAccountName"] = "l5d";
    if (o.cni) {
        pod["hostNetwork"] = true;
        pod["dnsPolicy"] = "ClusterFirstWithHostNet";  // still resolve cluster names on the host network
    }
    pod["containers"] = Json::array({l5d_container(o), kubectl_proxy_container(o.common)});
    pod["volumes"] = volumes;
    Json spec = {{"selector", {{"matchLabels", {{"app", "l5d"}}}}}, {"template", pod_template("l5d", pod)}};
    return {{"apiVersion", "apps/v1"},
            {"kind", "DaemonSet"},
            {"metadata", metadata("l5d", "l5d", o.common)},
            {"spec", spec}};
}

Json service(const LinkerdOptions& o) {
    Json ports = Json::array();
    for (const RouterPort& r : router_ports()) ports.push_back({{"name", r.label}, {"port", r.port}});
    return {{"apiVersion", "v1"},
            {"kind", "Service"},
            {"metadata", metadata("l5d", "l5d", o.common)},
            {"spec", {{"type", o.common.service_type}, {"selector", {{"app", "l5d"}}}, {"ports", ports}}}};
}

}  // namespace

core::Result<std::vector<nlohmann::ordered_json>> linkerd_objects(const LinkerdOptions& o) {
    if (auto ok = validate_linkerd(o); !ok) return tl::unexpected(ok.error());
    std::vector<Json> out;
    // With namerd, the namespace holds namerd's stored dtabs: it comes with `mesh install namerd
    // --crds`, so deleting this output never deletes them.
    if (!o.namerd) out.push_back(namespace_object(o.common));
    out.push_back(service_account("l5d", o.common));
    Json rules = Json::array({{{"apiGroups", Json::array({""})},
                               {"resources", Json::array({"endpoints", "services"})},
                               {"verbs", Json::array({"get", "list", "watch"})}}});
    for (Json& object : cluster_rbac("l5d", rules, o.common)) out.push_back(std::move(object));
    out.push_back({{"apiVersion", "v1"},
                   {"kind", "ConfigMap"},
                   {"metadata", metadata("l5d-config", "l5d", o.common)},
                   {"data", {{"config.yaml", to_block_yaml(linkerd_config(o))}}}});
    out.push_back(daemonset(o));
    out.push_back(service(o));
    return out;
}

}  // namespace mesh::install
