#pragma once
// HTTP requests for the live-proxy commands: many at once, bounded in time, memory and concurrency.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mesh::net {

/// TLS settings of one request; `*_data` (PEM text) wins over the matching `*_file`.
struct TlsOptions {
    std::string ca_file;
    std::string ca_data;
    std::string cert_file;
    std::string cert_data;
    std::string key_file;
    std::string key_data;
    bool insecure = false;  ///< skip verification of the peer's certificate and host name
};

/// Credentials of one request; never logged.
struct Auth {
    std::string bearer_token;  ///< sent as `Authorization: Bearer ...` when not empty
    std::string username;      ///< with `password`, sent as basic auth when not empty
    std::string password;
};

/// One HTTP request and the limits it runs under.
struct Request {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    TlsOptions tls;
    Auth auth;
    std::string proxy;  ///< proxy URL (http, https, socks5); empty means libcurl's *_proxy variables
    /// CURLOPT_CONNECT_TO entries ("host:port:connect-host:connect-port"), e.g. for a TLS server
    /// name that differs from the address connected to.
    std::vector<std::string> connect_to;
    std::chrono::milliseconds timeout{5000};       ///< the whole request; 0: none (a watch stream)
    std::chrono::milliseconds connect_timeout{0};  ///< 0: the same as `timeout`
    std::size_t max_body_bytes = 16u << 20;        ///< ignored when a BodySink takes the body
    std::string protocols = "http,https";          ///< libcurl's CURLOPT_PROTOCOLS_STR, also for redirects
    long max_redirects = 0;                        ///< 0: a redirect is the answer, not followed
    std::string user_agent;                        ///< empty: no User-Agent header
    bool accept_compressed = true;                 ///< offer every encoding libcurl can decode
    /// Index (in the same batch, lower than this one) of a request to run after: this one then
    /// reuses its connection, and is not sent at all (FailureKind::Cancelled) when that one got
    /// no HTTP response.
    std::optional<std::size_t> after;
};

/// Why a request produced no HTTP response.
enum class FailureKind { None, Refused, Timeout, TooLarge, Tls, Resolve, Cancelled, Other };

/// Short lower-case name of a failure kind ("refused", "timeout", ...).
const char* failure_kind_name(FailureKind kind);

/// What came back: an HTTP status and body, or a transport failure with a message.
struct Response {
    long status = 0;  ///< 0 when the request failed before a status line arrived
    std::string body;
    std::string content_type;
    FailureKind failure = FailureKind::None;
    std::string error;          ///< transport error text when `failure != None`
    std::string error_summary;  ///< libcurl's one-phrase name of the failure (curl_easy_strerror)
    std::string status_line;    ///< e.g. `HTTP/1.1 412 Precondition Failed` (the last one, after 100 Continue)
    std::map<std::string, std::string> headers;  ///< names lower-cased; a repeated one keeps its last value
    bool stopped = false;                        ///< a BodySink returned false; `status` is what had arrived
    std::chrono::milliseconds elapsed{0};

    /// True when an HTTP response arrived (any status).
    bool ok() const { return failure == FailureKind::None; }
};

/// Limits of one batch of requests and the hook that logs each finished request.
struct BatchOptions {
    std::size_t parallel = 32;                     ///< at most this many requests in flight
    std::chrono::milliseconds overall_timeout{0};  ///< 0: no overall limit
    /// Called once per finished request with a one-line description (credentials redacted).
    std::function<void(const std::string&)> log;
    /// Asked at least every 50 ms while requests run; once it returns true, every request not yet
    /// finished ends at once as FailureKind::Cancelled (Ctrl-C must not wait for a --timeout).
    std::function<bool()> cancelled;
};

/// Called as each request finishes, with its index in the batch; may run before others finish.
using CompletionHandler = std::function<void(std::size_t index, Response&& response)>;

/// Receives a response body as it streams in; returning false stops the transfer.
using BodySink = std::function<bool(std::string_view chunk)>;

/// Sees the status line and headers once, before the first byte of the body reaches a BodySink
/// (so a caller can decide whether to stream it: a 200 JSON answer, not an error page).
using HeadSink = std::function<void(const Response& head)>;

/// Runs one request on this thread over libcurl's easy interface; with `sink`, the body goes to
/// it instead of `Response::body` and no body limit applies (the sink keeps its own); `head`,
/// when set, is called first.
Response perform(const Request& request, const BodySink& sink = {}, const HeadSink& head = {});

/// Runs batches of HTTP requests.
class HttpClient {
public:
    virtual ~HttpClient() = default;
    /// Runs every request and calls `done` exactly once for each, in completion order.
    virtual void run(const std::vector<Request>& requests, const BatchOptions& options,
                     const CompletionHandler& done) = 0;
};

/// An HttpClient over libcurl's multi interface (one thread, many connections).
std::unique_ptr<HttpClient> make_curl_client();

/// The libcurl version mesh was built with ("7.88.1"), for `mesh version`.
const char* libcurl_version();

/// `url` with user info and credential-like query parameters (token, password, ...) masked.
std::string redact_url(const std::string& url);

}  // namespace mesh::net
