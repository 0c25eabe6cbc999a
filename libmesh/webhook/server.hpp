#pragma once
// The webhook's HTTPS server: POST /inject answers AdmissionReviews; /healthz, /readyz and
// /metrics for the kubelet and Prometheus. Stopping stops accepting and finishes what is in flight.
// Every client is untrusted: request heads and bodies are bounded while they are read, idle
// connections hold no thread, and the number of open connections is capped.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "libmesh/core/error.hpp"
#include "libmesh/inject/inject_config.hpp"

namespace mesh::webhook {

/// A pod's tree may hold one node per this many bytes of max_body_bytes (more: not injected, with
/// a warning), which bounds a review's memory whatever the shape of its JSON.
inline constexpr std::size_t k_body_bytes_per_node = 16;

/// How the server listens, what it injects and the limits it keeps.
struct ServerOptions {
    std::string host = "0.0.0.0";
    int port = 8443;  ///< 0: any free port (see WebhookServer::port)
    std::string cert_file;
    std::string key_file;
    inject::InjectConfig inject;
    std::size_t max_body_bytes = 4u << 20;      ///< larger bodies get 413
    std::size_t max_header_bytes = 64u << 10;   ///< request line and headers together (larger: 431, closed)
    std::size_t max_headers = 100;              ///< header fields per request (more: 431, closed)
    std::chrono::seconds read_timeout{10};      ///< a request's head, then its body, must arrive within this
    std::chrono::seconds handshake_timeout{5};  ///< the TLS handshake must finish within this
    std::chrono::seconds write_timeout{10};
    std::chrono::seconds keep_alive_timeout{5};  ///< idle time before a kept-alive connection closes
    std::size_t keep_alive_max_requests = 1000;
    std::size_t threads = 2;                  ///< reviews answered at once (connections hold no thread)
    std::size_t max_connections = 1024;       ///< open connections; more are closed at once
    std::chrono::seconds shutdown_grace{20};  ///< stop() waits this long for requests in flight
    std::chrono::milliseconds cert_reload_interval{10000};
    std::function<void(const std::string&)> log;  ///< one line per notable event; may be empty
};

/// A bound, not yet running webhook server.
class WebhookServer {
public:
    /// Reads the certificate pair and binds the address; fails with the reason.
    static core::Result<std::unique_ptr<WebhookServer>> create(ServerOptions options);
    ~WebhookServer();
    WebhookServer(const WebhookServer&) = delete;
    WebhookServer& operator=(const WebhookServer&) = delete;

    /// The port bound (useful with port 0).
    int port() const;
    /// Serves until stop(); fails if the listening socket fails.
    core::Result<void> run();
    /// Makes /readyz fail, stops accepting, and lets run() return once in-flight requests are done.
    /// Safe from any thread, at any time, more than once.
    void stop();
    /// The /metrics text.
    std::string metrics() const;

private:
    struct Impl;
    explicit WebhookServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Splits a --listen value (":8443", "127.0.0.1:0", "[::1]:8443") into host and port; an empty
/// host means every IPv4 address.
core::Result<std::pair<std::string, int>> parse_listen_address(const std::string& value);

}  // namespace mesh::webhook
