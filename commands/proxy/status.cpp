// `mesh status`: one row a live proxy, found directly or through Kubernetes.

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/interval_wait.hpp"
#include "commands/proxy/proxy_source.hpp"
#include "commands/proxy/status_render.hpp"
#include "libmesh/health/status_report.hpp"

namespace mesh::commands {

namespace {

struct StatusOptions {
    ProxySourceOptions source;
    double interval_s = 5;
    bool once = false;
    bool watch = false;
    std::string output = "text";
};

int run_status(const StatusOptions& o, cli::Context& ctx) {
    auto client = net::make_curl_client();
    auto resolved = resolve_proxies(o.source, ctx, *client);
    if (!resolved) return cli::report_error(ctx, resolved.error());
    const auto& targets = resolved->targets;
    health::SampleOptions sampling = sample_options(o.source, ctx);
    sampling.probes.version = true;
    auto interval = std::chrono::milliseconds(static_cast<long long>(o.interval_s * 1000));
    cli::InterruptGuard guard;
    std::vector<health::ProxySample> previous;
    int exit_code = cli::k_exit_ok;
    for (bool first_frame = true;; first_frame = false) {
        std::vector<health::ProxySample> first =
            previous.empty() ? sample_with_progress(*client, targets, sampling, ctx) : std::move(previous);
        std::optional<std::vector<health::ProxySample>> second;
        if (!o.once) {
            if (!cli::wait_for(interval)) return cli::k_exit_interrupted;
            health::SampleOptions again = sampling;
            again.probes.version = false;  // the version does not change between samples
            second = sample_with_progress(*client, targets, again, ctx);
            for (std::size_t i = 0; i < targets.size(); ++i)
                if (!(*second)[i].version) (*second)[i].version = first[i].version;
        }
        if (cli::InterruptGuard::interrupted()) return cli::k_exit_interrupted;
        health::StatusReport report = health::build_status(targets, first, second ? &*second : nullptr);
        exit_code = report.summary.down > 0 ? cli::k_exit_finding : cli::k_exit_ok;
        std::string text = o.output == "json"
                               ? status_json_text(report)
                               : status_text(report, o.output == "wide", use_colour(o.source, ctx));
        if (o.watch) {
            if (ctx.io.out_is_terminal) ctx.io.out << "\x1b[H\x1b[2J";  // redraw in place
            else if (!first_frame) ctx.io.out << '\n';
        }
        ctx.io.out << text << std::flush;
        if (!o.watch) break;
        // The second sample of this frame is the first of the next: every frame covers one interval.
        if (second) previous = std::move(*second);
        else if (!cli::wait_for(interval)) return cli::k_exit_interrupted;
    }
    return exit_code;
}

}  // namespace

void register_status(CLI::App& app, cli::Context& ctx) {
    auto o = std::make_shared<StatusOptions>();
    CLI::App* cmd = cli::add_command(
        app, "status", "Show live Linkerd 1 proxies: up/down, version, success rate, rps, latency",
        "Asks every proxy's admin server (Linkerd 1.x, port 9990) for /admin/metrics.json twice, "
        "--interval apart, and prints one row a proxy in the style of `linkerd viz stat`: status, "
        "version, uptime, success rate and requests per second over the interval (summed over the "
        "proxy's servers), p50/p95/p99 latency from the last 1-minute histogram window, and open "
        "connections. -o wide adds per-router and per-client rows (endpoints available, "
        "failure-accrual ejections, retries); -o json prints one JSON document with null for no data.\n\n"
        "Proxies are given with --proxy/--proxies-file, or found as pods (-n linkerd -l app=l5d) through "
        "the kubeconfig and reached through the API server's pod proxy (or at the pod IP with --direct).\n\n"
        "Requests run concurrently (--parallel at once), each within --timeout; an unreachable proxy is "
        "reported with the reason and a hint and never delays the others.\n\n"
        "Exit status: 0 all proxies up, 3 a proxy is down or unreachable, 1 the proxies could not be "
        "listed, 2 usage.",
        "  mesh status --proxy 10.0.0.5:9990 --proxy 10.0.0.6:9990\n"
        "  mesh status --proxies-file proxies.txt --once -o json\n"
        "  mesh status -n linkerd -l app=l5d -o wide\n"
        "  mesh status --context prod --watch --interval 2\n");
    add_proxy_source_options(cmd, o->source);
    cmd->add_option("--interval", o->interval_s, "Seconds between the two samples that rates come from")
        ->capture_default_str()
        ->check(CLI::Range(0.05, 3600.0));
    cmd->add_flag("--once", o->once,
                  "One sample: cumulative success rates, rps from the last histogram window (count/60)");
    cmd->add_flag("-w,--watch", o->watch, "Refresh every --interval until Ctrl-C");
    cmd->add_option("-o,--output", o->output, "Output format: text, wide or json")
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "wide", "json"}));
    cmd->callback([&ctx, o] { ctx.exit_code = run_status(*o, ctx); });
}

}  // namespace mesh::commands
