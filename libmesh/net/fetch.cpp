#include "libmesh/net/fetch.hpp"
#include "libmesh/core/redact_url.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "libmesh/core/result.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::net {

core::Result<std::string> fetch_url(const std::string& url, std::size_t max_bytes) {
    const std::string shown = core::redact_url(url);  // what errors name: never the credentials
    if (url.rfind("https://", 0) != 0) return core::input_error("only https:// URLs are allowed", {shown, 0, 0});
    Request request;
    request.url = url;
    request.protocols = "https";
    request.max_redirects = 5;
    request.connect_timeout = std::chrono::seconds(10);
    request.timeout = std::chrono::seconds(60);
    request.max_body_bytes = max_bytes;
    request.user_agent = "mesh";
    request.accept_compressed = false;
    if (const char* ca = std::getenv("SSL_CERT_FILE")) request.tls.ca_file = ca;
    Response response = perform(request);
    if (response.failure == FailureKind::TooLarge)
        return core::limit_error(fmt::format("input is larger than the limit of {} MiB", max_bytes >> 20),
                                 {shown, 0, 0});
    if (!response.ok()) return core::network_error("cannot fetch: " + response.error, {shown, 0, 0});
    if (response.status < 200 || response.status > 299)
        return core::network_error(fmt::format("server answered with status {}", response.status), {shown, 0, 0});
    return std::move(response.body);
}

}  // namespace mesh::net
