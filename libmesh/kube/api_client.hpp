#pragma once
// Requests to one Kubernetes API server with the chosen credentials, paginated pod listing and
// the pod proxy path.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "libmesh/kube/exec_credential.hpp"
#include "libmesh/kube/pods.hpp"
#include "libmesh/kube/rest_config.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::kube {

/// Talks to the API server of a RestConfig.
class ApiClient {
public:
    /// Once `cancelled` (may be empty) returns true, requests and exec plugin runs end at once
    /// (net::FailureKind::Cancelled, or an error).
    ApiClient(RestConfig config, net::HttpClient& http, const KubeEnvironment& env,
              std::function<void(const std::string&)> log, std::function<bool()> cancelled = {});

    /// A client of the same server and credentials (an exec plugin's credential is shared, so the
    /// plugin does not run again) that sends through `http`, logs to `log`, and ends its requests
    /// at once (net::FailureKind::Cancelled) once `cancelled` returns true: for another thread, as
    /// an HttpClient serves one thread.
    std::unique_ptr<ApiClient> sibling(net::HttpClient& http, std::function<void(const std::string&)> log,
                                       std::function<bool()> cancelled) const;

    /// A GET of `path` (with query) relative to the server; after a 401 with an exec plugin the
    /// credential is refreshed (unless a sibling already replaced it) and the request retried once.
    core::Result<net::Response> get(const std::string& path);

    /// Every pod matching `selector` in `namespace_name`, following `continue` across pages of `page_size`.
    core::Result<std::vector<PodInfo>> list_pods(const std::string& namespace_name, const std::string& selector,
                                                 int page_size = 500);

    /// Reads one page of a list; returns the page's `metadata.continue` ("" on the last page).
    using PageReader = std::function<core::Result<std::string>(std::string_view body)>;

    /// GETs the list at `collection_path` (no query) page by page (`limit`, `labelSelector` when
    /// not empty, `continue`), handing each body to `read_page`; `what` names the list in errors.
    core::Result<void> list_pages(const std::string& collection_path, const std::string& selector, int page_size,
                                  const std::string& what, const PageReader& read_page);

    /// A request template carrying this server's TLS and credentials (for pod proxy requests).
    core::Result<net::Request> request_template();

    /// `{server}/api/v1/namespaces/{ns}/pods/{[scheme:]name:port}/proxy`.
    std::string pod_proxy_base(const std::string& namespace_name, const std::string& pod, int port,
                               const std::string& scheme = "http") const;

    /// The config in use.
    const RestConfig& config() const { return m_config; }

private:
    struct SharedExec;  // the exec plugin's provider, behind a lock: sibling clients share it
    core::Result<net::Response> get_once(const std::string& path, bool refresh);
    RestConfig m_config;
    net::HttpClient& m_http;
    KubeEnvironment m_env;
    std::function<void(const std::string&)> m_log;
    std::function<bool()> m_cancelled;
    std::shared_ptr<SharedExec> m_exec;
    bool m_refresh = false;
    int m_plugin_runs_sent = 0;  ///< the plugin's run count when this client took its credential
};

/// Percent-encodes a query value (RFC 3986 unreserved characters kept).
std::string url_encode(const std::string& value);

/// An error for a non-2xx API response: the Status message when there is one, and a hint.
core::Error api_error(const net::Response& response, const std::string& what);

}  // namespace mesh::kube
