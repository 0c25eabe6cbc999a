#pragma once
// The Kubernetes objects that run `mesh webhook serve`: Deployment, Service,
// MutatingWebhookConfiguration and, with generated certificates, the TLS Secret.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "libmesh/core/error.hpp"
#include "libmesh/webhook/certs.hpp"

namespace mesh::webhook {

/// What the manifests are made of.
struct ManifestOptions {
    std::string image;
    std::string name = "mesh-webhook";
    std::string namespace_ = "linkerd";
    int replicas = 2;
    std::string failure_policy = "Ignore";  ///< Ignore or Fail
    int timeout_seconds = 10;               ///< 1 to 30, as Kubernetes allows
    std::size_t threads = 2;                ///< `mesh webhook serve --threads`
    std::size_t max_body_bytes = 4u << 20;  ///< `mesh webhook serve --max-body-bytes`
    std::vector<std::string> serve_args;    ///< more arguments for `mesh webhook serve` (injection flags)
    std::optional<std::string> ca_bundle;   ///< PEM CA; without it, cert-manager's CA injector fills caBundle
    std::optional<PemPair> serving;         ///< serving pair to ship as the Secret
};

/// The DNS names the Service answers to, the first being what the API server calls.
std::vector<std::string> service_dns_names(const ManifestOptions& options);

/// The container's memory limit in MiB: 64 MiB for the process, plus what its reviews may hold at
/// once (--threads x 10 x --max-body-bytes, as `mesh webhook serve --help` explains), and never
/// under 256 MiB.
std::size_t memory_limit_mib(const ManifestOptions& options);

/// The objects as one YAML stream. Fails on a name or namespace that is not a DNS-1123 label or
/// an empty image.
core::Result<std::string> render_manifests(const ManifestOptions& options);

}  // namespace mesh::webhook
