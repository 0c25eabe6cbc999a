#pragma once
// What `mesh install` and `mesh install namerd` print, as chosen by their flags.

#include <optional>
#include <string>

namespace mesh::install {

/// The last Linkerd 1.x release; namerd is released with it under the same version.
inline constexpr const char* k_linkerd_version = "1.7.5";
/// Where buoyantio/linkerd and buoyantio/namerd are published.
inline constexpr const char* k_registry = "docker.io/buoyantio";
/// A current kubectl for the `kubectl proxy` sidecar, pinned by tag: Linkerd 1.7.5's Kubernetes
/// clients speak plain HTTP to localhost:8001 and have no in-cluster (service account) access.
inline constexpr const char* k_kubectl_image = "registry.k8s.io/kubectl:v1.31.4";
/// Port of that sidecar, Linkerd's default for the Kubernetes API.
inline constexpr int k_kubectl_proxy_port = 8001;
/// Linkerd's admin port, where `mesh status` and `mesh check` look.
inline constexpr int k_linkerd_admin_port = 9990;
/// namerd's interfaces and admin port, as in the seed's namerd.yml.
inline constexpr int k_namerd_thrift_port = 4100;
inline constexpr int k_namerd_http_port = 4180;
inline constexpr int k_namerd_mesh_port = 4321;
inline constexpr int k_namerd_admin_port = 9991;

/// Images, namespace and Service shared by both installs.
struct CommonOptions {
    std::string namespace_ = "linkerd";
    std::string linkerd_version = k_linkerd_version;
    std::string registry = k_registry;  ///< images are REGISTRY/linkerd:VERSION, REGISTRY/namerd:VERSION
    std::string kubectl_image = k_kubectl_image;
    std::string service_type = "ClusterIP";  ///< ClusterIP, NodePort or LoadBalancer
};

/// The Linkerd DaemonSet and its variants (the seed's servicemesh.yml and friends).
struct LinkerdOptions {
    CommonOptions common;
    bool cni = false;                       ///< hostNetwork, as linkerd-cni.yml
    std::optional<std::string> tls_secret;  ///< TLS between nodes, as linkerd-tls.yml
    std::optional<std::string> zipkin;      ///< HOST:PORT of a Zipkin collector, as linkerd-zipkin.yml
    bool namerd = false;                    ///< routers ask namerd, as linkerd-namerd.yml
    std::string namerd_address;             ///< HOST:PORT of namerd's thrift interface; empty: namerd.NAMESPACE
};

/// namerd itself (the seed's namerd.yml), storing dtabs as l5d.io/v1alpha1 DTab objects.
struct NamerdOptions {
    CommonOptions common;
    bool crds_only = false;  ///< print only the CustomResourceDefinition its storage needs
};

}  // namespace mesh::install
