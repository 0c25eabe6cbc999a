#include "libmesh/webhook/server.hpp"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include <httplib.h>

#include "libmesh/core/result.hpp"
#include "libmesh/webhook/admission.hpp"
#include "libmesh/webhook/cert_reloader.hpp"
#include "libmesh/webhook/metrics.hpp"

namespace mesh::webhook {

struct WebhookServer::Impl {
    ServerOptions options;
    CertReloader certs;
    Metrics metrics;
    std::unique_ptr<httplib::SSLServer> server;
    int port = 0;
    std::atomic<bool> ready{false};
    std::atomic<bool> stopping{false};
    std::atomic<bool> running{false};
    std::atomic<std::uint64_t> too_large{0};

    explicit Impl(ServerOptions o)
        : options(std::move(o)), certs(options.cert_file, options.key_file, options.log) {}

    void log(const std::string& line) const {
        if (options.log) options.log(line);
    }
    void review(const httplib::Request& request, httplib::Response& response, const httplib::ContentReader& content);
    void routes();
    std::string metrics_text() const;
};

void WebhookServer::Impl::review(const httplib::Request& request, httplib::Response& response,
                                 const httplib::ContentReader& content) {
    // Read the body here, not into request.body: httplib refuses a Content-Length over the limit but
    // would read a chunked body of any size into memory.
    std::string body;
    bool over = false;
    bool complete = content([&](const char* data, std::size_t length) {
        if (body.size() + length > options.max_body_bytes) {
            over = true;
            return false;
        }
        body.append(data, length);
        return true;
    });
    // A Content-Length over the limit is refused by httplib itself (it sets 413 and reads nothing).
    if (over || (!complete && response.status == 413)) {
        too_large.fetch_add(1, std::memory_order_relaxed);
        response.status = 413;
        if (over) response.set_header("Connection", "close");  // the rest of a chunked body is not read
        response.set_content(fmt::format("AdmissionReview over the limit of {} bytes\n", options.max_body_bytes),
                             "text/plain; charset=utf-8");
        log(fmt::format("rejected a request from {}: body over {} bytes", request.remote_addr, options.max_body_bytes));
        return;
    }
    if (!complete) {  // the client went away or stalled; there is no one to answer
        response.status = 400;
        response.set_header("Connection", "close");
        return;
    }
    auto started = std::chrono::steady_clock::now();
    auto answer = answer_review(body, options.inject);
    auto elapsed = std::chrono::steady_clock::now() - started;
    if (!answer) {
        metrics.record(ReviewResult::Invalid, elapsed);
        response.status = answer.error().code == core::ErrorCode::Limit ? 413 : 400;
        response.set_content(answer.error().message + "\n", "text/plain; charset=utf-8");
        log(fmt::format("rejected a request from {}: {}", request.remote_addr, answer.error().message));
        return;
    }
    metrics.record(answer->result, elapsed);
    response.set_content(std::move(answer->body), "application/json");
    if (answer->result == ReviewResult::Refused || answer->result == ReviewResult::Failed)
        log(fmt::format("{} {} (uid {}): {}", result_name(answer->result), answer->pod, answer->uid, answer->reason));
}

std::string WebhookServer::Impl::metrics_text() const {
    return metrics.render(fmt::format(
        "# HELP mesh_webhook_requests_too_large_total Requests refused for a body over the size limit (not counted as reviews).\n"
        "# TYPE mesh_webhook_requests_too_large_total counter\n"
        "mesh_webhook_requests_too_large_total {}\n"
        "# HELP mesh_webhook_certificate_reloads_total Changed certificate pairs taken.\n"
        "# TYPE mesh_webhook_certificate_reloads_total counter\n"
        "mesh_webhook_certificate_reloads_total {}\n"
        "# HELP mesh_webhook_certificate_reload_errors_total Changed certificate pairs rejected (the previous pair stays).\n"
        "# TYPE mesh_webhook_certificate_reload_errors_total counter\n"
        "mesh_webhook_certificate_reload_errors_total {}\n",
        too_large.load(), certs.reloads(), certs.reload_errors()));
}

void WebhookServer::Impl::routes() {
    server->Post("/inject", [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& content) {
        review(req, res, content);
    });
    server->Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
    server->Get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
        bool is_ready = ready.load();
        res.status = is_ready ? 200 : 503;
        res.set_content(is_ready ? "ok\n" : "shutting down\n", "text/plain");
    });
    server->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
        res.set_content(metrics_text(), "text/plain; version=0.0.4; charset=utf-8");
    });
}

WebhookServer::WebhookServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

WebhookServer::~WebhookServer() { stop(); }

core::Result<std::unique_ptr<WebhookServer>> WebhookServer::create(ServerOptions options) {
    if (options.threads == 0) return core::usage_error("the server needs at least one thread");
    options.inject.limits.max_document_bytes = options.max_body_bytes;
    auto impl = std::make_unique<Impl>(std::move(options));
    MESH_TRY(impl->certs.load());
    Impl* raw = impl.get();
    impl->server = std::make_unique<httplib::SSLServer>([raw](SSL_CTX& ctx) {
        SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
        SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
        raw->certs.install(ctx);
        return true;
    });
    if (!impl->server->is_valid()) return core::internal_error("cannot create the TLS context");
    const auto& o = impl->options;
    std::size_t threads = o.threads;
    impl->server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    impl->server->set_read_timeout(o.read_timeout.count(), 0);
    impl->server->set_write_timeout(o.write_timeout.count(), 0);
    impl->server->set_keep_alive_timeout(o.keep_alive_timeout.count());
    impl->server->set_keep_alive_max_count(o.keep_alive_max_requests);
    impl->server->set_payload_max_length(o.max_body_bytes);
    // httplib writes a response's head and body separately; with Nagle on, the body waits for the
    // client's delayed ACK (40 ms on Linux) on every kept-alive request.
    impl->server->set_tcp_nodelay(true);
    impl->routes();
    if (o.port == 0) {
        impl->port = impl->server->bind_to_any_port(o.host);
        if (impl->port <= 0) return core::network_error(fmt::format("cannot listen on {}", o.host));
    } else {
        if (!impl->server->bind_to_port(o.host, o.port))
            return core::network_error(fmt::format("cannot listen on {}:{}: {}", o.host, o.port, std::strerror(errno)));
        impl->port = o.port;
    }
    impl->certs.watch(impl->options.cert_reload_interval);
    return std::unique_ptr<WebhookServer>(new WebhookServer(std::move(impl)));
}

int WebhookServer::port() const { return m_impl->port; }

core::Result<void> WebhookServer::run() {
    m_impl->running = true;
    if (m_impl->stopping) return {};
    m_impl->ready = true;
    m_impl->log(fmt::format("serving AdmissionReviews on https://{}:{}/inject", m_impl->options.host, m_impl->port));
    bool ok = m_impl->server->listen_after_bind();
    m_impl->ready = false;
    if (!ok && !m_impl->stopping) return core::network_error("the listening socket failed");
    return {};
}

void WebhookServer::stop() {
    if (m_impl->stopping.exchange(true)) return;
    m_impl->ready = false;
    // run() may be between its check of `stopping` and the listen loop starting: wait for the loop,
    // since httplib's stop() does nothing before it runs.
    if (m_impl->running) {
        for (int i = 0; i < 5000 && !m_impl->server->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        m_impl->server->stop();
    }
}

std::string WebhookServer::metrics() const { return m_impl->metrics_text(); }

core::Result<std::pair<std::string, int>> parse_listen_address(const std::string& value) {
    auto colon = value.rfind(':');
    if (colon == std::string::npos)
        return core::usage_error(fmt::format("--listen '{}' is not HOST:PORT or :PORT", value));
    std::string host = value.substr(0, colon);
    std::string port_text = value.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    else if (host.find(':') != std::string::npos)
        return core::usage_error(fmt::format("--listen '{}': write IPv6 addresses in brackets", value));
    int port = -1;
    if (!port_text.empty() && port_text.size() <= 5 && port_text.find_first_not_of("0123456789") == std::string::npos)
        port = std::stoi(port_text);
    if (port < 0 || port > 65535)
        return core::usage_error(fmt::format("--listen '{}': the port must be 0 to 65535", value));
    return std::make_pair(host.empty() ? std::string("0.0.0.0") : host, port);
}

}  // namespace mesh::webhook
