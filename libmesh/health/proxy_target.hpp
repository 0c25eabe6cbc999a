#pragma once
// A proxy to probe: where its admin server is reached and what Kubernetes says about its pod.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libmesh/core/error.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::health {

/// Why a target was not probed.
struct ProxyFailureNote {
    std::string kind, reason, hint;
};

/// One proxy's admin endpoint plus the pod facts known without asking the proxy.
struct ProxyTarget {
    std::string name;               ///< pod name, or the address as given
    std::string node;               ///< Kubernetes node; empty when given directly
    std::string ip;                 ///< pod IP; empty when given directly
    std::string base_url;           ///< admin base URL without a trailing '/'
    net::Request request_template;  ///< TLS, auth, proxy and timeout for every admin request
    bool via_apiserver = false;     ///< reached through the API server's pod proxy
    // Pod facts (Kubernetes only).
    std::optional<std::string> image_version;  ///< tag of the proxy container's image
    std::optional<int> restarts;
    std::string last_termination_reason;  ///< e.g. OOMKilled
    std::string phase;                    ///< e.g. Running
    std::optional<bool> ready;
    std::string waiting_reason;  ///< e.g. CrashLoopBackOff
    bool terminating = false;
    /// Set when the proxy cannot be probed at all (pod not running, no IP): it is reported down.
    std::optional<ProxyFailureNote> unreachable;
};

/// Parses `host:port`, `[v6]:port`, `host` (port `default_port`) or an http(s) URL into a target;
/// a URL's `user:password@` becomes basic auth and is masked in `name`.
core::Result<ProxyTarget> parse_proxy_address(std::string_view address, int default_port = 9990);

/// Parses a proxies file: one address a line, blank lines and `#` comments ignored.
core::Result<std::vector<ProxyTarget>> parse_proxies_file(std::string_view text, const std::string& file_name);

}  // namespace mesh::health
