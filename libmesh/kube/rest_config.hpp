#pragma once
// Choosing the API server, credentials and namespace the way kubectl does: flags over the
// selected context over the merged kubeconfig files, else the in-cluster service account.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "libmesh/core/error.hpp"
#include "libmesh/kube/kubeconfig.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::kube {

/// Command-line overrides, as kubectl's flags.
struct KubeOverrides {
    std::string kubeconfig;  ///< --kubeconfig: only this file, no merge
    std::string context, cluster, user, server, token;
    bool insecure_skip_tls_verify = false;
    std::string request_timeout;  ///< "10s", "500ms", "1m", "2h" or bare seconds; "" or "0": none
};

/// Where the process looks things up; tests replace every field.
struct KubeEnvironment {
    std::function<std::optional<std::string>(const std::string&)> getenv;
    std::function<core::Result<std::string>(const std::string&)> read_file;
    std::string service_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
};

/// Everything needed to talk to one API server.
struct RestConfig {
    std::string server;  ///< without a trailing '/'; may carry a path prefix
    net::TlsOptions tls;
    net::Auth auth;          ///< static token or basic auth
    std::string token_file;  ///< re-read before use (projected tokens rotate)
    std::optional<ExecConfig> exec;
    std::string proxy_url;
    std::string tls_server_name;
    /// Set with tls-server-name: requests go to `server` rewritten to that name and connect here.
    std::vector<std::string> connect_to;
    std::string namespace_name;  ///< the context's namespace; empty when unset
    std::chrono::milliseconds timeout{0};
    std::string source;               ///< "kubeconfig /path (context x)" or "in-cluster service account"
    std::string cluster_ca_data_b64;  ///< for exec plugins that ask for cluster info
};

/// Resolves the REST config from the overrides and the environment.
core::Result<RestConfig> load_rest_config(const KubeOverrides& overrides, const KubeEnvironment& env);

/// Parses a kubectl duration ("10s", "1m", "500ms", "2h", "3"): nullopt when malformed.
std::optional<std::chrono::milliseconds> parse_kube_duration(const std::string& text);

}  // namespace mesh::kube
