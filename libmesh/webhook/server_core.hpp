#pragma once
// Internal to the webhook server: the state its acceptor and its connections share, and the
// connection itself. Asynchronous (Boost.Asio): a connection that waits for bytes holds no thread,
// so idle or slow clients cannot starve reviews or health probes; reviews run on a pool of their own.

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "libmesh/webhook/cert_reloader.hpp"
#include "libmesh/webhook/metrics.hpp"
#include "libmesh/webhook/server.hpp"

namespace mesh::webhook::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

class Session;

/// Everything the acceptor and the connections share; outlives them all.
struct ServerCore {
    explicit ServerCore(ServerOptions o);
    /// Marks the core as going: connections the io_context still holds, destroyed with it after
    /// the control strand and the budget queue have gone, must touch neither.
    ~ServerCore() { destroying = true; }

    ServerOptions options;
    CertReloader certs;
    Metrics metrics;
    // Declared before the io_context: connections it still holds when destroyed unregister here.
    std::mutex sessions_mutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions;
    std::uint64_t next_session = 0;
    mutable std::mutex budget_mutex;  ///< body bytes in flight: see admit_body
    std::size_t body_budget = 0;
    std::size_t bodies_admitted = 0;
    asio::io_context io;
    asio::strand<asio::io_context::executor_type> control{asio::make_strand(io)};  ///< acceptor, stop, grace timer
    asio::ssl::context tls{asio::ssl::context::tls_server};
    asio::ip::tcp::acceptor acceptor{control};
    asio::steady_timer grace{control};
    std::unique_ptr<asio::thread_pool> reviews;
    int port = 0;
    /// Connections waiting for room in the body budget (declared after the io_context, so they
    /// go before it).
    std::deque<std::pair<std::shared_ptr<Session>, std::size_t>> waiting_for_budget;

    std::atomic<bool> ready{false};
    std::atomic<bool> stopping{false};
    std::atomic<bool> destroying{false};
    std::atomic<std::uint64_t> too_large{0};
    std::atomic<std::uint64_t> header_too_large{0};
    std::atomic<std::uint64_t> connections_refused{0};
    std::atomic<std::size_t> connections_open{0};  ///< sessions.size(), for /metrics without the lock

    /// Takes `bytes` of the body budget (bodies being read or waiting for a review thread: at
    /// most --threads bodies' worth, so memory stays near --threads × --max-body-bytes however
    /// many clients send at once) for `session`, or queues it, to be given read_body() once
    /// there is room. True when taken at once.
    bool admit_body(const std::shared_ptr<Session>& session, std::size_t bytes);
    /// Gives `bytes` back and lets queued sessions in.
    void release_body(std::size_t bytes);
    /// The body budget taken now (the mesh_webhook_request_body_bytes_admitted gauge).
    std::size_t body_bytes_admitted() const;

    /// Logs one line, with everything a client could have sent escaped.
    void log(const std::string& line) const;
    /// Accepts connections until the acceptor closes (on the control strand).
    void accept();
    /// Stops accepting, closes idle connections and bounds the wait for the others (control strand).
    void begin_stop();
    /// Registers a new connection; false when --max-connections are open.
    bool add_session(const std::shared_ptr<Session>& session, std::uint64_t& id);
    /// Forgets a closed connection; the last one during a stop ends the grace period.
    void remove_session(std::uint64_t id);
    /// Answers a request for /healthz, /readyz, /metrics or anything that is not a review.
    Response answer(const Request& request);
    /// Answers POST /inject (on a review thread).
    Response review(const Request& request, const std::string& peer);
    std::string metrics_text() const;
};

/// One TLS connection: handshake, then requests read with bounded heads and bodies, one at a time.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(ServerCore& core, asio::ip::tcp::socket socket);
    ~Session();
    /// Starts the handshake; the session keeps itself alive while it has work.
    void start(std::uint64_t id);
    /// Closes the connection if it is waiting for a request (used when stopping).
    void close_if_idle();
    /// Reads the request's body, holding `budget` bytes of the body budget until it is answered.
    void read_body(std::size_t budget);

private:
    ServerCore& m_core;
    beast::ssl_stream<beast::tcp_stream> m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    std::shared_ptr<Response> m_response;
    std::string m_peer;
    std::uint64_t m_id = 0;
    std::size_t m_requests = 0;
    bool m_idle = true;
    bool m_keep_alive = false;
    bool m_linger = false;  ///< a refusal was sent mid-request: read what the client still sends
    std::size_t m_discarded = 0;
    std::size_t m_budget = 0;  ///< body bytes this request holds of the budget

    void release_budget();

    void read_head();
    void on_head(beast::error_code ec);
    void on_body(beast::error_code ec);
    void respond(Response response);
    void refuse(http::status status, const std::string& text);
    /// Answers 413 for a body over --max-body-bytes (a Content-Length, or a chunked body past it).
    void refuse_body_too_large();
    void on_write(beast::error_code ec, bool keep_alive);
    void shutdown();
    void discard_rest();
    void close();
};

}  // namespace mesh::webhook::detail
