// Every body is parsed the moment its transfer finishes and then dropped, so memory stays flat
// however many proxies answer (1,000 metrics trees would otherwise be held at once). It is parsed
// on libcurl's thread, while the body is still in that core's cache: a second parsing thread was
// no faster on 2 cores (bench/status, 1,000 proxies), so the simpler way stays.

#include "libmesh/health/proxy_sample.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "libmesh/admin/server_info.hpp"
#include "libmesh/health/version_tag.hpp"

namespace mesh::health {

namespace {

enum class Kind { Metrics, Version, Help, Ping, Config, ClientState };

struct Pending {
    std::size_t target;
    Kind kind;
    std::string path;
};

// The message of a Kubernetes Status object, when `body` is one.
std::optional<std::string> apiserver_status_message(const net::Response& r) {
    if (r.content_type.find("json") == std::string::npos || r.body.size() > 65536) return std::nullopt;
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("kind", "") != "Status") return std::nullopt;
    auto it = j.find("message");
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string("(no message)");
}

}  // namespace

ProxyFailure describe_failure(const net::Response& r, const std::string& path, bool via_apiserver) {
    ProxyFailure f;
    switch (r.failure) {
    case net::FailureKind::Refused:
        return {"refused", fmt::format("{}: connection refused", path),
                "is the proxy running, and is its admin server bound to 0.0.0.0 (admin: {ip: 0.0.0.0})?"};
    case net::FailureKind::Timeout:
        return {"timeout", fmt::format("{}: no answer within {} ms ({})", path, r.elapsed.count(), r.error),
                "the proxy is overloaded or unreachable; raise --timeout if it is merely slow"};
    case net::FailureKind::TooLarge:
        return {"too large", fmt::format("{}: {}", path, r.error),
                "the answer exceeds the response size cap; this is not a Linkerd admin server or it is misbehaving"};
    case net::FailureKind::Tls:
        return {"tls", fmt::format("{}: TLS error: {}", path, r.error),
                "check the CA and client certificate, or use --insecure for a self-signed admin server"};
    case net::FailureKind::Resolve: return {"resolve", fmt::format("{}: {}", path, r.error), "check the host name"};
    case net::FailureKind::Cancelled:
    case net::FailureKind::Other:
        return {"error", fmt::format("{}: {}", path, r.error), "check the address and the network path"};
    case net::FailureKind::None: break;
    }
    if (via_apiserver) {
        if (auto message = apiserver_status_message(r)) {
            std::string hint = "the API server answered instead of the proxy";
            if (r.status == 503)
                hint = "the API server cannot reach the pod: is the admin server bound to 0.0.0.0 "
                       "(admin: {ip: 0.0.0.0, port: 9990}) and is --admin-port right?";
            else if (r.status == 401)
                hint = "the API server rejected the credentials; refresh them (kubectl would fail too)";
            else if (r.status == 403)
                hint = "RBAC: you need 'get' on pods/proxy in this namespace";
            else if (r.status == 404)
                hint = "the pod is gone; list again";
            return {fmt::format("apiserver {}", r.status),
                    fmt::format("{}: API server answered {}: {}", path, r.status, *message), hint};
        }
    }
    if (r.status == 404)
        return {"http 404", fmt::format("{}: 404 Not Found", path),
                "the admin security filter may block this path (admin.security), or this is not a "
                "Linkerd 1 admin server"};
    return {fmt::format("http {}", r.status), fmt::format("{}: HTTP {}", path, r.status),
            "the admin server answered with an error status"};
}

std::vector<ProxySample> sample_proxies(net::HttpClient& client, const std::vector<ProxyTarget>& targets,
                                        const SampleOptions& options) {
    std::vector<ProxySample> samples(targets.size());
    std::vector<net::Request> requests;
    std::vector<Pending> pending;
    const admin::MetricsLimits& limits = options.metrics_limits;
    // Every request to a proxy follows its metrics request on the same connection, and is not
    // sent at all when the proxy did not answer that one.
    std::optional<std::size_t> metrics_index;
    auto add = [&](std::size_t i, Kind kind, const std::string& path) {
        net::Request r = targets[i].request_template;
        if (kind == Kind::Metrics || kind == Kind::Help) metrics_index = requests.size();
        if (kind != Kind::Metrics && kind != Kind::Help) r.after = metrics_index;
        r.url = targets[i].base_url + path;
        r.method = "GET";
        if (kind == Kind::Metrics) r.max_body_bytes = std::min(r.max_body_bytes, options.metrics_limits.max_bytes);
        requests.push_back(std::move(r));
        pending.push_back({i, kind, path});
    };
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (const auto& note = targets[i].unreachable) {
            samples[i].taken = std::chrono::steady_clock::now();
            samples[i].failure = ProxyFailure{note->kind, note->reason, note->hint};
            if (options.on_proxy_answered) options.on_proxy_answered(targets[i].name);
            continue;
        }
        add(i, Kind::Metrics, "/admin/metrics.json?tree=1");
        // A pod's image tag names the version already: one request a proxy instead of two.
        if (options.probes.version && !is_version_tag(targets[i].image_version))
            add(i, Kind::Version, "/admin/server_info");
        if (options.probes.ping) add(i, Kind::Ping, "/admin/ping");
        if (options.probes.config) add(i, Kind::Config, "/config.json");
        if (options.probes.client_state) add(i, Kind::ClientState, "/client_state.json");
    }
    net::BatchOptions batch{options.parallel, options.overall_timeout, options.log, options.cancelled};
    std::vector<std::size_t> need_help;

    auto handle = [&](std::size_t index, net::Response&& r) {
        const Pending& p = pending[index];
        ProxySample& s = samples[p.target];
        bool via = targets[p.target].via_apiserver;
        bool good = r.ok() && r.status >= 200 && r.status < 300;
        switch (p.kind) {
        case Kind::Metrics: {
            s.taken = std::chrono::steady_clock::now();
            if (options.on_proxy_answered) options.on_proxy_answered(targets[p.target].name);
            if (!good) {
                s.failure = describe_failure(r, p.path, via);
                break;
            }
            auto metrics = admin::parse_proxy_metrics(r.body, limits);
            if (!metrics) {
                s.failure = ProxyFailure{"bad json", fmt::format("{}: {}", p.path, metrics.error().message),
                                         "this does not look like a Linkerd 1 admin server"};
                break;
            }
            s.metrics = std::move(*metrics);
            break;
        }
        case Kind::Version:
            if (good) s.version = admin::version_from_server_info(r.body);
            if (!s.version && r.ok()) need_help.push_back(p.target);
            break;
        case Kind::Help:
            if (good) s.version = admin::version_from_html(r.body);
            break;
        case Kind::Ping:
            if (good)
                s.ping_ok = admin::is_pong(r.body);
            else if (r.ok() && r.status == 404)
                s.ping_ok = std::nullopt;  // diagnostics category blocked
            else
                s.ping_ok = false;
            break;
        case Kind::Config:
            if (!good) {
                s.config_failure = describe_failure(r, p.path, via);
                break;
            }
            if (auto c = admin::parse_linker_config(r.body))
                s.config = std::move(*c);
            else
                s.config_failure = ProxyFailure{"bad json", fmt::format("{}: {}", p.path, c.error().message), ""};
            break;
        case Kind::ClientState:
            if (good) {
                if (auto cs = admin::parse_client_state(r.body)) s.client_state = std::move(*cs);
            }
            break;
        }
    };
    client.run(requests, batch, handle);

    // Linkerd 1.7.3+ reports version "0.0" in server_info; its HTML pages still carry it.
    requests.clear();
    pending.clear();
    for (std::size_t i : need_help)
        if (samples[i].metrics) add(i, Kind::Help, "/help");
    bool cancelled = options.cancelled && options.cancelled();
    if (!requests.empty() && !cancelled) client.run(requests, batch, handle);
    for (std::size_t i = 0; i < targets.size(); ++i)
        if (!samples[i].version && targets[i].image_version) samples[i].version = targets[i].image_version;
    return samples;
}

}  // namespace mesh::health
