// GCC 12 reports a false -Wnull-dereference inside CLI11's split() when inlined here.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "commands/proxy/proxy_source.hpp"

#include <fmt/format.h>


#include "commands/proxy/kube_discovery.hpp"
#include "cli/terminal.hpp"
#include "libmesh/core/file_reader.hpp"

namespace mesh::commands {

void add_proxy_source_options(CLI::App* cmd, ProxySourceOptions& o) {
    cmd->add_option("--proxy", o.proxies,
                    "Proxy admin address: host:port, host (port 9990) or an http(s):// URL; repeatable")
        ->group("Finding proxies");
    cmd->add_option("--proxies-file", o.proxies_file, "File with one proxy address a line ('#' comments)")
        ->group("Finding proxies");
    cmd->add_option("--kubeconfig", o.kubeconfig, "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)")
        ->group("Kubernetes");
    cmd->add_option("--context", o.context, "kubeconfig context to use")->group("Kubernetes");
    cmd->add_option("--cluster", o.cluster, "kubeconfig cluster to use")->group("Kubernetes");
    cmd->add_option("--user", o.user, "kubeconfig user to use")->group("Kubernetes");
    cmd->add_option("--server", o.server, "API server URL (overrides the kubeconfig)")->group("Kubernetes");
    cmd->add_option("--token", o.token, "Bearer token for the API server")->group("Kubernetes");
    cmd->add_flag("--insecure-skip-tls-verify", o.insecure_skip_tls_verify,
                  "Do not verify the API server's certificate")
        ->group("Kubernetes");
    cmd->add_option("--request-timeout", o.request_timeout,
                    "Timeout of each API server request (e.g. 10s, 500ms, 1m; 0 = none)")
        ->group("Kubernetes");
    cmd->add_option("-n,--namespace", o.namespace_name, "Namespace of the proxy pods")
        ->capture_default_str()
        ->group("Kubernetes");
    cmd->add_option("-l,--selector", o.selector, "Label selector of the proxy pods")
        ->capture_default_str()
        ->group("Kubernetes");
    cmd->add_option("--admin-port", o.admin_port, "Admin port of the proxies")
        ->capture_default_str()
        ->check(CLI::Range(1, 65535))
        ->group("Kubernetes");
    cmd->add_flag("--direct", o.direct, "Connect to pod IPs instead of going through the API server's pod proxy")
        ->group("Kubernetes");
    cmd->add_flag("--insecure", o.insecure, "Do not verify https:// admin servers' certificates");
    cmd->add_option("--cacert", o.ca_file, "CA bundle for https:// admin servers");
    cmd->add_option("--parallel", o.parallel, "At most this many requests at once")
        ->capture_default_str()
        ->check(CLI::Range(1, 1024));
    cmd->add_option("--timeout", o.timeout_s, "Seconds allowed for each admin request")
        ->capture_default_str()
        ->check(CLI::Range(0.001, 3600.0));
    cmd->add_option("--overall-timeout", o.overall_timeout_s, "Seconds allowed for a whole round (0 = none)")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 86400.0));
    cmd->add_option("--max-body", o.max_body_mib, "Largest admin answer accepted, in MiB")
        ->capture_default_str()
        ->check(CLI::Range(1, 1024));
    cmd->add_flag("-v,--verbose", o.verbose, "Log every HTTP request and its status on stderr (secrets redacted)");
    cmd->add_flag("--no-color", o.no_color, "No colour or symbols, even on a terminal");
}

static net::Request admin_template(const ProxySourceOptions& o) {
    net::Request r;
    r.timeout = std::chrono::milliseconds(static_cast<long long>(o.timeout_s * 1000));
    r.max_body_bytes = o.max_body_mib << 20;
    r.tls.insecure = o.insecure;
    r.tls.ca_file = o.ca_file;
    return r;
}

core::Result<ResolvedProxies> resolve_proxies(const ProxySourceOptions& o, cli::Context& ctx, net::HttpClient& client) {
    ResolvedProxies out;
    if (!o.proxies.empty() || !o.proxies_file.empty()) {
        for (const auto& a : o.proxies) {
            auto t = health::parse_proxy_address(a);
            if (!t) return tl::unexpected(t.error());
            out.targets.push_back(std::move(*t));
        }
        if (!o.proxies_file.empty()) {
            auto text = core::read_small_file(o.proxies_file, 16u << 20);
            if (!text) return tl::unexpected(text.error());
            auto ts = health::parse_proxies_file(*text, o.proxies_file);
            if (!ts) return tl::unexpected(ts.error());
            for (auto& t : *ts) out.targets.push_back(std::move(t));
        }
        if (out.targets.empty())
            return core::fail(core::ErrorCode::Input, fmt::format("{}: no proxy addresses in the file", o.proxies_file));
        for (auto& t : out.targets) t.request_template = admin_template(o);
        return out;
    }
    return discover_kube_proxies(o, ctx, client, admin_template(o));
}

health::SampleOptions sample_options(const ProxySourceOptions& o, cli::Context& ctx) {
    health::SampleOptions s;
    s.parallel = o.parallel;
    s.overall_timeout = std::chrono::milliseconds(static_cast<long long>(o.overall_timeout_s * 1000));
    s.metrics_limits.max_bytes = o.max_body_mib << 20;
    if (o.verbose) s.log = [&ctx](const std::string& line) { ctx.io.err << "mesh: " << line << '\n'; };
    return s;
}

std::vector<health::ProxySample> sample_with_progress(net::HttpClient& client,
                                                      const std::vector<health::ProxyTarget>& targets,
                                                      health::SampleOptions options, cli::Context& ctx) {
    cli::ProgressReporter progress(ctx.io, "probing proxies", targets.size());
    if (progress.enabled()) options.on_proxy_answered = [&progress](const std::string& name) { progress.advance(name); };
    auto samples = health::sample_proxies(client, targets, options);
    progress.finish();
    return samples;
}

bool use_colour(const ProxySourceOptions& o, const cli::Context& ctx) { return ctx.io.colour && !o.no_color; }

}  // namespace mesh::commands
