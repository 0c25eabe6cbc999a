#pragma once
// Exec credential plugins (client.authentication.k8s.io/v1 and v1beta1): run without a shell,
// output parsed and cached until it expires or the API server answers 401.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "libmesh/core/error.hpp"
#include "libmesh/kube/kubeconfig.hpp"

namespace mesh::kube {

/// What a plugin returned.
struct ExecCredential {
    std::string token;
    std::string client_certificate_data;  ///< PEM
    std::string client_key_data;          ///< PEM
    std::optional<std::chrono::system_clock::time_point> expiry;
};

/// Parses a plugin's stdout; its apiVersion must equal `expected_api_version`.
core::Result<ExecCredential> parse_exec_credential(std::string_view json, const std::string& expected_api_version);

/// Parses an RFC 3339 timestamp ("2026-03-05T17:30:20-08:00", "2006-01-02T15:04:05Z").
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

/// Cluster facts an exec plugin may ask for (provideClusterInfo).
struct ExecClusterInfo {
    std::string server, ca_data_b64, tls_server_name, proxy_url;
    bool insecure = false;
};

/// Runs the plugin and caches its credential.
class ExecCredentialProvider {
public:
    /// A plugin still running after `timeout` is killed with every process it started.
    ExecCredentialProvider(ExecConfig config, ExecClusterInfo cluster,
                           std::function<std::optional<std::string>(const std::string&)> getenv,
                           std::chrono::milliseconds timeout = std::chrono::seconds(60));
    /// The cached credential, running the plugin when there is none, it expired, or `refresh`
    /// (the cached one was refused: it is dropped even if the new run fails).
    /// While the plugin runs, `cancelled` (may be empty) is polled: true kills it, with every
    /// process it started, and fails (Ctrl-C, or a listing that is no longer wanted).
    core::Result<ExecCredential> get(bool refresh = false, const std::function<bool()>& cancelled = {});
    /// How many times the plugin ran (for tests and -v).
    int runs() const { return m_runs; }

private:
    ExecConfig m_config;
    ExecClusterInfo m_cluster;
    std::function<std::optional<std::string>(const std::string&)> m_getenv;
    std::optional<ExecCredential> m_cached;
    int m_runs = 0;
    std::chrono::milliseconds m_timeout;
};

}  // namespace mesh::kube
