#include "libmesh/webhook/server.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>
#include <fmt/format.h>

#include "libmesh/core/escape.hpp"
#include "libmesh/webhook/admission.hpp"
#include "libmesh/webhook/server_core.hpp"

namespace mesh::webhook {

namespace detail {

ServerCore::ServerCore(ServerOptions o)
    : options(std::move(o)), certs(options.cert_file, options.key_file, options.log) {}

void ServerCore::log(const std::string& line) const {
    if (options.log) options.log(core::escape_control(line));
}

void ServerCore::accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, asio::ip::tcp::socket socket) {
        if (!acceptor.is_open()) return;
        if (ec) {
            // Out of descriptors or the like: wait a little rather than spin.
            log(fmt::format("accepting a connection failed: {}", ec.message()));
            grace.expires_after(std::chrono::milliseconds(100));
            grace.async_wait([this](beast::error_code wait_ec) {
                if (!wait_ec && !stopping) accept();
            });
            return;
        }
        beast::error_code ignored;
        // Responses are written head and body apart; with Nagle on, the body would wait for the
        // client's delayed ACK (40 ms on Linux) on every kept-alive request.
        socket.set_option(asio::ip::tcp::no_delay(true), ignored);
        auto session = std::make_shared<Session>(*this, std::move(socket));
        std::uint64_t id = 0;
        if (add_session(session, id))
            session->start(id);
        else
            connections_refused.fetch_add(1, std::memory_order_relaxed);  // closed as `session` goes
        accept();
    });
}

bool ServerCore::admit_body(const std::shared_ptr<Session>& session, std::size_t bytes) {
    std::lock_guard lock(budget_mutex);
    // One body always fits, however large, so a lone request never waits forever.
    if (waiting_for_budget.empty() && (bodies_admitted == 0 || bodies_admitted + bytes <= body_budget)) {
        bodies_admitted += bytes;
        return true;
    }
    waiting_for_budget.emplace_back(session, bytes);
    return false;
}

std::size_t ServerCore::body_bytes_admitted() const {
    std::lock_guard lock(budget_mutex);
    return bodies_admitted;
}

void ServerCore::release_body(std::size_t bytes) {
    if (destroying) return;  // the queue below may be gone already; nobody is let in any more
    std::vector<std::pair<std::shared_ptr<Session>, std::size_t>> admitted;
    {
        std::lock_guard lock(budget_mutex);
        bodies_admitted -= std::min(bytes, bodies_admitted);
        while (!waiting_for_budget.empty()) {
            auto need = waiting_for_budget.front().second;
            if (bodies_admitted != 0 && bodies_admitted + need > body_budget) break;
            bodies_admitted += need;
            admitted.push_back(std::move(waiting_for_budget.front()));
            waiting_for_budget.pop_front();
        }
    }
    for (auto& [session, need] : admitted) session->read_body(need);
}

bool ServerCore::add_session(const std::shared_ptr<Session>& session, std::uint64_t& id) {
    std::lock_guard lock(sessions_mutex);
    if (sessions.size() >= options.max_connections) return false;
    id = ++next_session;
    sessions.emplace(id, session);
    connections_open = sessions.size();
    return true;
}

void ServerCore::remove_session(std::uint64_t id) {
    if (id == 0) return;
    std::lock_guard lock(sessions_mutex);
    sessions.erase(id);
    connections_open = sessions.size();
    if (stopping && sessions.empty() && !destroying) asio::post(control, [this] { grace.cancel(); });
}

void ServerCore::begin_stop() {
    beast::error_code ignored;
    acceptor.close(ignored);
    std::vector<std::shared_ptr<Session>> open;
    {
        std::lock_guard lock(sessions_mutex);
        for (auto& [id, weak] : sessions)
            if (auto session = weak.lock()) open.push_back(std::move(session));
    }
    for (auto& session : open) session->close_if_idle();
    if (open.empty()) return;
    // Requests in flight get the grace period (within the pod's 30 s); then everything ends.
    grace.expires_after(options.shutdown_grace);
    grace.async_wait([this](beast::error_code ec) {
        if (ec) return;
        log(fmt::format("requests still in flight after {} s: closing them", options.shutdown_grace.count()));
        io.stop();
    });
}

Response ServerCore::answer(const Request& request) {
    Response response{http::status::ok, request.version()};
    response.set(http::field::content_type, "text/plain");
    std::string_view target(request.target().data(), request.target().size());
    bool get = request.method() == http::verb::get || request.method() == http::verb::head;
    if (target == "/healthz" && get) {
        response.body() = "ok\n";
    } else if (target == "/readyz" && get) {
        bool is_ready = ready.load();
        response.result(is_ready ? http::status::ok : http::status::service_unavailable);
        response.body() = is_ready ? "ok\n" : "shutting down\n";
    } else if (target == "/metrics" && get) {
        response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
        response.body() = metrics_text();
    } else if (target == "/inject" || target == "/healthz" || target == "/readyz" || target == "/metrics") {
        response.result(http::status::method_not_allowed);
        response.body() = "method not allowed\n";
    } else {
        response.result(http::status::not_found);
        response.body() = "not found\n";
    }
    return response;
}

Response ServerCore::review(const Request& request, const std::string& peer) {
    Response response{http::status::ok, request.version()};
    auto started = std::chrono::steady_clock::now();
    auto answer = answer_review(request.body(), options.inject);
    auto elapsed = std::chrono::steady_clock::now() - started;
    if (!answer) {
        metrics.record(ReviewResult::Invalid, elapsed);
        response.result(answer.error().code == core::ErrorCode::Limit ? http::status::payload_too_large
                                                                      : http::status::bad_request);
        response.set(http::field::content_type, "text/plain; charset=utf-8");
        response.body() = core::escape_control(answer.error().message) + "\n";
        log(fmt::format("rejected a request from {}: {}", peer, answer.error().message));
        return response;
    }
    metrics.record(answer->result, elapsed);
    response.set(http::field::content_type, "application/json");
    response.body() = std::move(answer->body);
    if (answer->result == ReviewResult::Refused || answer->result == ReviewResult::Failed)
        log(fmt::format("{} {} (uid {}): {}", result_name(answer->result), answer->pod, answer->uid, answer->reason));
    return response;
}

std::string ServerCore::metrics_text() const {
    return metrics.render(fmt::format(
        "# HELP mesh_webhook_requests_too_large_total Requests refused for a body over the size limit (not counted as reviews).\n"
        "# TYPE mesh_webhook_requests_too_large_total counter\n"
        "mesh_webhook_requests_too_large_total {}\n"
        "# HELP mesh_webhook_request_headers_too_large_total Requests refused for a request line and headers over the limits.\n"
        "# TYPE mesh_webhook_request_headers_too_large_total counter\n"
        "mesh_webhook_request_headers_too_large_total {}\n"
        "# HELP mesh_webhook_connections_refused_total Connections closed at once because --max-connections were open.\n"
        "# TYPE mesh_webhook_connections_refused_total counter\n"
        "mesh_webhook_connections_refused_total {}\n"
        "# HELP mesh_webhook_connections_open Connections open now.\n"
        "# TYPE mesh_webhook_connections_open gauge\n"
        "mesh_webhook_connections_open {}\n"
        "# HELP mesh_webhook_request_body_bytes_admitted Bytes of request bodies being read or answered now, held against --threads x --max-body-bytes.\n"
        "# TYPE mesh_webhook_request_body_bytes_admitted gauge\n"
        "mesh_webhook_request_body_bytes_admitted {}\n"
        "# HELP mesh_webhook_certificate_reloads_total Changed certificate pairs taken.\n"
        "# TYPE mesh_webhook_certificate_reloads_total counter\n"
        "mesh_webhook_certificate_reloads_total {}\n"
        "# HELP mesh_webhook_certificate_reload_errors_total Changed certificate pairs rejected (the previous pair stays).\n"
        "# TYPE mesh_webhook_certificate_reload_errors_total counter\n"
        "mesh_webhook_certificate_reload_errors_total {}\n",
        too_large.load(), header_too_large.load(), connections_refused.load(), connections_open.load(),
        body_bytes_admitted(), certs.reloads(), certs.reload_errors()));
}

}  // namespace detail

struct WebhookServer::Impl : detail::ServerCore {
    using ServerCore::ServerCore;
};

WebhookServer::WebhookServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

WebhookServer::~WebhookServer() {
    stop();
    if (m_impl->reviews) m_impl->reviews->join();
}

core::Result<std::unique_ptr<WebhookServer>> WebhookServer::create(ServerOptions options) {
    if (options.threads == 0) return core::fail(core::ErrorCode::Usage, "the server needs at least one thread");
    if (options.max_connections == 0)
        return core::fail(core::ErrorCode::Usage, "the server needs at least one connection");
    options.inject.limits.max_document_bytes = options.max_body_bytes;
    // A node of the pod's tree takes about 140 bytes however few bytes of JSON it came from (`0,`
    // is two), so a review's memory follows its node count: one node per 16 bytes of the body
    // limit keeps each review within the 10 x --max-body-bytes the manifests' memory limit allows.
    // Real pods take 10-13 bytes a node, so only pods over 0.6 x the body limit can reach it (with
    // the default, 2.6 MB: etcd stores at most 1.5 MB).
    options.inject.limits.max_nodes_per_document =
        std::min(options.inject.limits.max_nodes_per_document, options.max_body_bytes / k_body_bytes_per_node);
    auto impl = std::make_unique<Impl>(std::move(options));
    if (auto ok = impl->certs.load(); !ok) return tl::unexpected(ok.error());
    SSL_CTX* ctx = impl->tls.native_handle();
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    impl->certs.install(*ctx);
    const auto& o = impl->options;
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(o.host, ec);
    if (ec) return core::fail(core::ErrorCode::Network, fmt::format("cannot listen on {}: not an IP address", o.host));
    boost::asio::ip::tcp::endpoint endpoint(address, static_cast<unsigned short>(o.port));
    auto& acceptor = impl->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(boost::asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    // The kernel's queue of connections not yet accepted stays short: the loop accepts at once and
    // --max-connections bounds what is open.
    if (!ec) acceptor.listen(128, ec);
    if (ec)
        return core::fail(core::ErrorCode::Network,
                          fmt::format("cannot listen on {}:{}: {}", o.host, o.port, ec.message()));
    impl->port = acceptor.local_endpoint().port();
    impl->reviews = std::make_unique<boost::asio::thread_pool>(o.threads);
    impl->body_budget = o.threads * o.max_body_bytes;
    impl->certs.watch(impl->options.cert_reload_interval);
    return std::unique_ptr<WebhookServer>(new WebhookServer(std::move(impl)));
}

int WebhookServer::port() const { return m_impl->port; }

core::Result<void> WebhookServer::run() {
    auto& core = *m_impl;
    if (core.stopping) return {};
    core.ready = true;
    core.log(fmt::format("serving AdmissionReviews on https://{}:{}/inject", core.options.host, core.port));
    boost::asio::post(core.control, [&core] {
        if (!core.stopping) core.accept();
    });
    // TLS and HTTP parsing on a few threads; reviews on their own pool.
    unsigned io_threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < io_threads; ++i) threads.emplace_back([&core] { core.io.run(); });
    core.io.run();
    for (auto& t : threads) t.join();
    core.ready = false;
    return {};
}

void WebhookServer::stop() {
    auto& core = *m_impl;
    if (core.stopping.exchange(true)) return;
    core.ready = false;
    boost::asio::post(core.control, [&core] { core.begin_stop(); });
}

std::string WebhookServer::metrics() const { return m_impl->metrics_text(); }

core::Result<std::pair<std::string, int>> parse_listen_address(const std::string& value) {
    auto colon = value.rfind(':');
    if (colon == std::string::npos)
        return core::fail(core::ErrorCode::Usage, fmt::format("--listen '{}' is not HOST:PORT or :PORT", value));
    std::string host = value.substr(0, colon);
    std::string port_text = value.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    else if (host.find(':') != std::string::npos)
        return core::fail(core::ErrorCode::Usage,
                          fmt::format("--listen '{}': write IPv6 addresses in brackets", value));
    int port = -1;
    if (!port_text.empty() && port_text.size() <= 5 && port_text.find_first_not_of("0123456789") == std::string::npos)
        port = std::stoi(port_text);
    if (port < 0 || port > 65535)
        return core::fail(core::ErrorCode::Usage, fmt::format("--listen '{}': the port must be 0 to 65535", value));
    return std::make_pair(host.empty() ? std::string("0.0.0.0") : host, port);
}

}  // namespace mesh::webhook
