#include "libmesh/health/live_delegation.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "libmesh/core/escape.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/health/proxy_sample.hpp"

namespace mesh::health {

namespace {

// A transport failure or an error status, in one line naming the proxy, with the hint.
core::Error failure_of(const ProxyTarget& proxy, const net::Response& r, const std::string& path) {
    ProxyFailure f = describe_failure(r, path, proxy.via_apiserver);
    std::string message = fmt::format("proxy {}: {}", core::escape_control(proxy.name), f.reason);
    // Linkerd's admin handlers explain a refusal in a short plain-text body: show its first line.
    if (r.ok() && !r.body.empty() && r.content_type.find("html") == std::string::npos) {
        std::string first = r.body.substr(0, std::min(r.body.find('\n'), std::size_t{300}));
        message += ": " + core::escape_control(first);
    }
    if (!f.hint.empty()) message += " (" + f.hint + ")";
    return core::Error{r.ok() ? core::ErrorCode::Input : core::ErrorCode::Network, message, {}, {}};
}

net::Request admin_request(const ProxyTarget& proxy, const std::string& path) {
    net::Request r = proxy.request_template;
    r.url = proxy.base_url + path;
    return r;
}

bool success(const net::Response& r) { return r.ok() && r.status >= 200 && r.status < 300; }

}  // namespace

core::Result<admin::LinkerConfig> fetch_linker_config(const ProxyTarget& proxy) {
    net::Response r = net::perform(admin_request(proxy, "/config.json"));
    if (!success(r)) return tl::unexpected(failure_of(proxy, r, "/config.json"));
    auto config = admin::parse_linker_config(r.body);
    if (!config)
        return core::input_error(fmt::format("proxy {}: {}", core::escape_control(proxy.name), config.error().message),
                                 config.error().location);
    return config;
}

std::string delegation_request_body(const DelegationRequest& request) {
    return nlohmann::json{{"namespace", request.namespace_name}, {"dtab", request.dtab}, {"path", request.path}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

core::Result<std::string> fetch_delegation(const ProxyTarget& proxy, const DelegationRequest& request) {
    net::Request r = admin_request(proxy, "/delegator.json");
    r.method = "POST";
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = delegation_request_body(request);
    net::Response answer = net::perform(r);
    if (!success(answer)) return tl::unexpected(failure_of(proxy, answer, "/delegator.json"));
    return std::move(answer.body);
}

}  // namespace mesh::health
