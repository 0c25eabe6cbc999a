// One webhook connection. Heads are read with Beast's header limit (the request line and headers
// together) and bodies with its body limit, so no client can make the server hold more than
// --max-body-bytes plus 64 KiB for it, whatever it sends.

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/format.h>

#include "libmesh/webhook/server_core.hpp"

namespace mesh::webhook::detail {

namespace {

// A malformed request (answered 400), as opposed to a network error or a client that went away.
bool is_bad_request(const beast::error_code& ec) {
    return ec && ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

}  // namespace

Session::Session(ServerCore& core, asio::ip::tcp::socket socket)
    : m_core(core), m_stream(beast::tcp_stream(std::move(socket)), core.tls),
      // Room for a whole head plus the first read of a body: a head that does not fit is refused.
      m_buffer(core.options.max_header_bytes + 16384) {
    beast::error_code ec;
    auto endpoint = beast::get_lowest_layer(m_stream).socket().remote_endpoint(ec);
    m_peer = ec ? std::string("?") : endpoint.address().to_string();
}

Session::~Session() {
    release_budget();
    m_core.remove_session(m_id);
}

void Session::start(std::uint64_t id) {
    m_id = id;
    beast::get_lowest_layer(m_stream).expires_after(m_core.options.handshake_timeout);
    m_stream.async_handshake(asio::ssl::stream_base::server, [self = shared_from_this()](beast::error_code ec) {
        if (ec) return self->close();
        self->read_head();
    });
}

void Session::close_if_idle() {
    asio::post(m_stream.get_executor(), [self = shared_from_this()] {
        if (self->m_idle) self->close();
    });
}

void Session::read_head() {
    if (m_core.stopping) return shutdown();
    m_idle = true;
    m_parser.emplace();
    m_parser->header_limit(static_cast<std::uint32_t>(m_core.options.max_header_bytes));
    m_parser->body_limit(m_core.options.max_body_bytes);
    // A kept-alive connection may wait up to --keep-alive-timeout for its next request, which
    // must then arrive within --read-timeout; the first request has the same allowance.
    beast::get_lowest_layer(m_stream).expires_after(m_core.options.keep_alive_timeout + m_core.options.read_timeout);
    http::async_read_header(m_stream, m_buffer, *m_parser,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_head(ec); });
}

void Session::on_head(beast::error_code ec) {
    m_idle = false;
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
        m_core.header_too_large.fetch_add(1, std::memory_order_relaxed);
        m_core.log(fmt::format("rejected a request from {}: request line and headers over {} bytes", m_peer,
                               m_core.options.max_header_bytes));
        return refuse(http::status::request_header_fields_too_large,
                      fmt::format("request line and headers over {} bytes\n", m_core.options.max_header_bytes));
    }
    // A Content-Length over the limit: nothing of the body is read.
    if (ec == http::error::body_limit) return refuse_body_too_large();
    if (is_bad_request(ec)) return refuse(http::status::bad_request, "malformed HTTP request\n");
    if (ec) return close();  // gone, stalled or stopped: there is no one to answer
    const auto& fields = m_parser->get().base();
    if (static_cast<std::size_t>(std::distance(fields.begin(), fields.end())) > m_core.options.max_headers) {
        m_core.header_too_large.fetch_add(1, std::memory_order_relaxed);
        m_core.log(
            fmt::format("rejected a request from {}: more than {} header fields", m_peer, m_core.options.max_headers));
        return refuse(http::status::request_header_fields_too_large,
                      fmt::format("more than {} header fields\n", m_core.options.max_headers));
    }
    // A review's body waits for room in the budget; until then the client's bytes stay in the
    // kernel's buffers (TCP flow control), not in memory of ours.
    bool review = m_parser->get().method() == http::verb::post && m_parser->get().target() == "/inject";
    if (!review && !m_parser->is_done())  // health probes and metrics scrapes send no body
        return refuse(http::status::payload_too_large, "this endpoint takes no request body\n");
    if (!review) return read_body(0);
    auto length = m_parser->content_length();
    std::size_t need = length ? static_cast<std::size_t>(*length) : m_core.options.max_body_bytes;
    if (m_core.admit_body(shared_from_this(), need)) read_body(need);
}

void Session::refuse_body_too_large() {
    m_core.too_large.fetch_add(1, std::memory_order_relaxed);
    m_core.log(fmt::format("rejected a request from {}: body over {} bytes", m_peer, m_core.options.max_body_bytes));
    refuse(http::status::payload_too_large,
           fmt::format("AdmissionReview over the limit of {} bytes\n", m_core.options.max_body_bytes));
}

void Session::read_body(std::size_t budget) {
    asio::dispatch(m_stream.get_executor(), [self = shared_from_this(), budget] {
        self->m_budget = budget;
        beast::get_lowest_layer(self->m_stream).expires_after(self->m_core.options.read_timeout);
        http::async_read(self->m_stream, self->m_buffer, *self->m_parser,
                         [self](beast::error_code ec, std::size_t) { self->on_body(ec); });
    });
}

void Session::release_budget() {
    if (m_budget == 0) return;
    m_core.release_body(m_budget);
    m_budget = 0;
}

void Session::on_body(beast::error_code ec) {
    // A chunked body past the limit: the rest is not read.
    if (ec == http::error::body_limit) return refuse_body_too_large();
    if (is_bad_request(ec)) return refuse(http::status::bad_request, "malformed HTTP request\n");
    if (ec) {
        release_budget();
        return close();
    }
    Request request = m_parser->release();
    m_parser.reset();
    m_keep_alive = request.keep_alive();
    if (request.method() != http::verb::post || request.target() != "/inject") return respond(m_core.answer(request));
    asio::post(*m_core.reviews, [self = shared_from_this(), request = std::move(request)]() mutable {
        Response response = self->m_core.review(request, self->m_peer);
        request = {};  // the body is freed before the answer waits for the connection
        asio::post(self->m_stream.get_executor(), [self] { self->release_budget(); });
        asio::post(self->m_stream.get_executor(),
                   [self, response = std::move(response)]() mutable { self->respond(std::move(response)); });
    });
}

void Session::respond(Response response) {
    bool keep_alive = m_keep_alive && !m_core.stopping && ++m_requests < m_core.options.keep_alive_max_requests;
    response.keep_alive(keep_alive);
    response.prepare_payload();
    m_response = std::make_shared<Response>(std::move(response));
    beast::get_lowest_layer(m_stream).expires_after(m_core.options.write_timeout);
    http::async_write(
        m_stream, *m_response,
        [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) { self->on_write(ec, keep_alive); });
}

void Session::refuse(http::status status, const std::string& text) {
    m_parser.reset();
    release_budget();
    m_keep_alive = false;
    m_linger = true;
    Response response{status, 11};
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.body() = text;
    respond(std::move(response));
}

void Session::on_write(beast::error_code ec, bool keep_alive) {
    m_response.reset();
    if (ec) return close();
    if (keep_alive) return read_head();
    if (m_linger) return discard_rest();
    shutdown();
}

// Closing with the client's bytes unread would reset the connection, and the client could lose
// the refusal it has not read yet: read and drop what it still sends, within bounds, first.
void Session::discard_rest() {
    constexpr std::size_t k_most = 8u << 20;
    if (m_discarded > k_most) return close();
    if (m_discarded == 0) beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(2));
    m_buffer.clear();
    m_stream.async_read_some(m_buffer.prepare(16384), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
        if (ec) return self->close();
        self->m_discarded += n + 1;
        self->discard_rest();
    });
}

void Session::shutdown() {
    m_idle = false;
    beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(1));
    m_stream.async_shutdown([self = shared_from_this()](beast::error_code) { self->close(); });
}

void Session::close() {
    beast::error_code ignored;
    beast::get_lowest_layer(m_stream).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(m_stream).close();
}

}  // namespace mesh::webhook::detail
