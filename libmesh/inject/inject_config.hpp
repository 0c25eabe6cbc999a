#pragma once
// What `mesh inject` adds, as chosen by its flags.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "libmesh/core/limits.hpp"

namespace mesh::inject {

/// http-proxy: env vars pointing apps at the node's Linkerd; iptables: an init container that
/// DNATs outbound TCP to it (linkerd-inject's way).
enum class Mode { HttpProxy, Iptables };

/// Name of a mode as used on the command line and in the marker.
const char* mode_name(Mode mode);

/// Linkerd's DaemonSet router ports by protocol (servicemesh.yml).
inline constexpr int k_http_port = 4140;
inline constexpr int k_h2_port = 4240;
inline constexpr int k_grpc_port = 4340;

/// Everything that decides what injection writes.
struct InjectConfig {
    Mode mode = Mode::HttpProxy;
    int proxy_port = k_http_port;
    std::vector<std::string> extra_proxy_env;  ///< more names given $(NODE_NAME):PORT, e.g. HTTP_PROXY
    std::optional<std::string> no_proxy;       ///< value for no_proxy
    bool overwrite_env = false;
    std::string init_image = "linkerd/istio-init:v1";
    std::string linkerd_svc_name = "l5d";
    bool use_service_vip = false;
    bool privileged = false;
    std::vector<std::string> init_args;
    bool skip_refused = false;                      ///< pass refused workloads through instead of failing
    bool allow_host_network = false;                ///< inject hostNetwork pods in iptables mode anyway
    std::map<std::string, std::string> kind_paths;  ///< "Kind" or "Kind.group" -> dotted pod-template path
    bool verify = true;                             ///< re-read every edited document and check it means input + plan
    bool suggest_flags = true;  ///< reasons may suggest mesh's flags (not under linkerd-inject, which lacks them)
    unsigned threads = 0;       ///< documents processed at once; 0: one per core (the fuzzer sets 1 to stay repeatable)
    core::Limits limits;
};

/// The annotation that records what injection added.
inline constexpr const char* k_marker_annotation = "mesh.l5d.io/injected";
/// linkerd's opt-out annotation, honoured here too.
inline constexpr const char* k_opt_out_annotation = "linkerd.io/inject";
/// Name of the init container in iptables mode (linkerd-inject's).
inline constexpr const char* k_init_container_name = "init-linkerd";

}  // namespace mesh::inject
