#pragma once
// The Linkerd 1.7 configuration the DaemonSet runs (the l5d-config ConfigMap's config.yaml).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "libmesh/install/install_options.hpp"

namespace mesh::install {

// Where the DaemonSet mounts the Linkerd config and the TLS Secret; the config names the certs.
inline constexpr const char* k_linkerd_config_dir = "/io.buoyant/linkerd/config";
inline constexpr const char* k_linkerd_certs_dir = "/io.buoyant/linkerd/certs";

/// One of the routers: outgoing ones take the apps' traffic (hostPorts), incoming ones the
/// traffic of other nodes' outgoing routers.
struct RouterPort {
    std::string label;     ///< router label and container port name, e.g. "http-outgoing"
    std::string protocol;  ///< "http", "h2" or "grpc": what `mesh inject --protocol` calls it
    int port = 0;
    bool outgoing = false;
};

/// The routers of the seed's servicemesh.yml, in its order (http, h2, grpc; outgoing first).
const std::vector<RouterPort>& router_ports();

/// The config as a JSON value, keys in the order Linkerd's documentation writes them.
nlohmann::ordered_json linkerd_config(const LinkerdOptions& options);

/// Every dtab in a config, with a name saying where it is (e.g. "routers[0] http-outgoing").
std::vector<std::pair<std::string, std::string>> config_dtabs(const nlohmann::ordered_json& config);

}  // namespace mesh::install
