#pragma once
// HTTP requests for the live-proxy commands: many at once, bounded in time, memory and concurrency.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
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
    std::chrono::milliseconds timeout{5000};
    std::size_t max_body_bytes = 16u << 20;
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
    std::string error;  ///< transport error text when `failure != None`
    std::chrono::milliseconds elapsed{0};

    /// True when an HTTP response arrived (any status).
    bool ok() const { return failure == FailureKind::None; }
};

/// Limits of one batch of requests and the hook that logs each finished request.
struct BatchOptions {
    std::size_t parallel = 32;                         ///< at most this many requests in flight
    std::chrono::milliseconds overall_timeout{0};      ///< 0: no overall limit
    /// Called once per finished request with a one-line description (credentials redacted).
    std::function<void(const std::string&)> log;
    /// Asked at least every 50 ms while requests run; once it returns true, every request not yet
    /// finished ends at once as FailureKind::Cancelled (Ctrl-C must not wait for a --timeout).
    std::function<bool()> cancelled;
};

/// Called as each request finishes, with its index in the batch; may run before others finish.
using CompletionHandler = std::function<void(std::size_t index, Response&& response)>;

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

/// `url` with user info and credential-like query parameters (token, password, ...) masked.
std::string redact_url(const std::string& url);

}  // namespace mesh::net
