#pragma once
// Application pods for the fake API server, made from a real recorded pod (a ReplicaSet's pod of
// testdata/kube/kubelet-podlist-daemonset-pods.json) with the injection each test needs.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/fake_kube_api.hpp"
#include "tests/support/fake_linkerd.hpp"

namespace mesh::testing {

/// How a fake application pod reaches Linkerd.
enum class Injection {
    MeshInject,     ///< what `mesh inject` writes: env, and the mesh.l5d.io/injected marker
    HandWritten,    ///< linkerd-examples' hello-world.yml: NODE_NAME, POD_IP, http_proxy=$(NODE_NAME):PORT
    LinkerdInject,  ///< linkerd-inject's init container `init-linkerd` (-p PORT -m false -s L5D)
    None,           ///< not meshed
    OptedOut,       ///< annotated linkerd.io/inject: disabled
    Unexpanded,     ///< http_proxy=$(NODE_NAME):PORT with NODE_NAME defined after it
};

/// One application pod to make.
struct WorkloadPodSpec {
    std::string name, namespace_name = "default", node;
    std::string app = "web";  ///< the `app` label
    Injection injection = Injection::MeshInject;
    std::string mode = "http-proxy";  ///< for MeshInject: http-proxy or iptables
    int port = 4140;
    std::string phase = "Running";
    bool ready = true;
};

/// The Pod object for `spec`.
nlohmann::json workload_pod(const WorkloadPodSpec& spec);

/// A cluster at scale: `nodes` nodes (node-0...), an l5d pod on each but the last (backends
/// taken in turn from `l5d_backends`; l5d-49, l5d-99... not ready), and `pods` application pods
/// spread over the nodes in turn and over 10 namespaces (ns-0...): i % 20 == 0 unmeshed,
/// i % 25 == 1 injected by hand, i % 40 == 3 with linkerd-inject's init container, the rest by
/// mesh inject (http-proxy, port 4140).
FakeKubeOptions scaled_cluster(int nodes, int pods, const std::vector<std::string>& l5d_backends);

/// The EndpointSlice that Kubernetes' mirroring controller makes of an Endpoints object (one
/// slice, its ready and not-ready addresses with `conditions.ready`).
nlohmann::json endpoint_slice_of(const nlohmann::json& endpoints);

/// Each document of a YAML stream as JSON, plain scalars that read as numbers or booleans becoming
/// those (as Jackson writes Linkerd's config back, and as Kubernetes reads a manifest's ints and
/// bools); quoted scalars stay strings.
std::vector<nlohmann::json> yaml_stream_to_json(const std::string& yaml);

/// The `/config.json` of linkerd-examples' servicemesh.yml DaemonSet: its ConfigMap's config.yaml
/// (testdata/manifests/real) as JSON, routers on 4140, 4141, 4240, 4241, 4340, 4341, 80 and 8080.
std::string servicemesh_config_json();

/// A healthy fake l5d (every request succeeds) serving servicemesh_config_json() as its config.
FakeLinkerdOptions servicemesh_proxy();

}  // namespace mesh::testing
