// GCC 12 reports a false -Wnull-dereference inside CLI11's split() when inlined here.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "commands/proxy/proxy_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "cli/duration.hpp"
#include "cli/interval_wait.hpp"
#include "cli/terminal.hpp"
#include "libmesh/core/file_reader.hpp"

namespace mesh::commands {

void add_proxy_source_options(CLI::App* cmd, ProxySourceOptions& o) {
    cmd->add_option("--proxy", o.proxies,
                    "Proxy admin address: host:port, host (port 9990) or an http(s):// URL (user:password@ is basic "
                    "auth); repeatable")
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
    cli::add_duration_option(*cmd, "--timeout", o.timeout_s, "Time allowed for each admin request", {0.001, 3600});
    cli::add_duration_option(*cmd, "--overall-timeout", o.overall_timeout_s,
                             "Time allowed for a whole round (0 = none)", {0, 86400});
    cmd->add_option("--max-body", o.max_body_mib, "Largest admin answer accepted, in MiB")
        ->capture_default_str()
        ->check(CLI::Range(1, 1024));
    cmd->add_flag("-v,--verbose", o.verbose, "Log every HTTP request and its status on stderr (secrets redacted)");
}

static net::Request admin_template(const ProxySourceOptions& o) {
    net::Request r;
    r.timeout = std::chrono::milliseconds(static_cast<long long>(o.timeout_s * 1000));
    r.max_body_bytes = o.max_body_mib << 20;
    r.tls.insecure = o.insecure;
    r.tls.ca_file = o.ca_file;
    return r;
}

// The log of -v: one stderr line per request; none without -v. The workload listing logs from its
// own threads: a line is written whole, under one lock for every log.
static std::function<void(const std::string&)> verbose_log(const ProxySourceOptions& o, cli::Io& io) {
    if (!o.verbose) return {};
    return [&io](const std::string& line) {
        static std::mutex one_line_at_a_time;
        std::string text = "mesh: " + line + '\n';
        std::lock_guard lock(one_line_at_a_time);
        io.err << text;
    };
}

core::Result<ResolvedProxies> resolve_proxies(const ProxySourceOptions& o, cli::Io& io, net::HttpClient& client) {
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
            return core::fail(core::ErrorCode::Input,
                              fmt::format("{}: no proxy addresses in the file", o.proxies_file));
        for (auto& t : out.targets) t.request_template = admin_template(o);
        return out;
    }
    health::KubeDiscoveryOptions kube;
    kube.overrides = {o.kubeconfig,     o.context, o.cluster, o.user, o.server, o.token, o.insecure_skip_tls_verify,
                      o.request_timeout};
    kube.namespace_name = o.namespace_name;
    kube.selector = o.selector;
    kube.admin_port = o.admin_port;
    kube.direct = o.direct;
    kube.cluster_checks = o.kube_checks;
    kube.workloads = o.workloads;
    // Ctrl-C ends discovery, its exec plugin and the workload listing (the command installs its
    // InterruptGuard first).
    kube.cancelled = [] { return cli::InterruptGuard::interrupted(); };
    // kubeconfig files, token files and certificates: read no further than 16 MiB.
    kube::KubeEnvironment env{io.getenv,
                              [](const std::string& path) { return core::read_small_file(path, 16u << 20); }};
    return health::discover_kube_proxies(kube, env, client, admin_template(o), verbose_log(o, io));
}

health::SampleOptions sample_options(const ProxySourceOptions& o, cli::Io& io) {
    health::SampleOptions s;
    s.parallel = o.parallel;
    s.overall_timeout = std::chrono::milliseconds(static_cast<long long>(o.overall_timeout_s * 1000));
    s.metrics_limits.max_bytes = o.max_body_mib << 20;
    s.log = verbose_log(o, io);
    // Ctrl-C (seen once the command installed its InterruptGuard) ends a round at once.
    s.cancelled = [] { return cli::InterruptGuard::interrupted(); };
    return s;
}

std::vector<health::ProxySample> sample_with_progress(net::HttpClient& client,
                                                      const std::vector<health::ProxyTarget>& targets,
                                                      health::SampleOptions options, cli::Io& io) {
    cli::ProgressReporter progress(io, "probing proxies", targets.size());
    if (progress.enabled())
        options.on_proxy_answered = [&progress](const std::string& name) { progress.advance(name); };
    auto samples = health::sample_proxies(client, targets, options);
    progress.finish();
    return samples;
}

health::CancellableWait rates_countdown(cli::Io& io, const RoundTally& last_round) {
    return [&io, &last_round](std::chrono::milliseconds duration) {
        return cli::wait_with_countdown(
            io, duration, fmt::format("{} of {} proxies answered; rates in", last_round.answered, last_round.total));
    };
}

void tally_round(const std::vector<health::ProxySample>& samples, RoundTally& tally) {
    tally.total = samples.size();
    tally.answered = static_cast<std::size_t>(
        std::count_if(samples.begin(), samples.end(), [](const auto& s) { return s.metrics.has_value(); }));
}

}  // namespace mesh::commands
