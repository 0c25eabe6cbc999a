#pragma once
// kubeconfig files: parsing, merging KUBECONFIG lists, and the entries kubectl would use.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "libmesh/core/error.hpp"

namespace mesh::kube {

/// The largest kubeconfig file read (kubectl has no limit; 16 MiB is far above any real one).
inline constexpr std::size_t k_max_kubeconfig_bytes = 16u << 20;

/// An exec credential plugin (`users[].user.exec`).
struct ExecConfig {
    std::string api_version;
    std::string command;  ///< resolved: relative paths with a '/' against the kubeconfig's directory
    std::vector<std::string> args;
    std::vector<std::pair<std::string, std::string>> env;
    std::string install_hint;
    bool provide_cluster_info = false;
    std::string interactive_mode;  ///< Never, IfAvailable or Always
};

/// A legacy `auth-provider` entry (only its cached token is used).
struct AuthProviderConfig {
    std::string name;
    std::map<std::string, std::string> config;
};

/// `clusters[].cluster`; `*_data` fields are already base64-decoded PEM.
struct ClusterEntry {
    std::string server;
    std::string ca_file, ca_data;
    bool insecure_skip_tls_verify = false;
    std::string tls_server_name;
    std::string proxy_url;
};

/// `users[].user`; `*_data` fields are already base64-decoded PEM.
struct UserEntry {
    std::string token, token_file;
    std::string cert_file, cert_data, key_file, key_data;
    std::string username, password;
    std::optional<ExecConfig> exec;
    std::optional<AuthProviderConfig> auth_provider;
};

/// `contexts[].context`.
struct ContextEntry {
    std::string cluster, user, namespace_name;
};

/// One kubeconfig, or several merged.
struct Kubeconfig {
    std::string current_context;
    std::map<std::string, ClusterEntry> clusters;
    std::map<std::string, UserEntry> users;
    std::map<std::string, ContextEntry> contexts;
};

/// Parses one kubeconfig; relative file paths are resolved against `path`'s directory.
core::Result<Kubeconfig> parse_kubeconfig(std::string_view yaml, const std::string& path);

/// The kubeconfig files kubectl reads, in merge order (client-go's loading rules): `explicit_path`
/// alone when given; else the entries of a non-empty KUBECONFIG, split on ':', without empty
/// entries or repeats; else $HOME/.kube/config, which is `.kube/config` when HOME is unset or empty.
std::vector<std::string> kubeconfig_paths(const std::optional<std::string>& explicit_path,
                                          const std::optional<std::string>& kubeconfig_env,
                                          const std::optional<std::string>& home);

/// Merges kubeconfigs as kubectl does: the first file to set a value or a named entry wins, and
/// entries are taken whole, never merged field by field.
Kubeconfig merge_kubeconfigs(const std::vector<Kubeconfig>& configs);

}  // namespace mesh::kube
