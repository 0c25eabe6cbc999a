#pragma once
// One round of admin requests to every proxy, turned into plain data.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "libmesh/admin/client_state.hpp"
#include "libmesh/admin/linker_config.hpp"
#include "libmesh/admin/metrics_tree.hpp"
#include "libmesh/admin/proxy_metrics.hpp"
#include "libmesh/health/proxy_target.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::health {

/// Why an admin request gave no usable answer, in words for people.
struct ProxyFailure {
    std::string kind;    ///< refused, timeout, http 404, apiserver 503, bad json, too large, tls, ...
    std::string reason;  ///< one line naming the endpoint and what happened
    std::string hint;    ///< what to try
};

/// What one proxy said in one round; the metrics decide whether it is up.
struct ProxySample {
    std::chrono::steady_clock::time_point taken;
    std::optional<admin::ProxyMetrics> metrics;
    std::optional<ProxyFailure> failure;  ///< set when metrics could not be read: the proxy is down
    std::optional<bool> ping_ok;          ///< nullopt when not asked or the ping path is blocked (404)
    std::optional<std::string> version;
    std::optional<admin::LinkerConfig> config;
    std::optional<ProxyFailure> config_failure;
    std::optional<std::vector<admin::ClientState>> client_state;
};

/// Which endpoints a round asks for (metrics always).
struct Probes {
    bool version = false;       ///< /admin/server_info, then /help when that has no version
    bool ping = false;          ///< /admin/ping
    bool config = false;        ///< /config.json
    bool client_state = false;  ///< /client_state.json
};

/// How a round runs.
struct SampleOptions {
    Probes probes;
    std::size_t parallel = 32;
    std::chrono::milliseconds overall_timeout{0};
    std::function<void(const std::string&)> log;
    /// Called with the target's name once its metrics request has an answer (or failed), or at
    /// once for a target known to be unreachable.
    std::function<void(const std::string&)> on_proxy_answered;
    /// Polled while the round runs (net::BatchOptions::cancelled): true ends it at once.
    std::function<bool()> cancelled;
    admin::MetricsLimits metrics_limits;
};

/// Probes every target concurrently; a sample per target, in target order.
std::vector<ProxySample> sample_proxies(net::HttpClient& client, const std::vector<ProxyTarget>& targets,
                                        const SampleOptions& options);

/// Describes a response that carried no usable answer from `path` (transport error or non-2xx).
ProxyFailure describe_failure(const net::Response& response, const std::string& path, bool via_apiserver);

}  // namespace mesh::health
