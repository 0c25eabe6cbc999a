#pragma once
// Whether an application pod's traffic is meant to go through the node's Linkerd, and with which
// settings: mesh's injection marker, `http_proxy=$(NODE_NAME):PORT` written by hand (the
// linkerd-examples way), or linkerd-inject's iptables init container.

#include <string>

#include "libmesh/kube/workload_pods.hpp"

namespace mesh::health {

/// Where a pod stands towards the mesh.
enum class MeshState { Meshed, Unmeshed, OptedOut };

/// What a pod's spec says about its route to Linkerd.
struct PodMeshing {
    MeshState state = MeshState::Unmeshed;
    std::string via;           ///< "mesh inject", "http_proxy" or "init container" (Meshed only)
    std::string mode;          ///< "http-proxy" or "iptables", as `mesh inject --mode` names them
    int port = 0;              ///< the router port the traffic is sent to
    bool node_local = true;    ///< sent to the pod's own node (false: linkerd-inject's service VIP mode)
    std::string broken;        ///< why a meshed pod's traffic cannot arrive, e.g. an unexpanded $(NODE_NAME)
    std::string why_unmeshed;  ///< what was found instead, when it explains something; may be empty
};

/// Reads a pod's injection from its spec and annotations.
PodMeshing classify_pod(const kube::WorkloadPod& pod);

/// "http-proxy, port 4140".
std::string settings_text(const PodMeshing& meshing);

}  // namespace mesh::health
