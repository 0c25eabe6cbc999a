#pragma once
// Pieces both installs build their objects from.

#include <string>

#include <nlohmann/json.hpp>

#include "libmesh/install/install_options.hpp"

namespace mesh::install {

/// metadata: name, namespace and the label app=APP.
nlohmann::ordered_json metadata(const std::string& name, const std::string& app, const CommonOptions& options);

/// The Namespace object.
nlohmann::ordered_json namespace_object(const CommonOptions& options);

/// A ServiceAccount named after the app.
nlohmann::ordered_json service_account(const std::string& app, const CommonOptions& options);

/// A ClusterRole with these rules and its binding to the app's ServiceAccount, both named
/// NAMESPACE-APP so installs in two namespaces do not collide.
nlohmann::ordered_json::array_t cluster_rbac(const std::string& app, const nlohmann::ordered_json& rules,
                                             const CommonOptions& options);

/// A pod template labelled app=APP and annotated linkerd.io/inject: disabled.
nlohmann::ordered_json pod_template(const std::string& app, const nlohmann::ordered_json& pod_spec);

/// NODE_NAME and POD_IP from the downward API, which Linkerd's transformers read.
nlohmann::ordered_json node_env();

/// An HTTP probe of Linkerd's and namerd's /admin/ping on the container port named admin.
nlohmann::ordered_json admin_probe();

/// The `kubectl proxy` sidecar through which Linkerd 1.7 reaches the API at localhost:8001.
nlohmann::ordered_json kubectl_proxy_container(const CommonOptions& options);

}  // namespace mesh::install
