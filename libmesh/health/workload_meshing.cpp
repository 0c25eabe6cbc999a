#include "libmesh/health/workload_meshing.hpp"

#include <fmt/format.h>

#include <charconv>
#include <optional>

#include "libmesh/inject/inject_config.hpp"
#include "libmesh/inject/marker.hpp"

namespace mesh::health {

namespace {

std::optional<int> port_number(std::string_view text) {
    int port = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size() || port < 1 || port > 65535) return std::nullopt;
    return port;
}

bool is_proxy_env(const std::string& name) { return name == "http_proxy" || name == "HTTP_PROXY"; }

// `$(VAR):PORT`, with an optional http:// and trailing '/': the node-local address of the seed's guide.
struct NodeAddress {
    std::string variable;
    int port = 0;
};

std::optional<NodeAddress> node_address(std::string_view value) {
    if (value.rfind("http://", 0) == 0) value.remove_prefix(7);
    if (!value.empty() && value.back() == '/') value.remove_suffix(1);
    if (value.rfind("$(", 0) != 0) return std::nullopt;
    auto close = value.find(')');
    if (close == std::string_view::npos || close + 1 >= value.size() || value[close + 1] != ':') return std::nullopt;
    auto port = port_number(value.substr(close + 2));
    if (!port) return std::nullopt;
    return NodeAddress{std::string(value.substr(2, close - 2)), *port};
}

// Kubernetes expands $(VAR) only from variables defined earlier in the same container's env.
std::string expansion_problem(const kube::ContainerFacts& c, std::size_t proxy_index, const NodeAddress& address) {
    for (std::size_t i = 0; i < proxy_index; ++i) {
        const auto& v = c.env[i];
        if (v.name != address.variable) continue;
        if (v.field_path == "spec.nodeName" || v.field_path == "status.hostIP") return {};
        return fmt::format("container {}: {} uses $({}), which is not the node's name or IP (spec.nodeName)", c.name,
                           c.env[proxy_index].name, address.variable);
    }
    return fmt::format("container {}: {} uses $({}), which is not defined before it, so Kubernetes leaves it "
                       "unexpanded",
                       c.name, c.env[proxy_index].name, address.variable);
}

// linkerd-inject's container: `-p PORT -m true|false -s SVC`.
std::optional<PodMeshing> from_init_container(const kube::WorkloadPod& pod) {
    for (const auto& c : pod.init_containers) {
        if (c.name != inject::k_init_container_name && c.image.find("istio-init") == std::string::npos) continue;
        PodMeshing m{MeshState::Meshed, "init container", "iptables", 4140, true, {}, {}};
        for (std::size_t i = 0; i + 1 < c.args.size(); ++i) {
            if (c.args[i] == "-p") {
                auto port = port_number(c.args[i + 1]);
                if (!port) m.broken = fmt::format("init container {}: -p {} is not a port", c.name, c.args[i + 1]);
                m.port = port.value_or(0);
            } else if (c.args[i] == "-m") {
                m.node_local = c.args[i + 1] != "true";
            }
        }
        return m;
    }
    return std::nullopt;
}

}  // namespace

PodMeshing classify_pod(const kube::WorkloadPod& pod) {
    auto annotation = [&pod](const char* key) -> const std::string* {
        auto it = pod.annotations.find(key);
        return it == pod.annotations.end() ? nullptr : &it->second;
    };
    if (const auto* opt_out = annotation(inject::k_opt_out_annotation); opt_out && *opt_out == "disabled")
        return {MeshState::OptedOut, {}, {}, 0, true, {}, {}};

    // The spec is what the pod really runs with; the marker only confirms who wrote it.
    std::optional<PodMeshing> by_env;
    std::string other_proxy;
    for (const auto& c : pod.containers) {
        for (std::size_t i = 0; i < c.env.size() && !by_env; ++i) {
            if (!is_proxy_env(c.env[i].name)) continue;
            auto address = node_address(c.env[i].value);
            if (!address) {
                if (other_proxy.empty())
                    other_proxy = fmt::format("container {}: {} is '{}', not $(NODE_NAME):PORT", c.name, c.env[i].name,
                                              c.env[i].value);
                continue;
            }
            by_env = PodMeshing{MeshState::Meshed,
                                "http_proxy",
                                "http-proxy",
                                address->port,
                                true,
                                expansion_problem(c, i, *address),
                                {}};
        }
    }
    // The init container's DNAT takes every outbound connection, the one http_proxy names included.
    std::optional<PodMeshing> found = from_init_container(pod);
    if (!found) found = by_env;
    if (const auto* marker_text = annotation(inject::k_marker_annotation)) {
        if (auto marker = inject::Marker::parse(*marker_text); marker && found) {
            found->via = "mesh inject";
        } else if (marker) {
            // Marked, yet neither the env nor the init container is there: someone edited the pod.
            return {MeshState::Unmeshed,
                    {},
                    {},
                    0,
                    true,
                    {},
                    fmt::format("marked {} by mesh inject, but the pod has neither its env nor its init container",
                                marker->mode)};
        }
    }
    if (found) return *found;
    PodMeshing none;
    if (!other_proxy.empty())
        none.why_unmeshed = other_proxy;
    else if (annotation("alpha.istio.io/linkerd-daemonset"))
        none.why_unmeshed = "injected by linkerd-inject, whose init-container annotation Kubernetes ignores since 1.8";
    return none;
}

std::string settings_text(const PodMeshing& m) {
    return fmt::format("{}, port {}{}", m.mode, m.port, m.node_local ? "" : " (service VIP)");
}

}  // namespace mesh::health
