#include "libmesh/kube/rest_config.hpp"

#include <fmt/format.h>

#include <cctype>

#include "libmesh/core/base64.hpp"
#include "libmesh/core/result.hpp"

namespace mesh::kube {

std::optional<std::chrono::milliseconds> parse_kube_duration(const std::string& text) {
    if (text.empty()) return std::chrono::milliseconds(0);
    std::size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    if (i == 0 || i > 12) return std::nullopt;
    double value = 0;
    try {
        value = std::stod(text.substr(0, i));
    } catch (...) {
        return std::nullopt;
    }
    std::string unit = text.substr(i);
    double ms = 0;
    if (unit.empty() || unit == "s")
        ms = value * 1000;
    else if (unit == "ms")
        ms = value;
    else if (unit == "m")
        ms = value * 60000;
    else if (unit == "h")
        ms = value * 3600000;
    else
        return std::nullopt;
    return std::chrono::milliseconds(static_cast<long long>(ms));
}

static core::Result<RestConfig> in_cluster(const KubeEnvironment& env) {
    auto host = env.getenv("KUBERNETES_SERVICE_HOST");
    auto port = env.getenv("KUBERNETES_SERVICE_PORT");
    if (!host || !port || host->empty())
        return core::input_error("no kubeconfig found (--kubeconfig, $KUBECONFIG, ~/.kube/config) and not running in a "
                                 "cluster; give proxies with --proxy or --proxies-file");
    RestConfig rc;
    bool v6 = host->find(':') != std::string::npos;
    rc.server = fmt::format("https://{}{}{}:{}", v6 ? "[" : "", *host, v6 ? "]" : "", *port);
    rc.token_file = env.service_account_dir + "/token";
    rc.tls.ca_file = env.service_account_dir + "/ca.crt";
    if (auto ns = env.read_file(env.service_account_dir + "/namespace")) {
        std::string n = *ns;
        while (!n.empty() && std::isspace(static_cast<unsigned char>(n.back()))) n.pop_back();
        rc.namespace_name = n;
    }
    rc.source = "in-cluster service account";
    return rc;
}

core::Result<RestConfig> load_rest_config(const KubeOverrides& o, const KubeEnvironment& env) {
    auto timeout = parse_kube_duration(o.request_timeout);
    if (!timeout)
        return core::usage_error(
            fmt::format("--request-timeout '{}': expected a duration such as 10s, 500ms or 1m", o.request_timeout));
    auto files = kubeconfig_paths(o.kubeconfig.empty() ? std::nullopt : std::optional(o.kubeconfig),
                                  env.getenv("KUBECONFIG"), env.getenv("HOME"));
    std::vector<Kubeconfig> configs;
    for (const auto& f : files) {
        auto text = env.read_file(f);
        if (!text) {
            // kubectl skips missing KUBECONFIG entries but not an explicit --kubeconfig.
            if (!o.kubeconfig.empty()) return tl::unexpected(text.error());
            continue;
        }
        MESH_TRY_ASSIGN(auto kc, parse_kubeconfig(*text, f));
        configs.push_back(std::move(kc));
    }
    bool flags_only = !o.server.empty();
    if (configs.empty() && !flags_only) {
        auto rc = in_cluster(env);
        if (rc) rc->timeout = *timeout;
        if (rc && !o.token.empty()) {
            rc->auth.bearer_token = o.token;
            rc->token_file.clear();
        }
        return rc;
    }
    Kubeconfig merged = merge_kubeconfigs(configs);
    std::string context_name = o.context.empty() ? merged.current_context : o.context;
    ContextEntry context;
    if (!context_name.empty()) {
        auto it = merged.contexts.find(context_name);
        if (it == merged.contexts.end()) {
            if (!o.context.empty() || (o.cluster.empty() && !flags_only))
                return core::input_error(fmt::format("context '{}' not found in the kubeconfig", context_name));
        } else {
            context = it->second;
        }
    }
    std::string cluster_name = o.cluster.empty() ? context.cluster : o.cluster;
    std::string user_name = o.user.empty() ? context.user : o.user;
    ClusterEntry cluster;
    if (!cluster_name.empty()) {
        auto it = merged.clusters.find(cluster_name);
        if (it == merged.clusters.end() && !flags_only)
            return core::input_error(fmt::format("cluster '{}' not found in the kubeconfig", cluster_name));
        if (it != merged.clusters.end()) cluster = it->second;
    }
    UserEntry user;
    if (!user_name.empty()) {
        auto it = merged.users.find(user_name);
        if (it == merged.users.end() && !o.user.empty())
            return core::input_error(fmt::format("user '{}' not found in the kubeconfig", user_name));
        if (it != merged.users.end()) user = it->second;
    }
    RestConfig rc;
    rc.server = o.server.empty() ? cluster.server : o.server;
    if (rc.server.empty())
        return core::input_error(context_name.empty()
                                     ? "the kubeconfig selects no context and no cluster; use --context or --server"
                                     : fmt::format("context '{}' has no server", context_name));
    if (rc.server.find("://") == std::string::npos) rc.server = "https://" + rc.server;
    while (!rc.server.empty() && rc.server.back() == '/') rc.server.pop_back();
    rc.tls.ca_data = cluster.ca_data;
    rc.tls.ca_file = cluster.ca_data.empty() ? cluster.ca_file : std::string();
    rc.tls.insecure = cluster.insecure_skip_tls_verify || o.insecure_skip_tls_verify;
    if (rc.tls.insecure && o.insecure_skip_tls_verify) {
        rc.tls.ca_data.clear();
        rc.tls.ca_file.clear();
    } else if (rc.tls.insecure && (!rc.tls.ca_data.empty() || !rc.tls.ca_file.empty())) {
        return core::input_error(
            "the cluster sets both a certificate authority and insecure-skip-tls-verify; kubectl refuses this too");
    }
    rc.tls_server_name = cluster.tls_server_name;
    if (!rc.tls_server_name.empty()) {
        // libcurl verifies the certificate against the URL's host: put the TLS name there and
        // connect to the real address with CONNECT_TO.
        auto scheme_end = rc.server.find("://") + 3;
        auto host_end = rc.server.find('/', scheme_end);
        std::string authority =
            rc.server.substr(scheme_end, host_end == std::string::npos ? std::string::npos : host_end - scheme_end);
        std::string path = host_end == std::string::npos ? std::string() : rc.server.substr(host_end);
        std::string host = authority, port = rc.server.rfind("http://", 0) == 0 ? "80" : "443";
        auto colon = authority.rfind(':');
        if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
            host = authority.substr(0, colon);
            port = authority.substr(colon + 1);
        }
        rc.connect_to.push_back(fmt::format("{}:{}:{}:{}", rc.tls_server_name, port, host, port));
        rc.server = fmt::format("{}{}:{}{}", rc.server.substr(0, scheme_end), rc.tls_server_name, port, path);
    }
    rc.proxy_url = cluster.proxy_url;
    rc.tls.cert_data = user.cert_data;
    rc.tls.cert_file = user.cert_data.empty() ? user.cert_file : std::string();
    rc.tls.key_data = user.key_data;
    rc.tls.key_file = user.key_data.empty() ? user.key_file : std::string();
    if (!o.token.empty()) {
        rc.auth.bearer_token = o.token;
    } else {
        int techniques = (!user.token.empty() || !user.token_file.empty()) + (!user.username.empty()) +
                         user.exec.has_value() + user.auth_provider.has_value();
        if (techniques > 1)
            return core::input_error(fmt::format("user '{}' sets more than one authentication technique", user_name));
        rc.auth.bearer_token = user.token;
        if (user.token.empty()) rc.token_file = user.token_file;
        rc.auth.username = user.username;
        rc.auth.password = user.password;
        rc.exec = user.exec;
        if (user.auth_provider) {
            const auto& cfg = user.auth_provider->config;
            // Legacy providers cannot be refreshed here; use the token they cached.
            for (const char* key : {"id-token", "access-token"}) {
                auto it = cfg.find(key);
                if (it != cfg.end() && !it->second.empty()) {
                    rc.auth.bearer_token = it->second;
                    break;
                }
            }
            if (rc.auth.bearer_token.empty())
                return core::input_error(
                    fmt::format("user '{}' uses the '{}' auth-provider without a cached token; "
                                "switch to its exec plugin (e.g. gke-gcloud-auth-plugin, kubelogin)",
                                user_name, user.auth_provider->name));
        }
    }
    rc.namespace_name = context.namespace_name;
    rc.timeout = *timeout;
    rc.source = fmt::format("kubeconfig {}{}", fmt::join(files, ":"),
                            context_name.empty() ? std::string() : fmt::format(" (context {})", context_name));
    if (!cluster.ca_data.empty()) {
        // Exec plugins with provideClusterInfo get the CA base64-encoded, as in the kubeconfig.
        rc.cluster_ca_data_b64 = core::base64_encode(cluster.ca_data);
    }
    return rc;
}

}  // namespace mesh::kube
