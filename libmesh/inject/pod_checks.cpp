#include "libmesh/inject/pod_checks.hpp"

#include <array>
#include <string_view>

#include <fmt/format.h>

#include "libmesh/manifest/scalar_resolver.hpp"

namespace mesh::inject {

using manifest::k_no_node;
using manifest::NodeId;
using manifest::NodeKind;

std::optional<std::string> opt_out_reason(const manifest::YamlTree& tree, NodeId pod_template) {
    NodeId annotations = tree.path(pod_template, "metadata.annotations");
    if (tree.scalar(annotations, k_opt_out_annotation) == "disabled")
        return fmt::format("\"{}: disabled\" annotation set", k_opt_out_annotation);
    return std::nullopt;
}

// Names and image prefixes of the sidecars linkerd2 and Istio inject (linkerd2's report.go list).
constexpr std::array<std::string_view, 5> k_sidecar_names{"linkerd-proxy", "istio-proxy", "linkerd-init", "istio-init",
                                                          k_init_container_name};
constexpr std::array<std::string_view, 8> k_sidecar_images{
    "cr.l5d.io/linkerd/proxy:",      "cr.l5d.io/linkerd/proxy-init:",
    "gcr.io/linkerd-io/proxy:",      "gcr.io/linkerd-io/proxy-init:",
    "gcr.io/istio-release/proxyv2:", "gcr.io/istio-release/proxy_init:",
    "docker.io/istio/proxyv2:",      "istio/proxyv2:"};

static std::optional<std::string> find_sidecar(const manifest::YamlTree& tree, NodeId list, const char* field) {
    if (list == k_no_node || tree[list].kind != NodeKind::Sequence) return std::nullopt;
    for (NodeId container : tree[list].children) {
        std::string name = tree.scalar(container, "name");
        std::string image = tree.scalar(container, "image");
        for (auto known : k_sidecar_names)
            if (name == known) return fmt::format("pod has a sidecar injected already ({} {})", field, name);
        for (auto prefix : k_sidecar_images)
            if (image.rfind(prefix, 0) == 0)
                return fmt::format("pod has a sidecar injected already ({} {} runs {})", field, name, image);
    }
    return std::nullopt;
}

std::optional<std::string> refusal_reason(const manifest::YamlTree& tree, NodeId pod_spec, const InjectConfig& config) {
    NodeId host_network = tree.get(pod_spec, "hostNetwork");
    bool on_host_network = host_network != k_no_node && tree[host_network].kind == NodeKind::Scalar &&
                           tree[host_network].plain &&
                           manifest::resolve_plain(tree[host_network].value).canonical == "true";
    if (on_host_network && config.mode == Mode::Iptables && !config.allow_host_network)
        return std::string("hostNetwork is enabled: its iptables rules would be the node's") +
               (config.suggest_flags ? " (use --allow-host-network to inject anyway)" : "");
    if (auto found = find_sidecar(tree, tree.get(pod_spec, "containers"), "container")) return found;
    if (auto found = find_sidecar(tree, tree.get(pod_spec, "initContainers"), "init container")) return found;
    return std::nullopt;
}

}  // namespace mesh::inject
