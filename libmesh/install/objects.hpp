#pragma once
// The Kubernetes objects of `mesh install` (Linkerd) and `mesh install namerd`, as JSON values in
// the order `kubectl apply` should create them.

#include <vector>

#include <nlohmann/json.hpp>

#include "libmesh/core/error.hpp"
#include "libmesh/install/install_options.hpp"

namespace mesh::install {

/// The annotation every pod template carries, so `mesh inject` and the webhook leave it alone.
inline constexpr const char* k_inject_disabled = "linkerd.io/inject";

/// Namespace, RBAC, l5d-config, the l5d DaemonSet and Service. Fails (Usage) on a flag value
/// Kubernetes or Linkerd would refuse.
core::Result<std::vector<nlohmann::ordered_json>> linkerd_objects(const LinkerdOptions& options);

/// namerd's Namespace, RBAC, config, Deployment and Service, or with crds_only just the
/// dtabs.l5d.io CustomResourceDefinition. Fails (Usage) on a bad flag value.
core::Result<std::vector<nlohmann::ordered_json>> namerd_objects(const NamerdOptions& options);

/// Checks the options both installs share.
core::Result<void> validate(const CommonOptions& options);

/// A Kubernetes object name (DNS-1123 subdomain), e.g. a Secret's.
bool is_dns_subdomain(const std::string& text);

/// HOST:PORT with a DNS name or IPv4 host and a port from 1 to 65535 (what Linkerd's configs take).
bool is_host_port(const std::string& text);

}  // namespace mesh::install
