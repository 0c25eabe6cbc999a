// `mesh status`: one row a live proxy, found directly or through Kubernetes.

#include <algorithm>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/duration.hpp"
#include "cli/interval_wait.hpp"
#include "cli/output_format.hpp"
#include "cli/terminal.hpp"
#include "commands/proxy/proxy_source.hpp"
#include "commands/proxy/service_render.hpp"
#include "commands/proxy/status_render.hpp"
#include "libmesh/health/interval_sampling.hpp"
#include "libmesh/health/service_traffic.hpp"
#include "libmesh/health/status_report.hpp"

namespace mesh::commands {

namespace {

struct StatusOptions {
    ProxySourceOptions source;
    double interval_s = 5;
    bool once = false;
    bool watch = false;
    std::string by = "proxy";
    cli::OutputFormat output = cli::OutputFormat::Text;
};

// The sampling of one frame: no second round with --once. The version costs a second request a
// proxy, so only -o wide and json ask (in the first round only: it does not change between
// samples; in Kubernetes mode the pod's image names it for free): plain `mesh status` makes one
// request a proxy.
health::IntervalPlan interval_plan(const StatusOptions& o, cli::Io& io) {
    health::IntervalPlan plan;
    plan.first = sample_options(o.source, io);
    plan.first.probes.version = o.output != cli::OutputFormat::Text;
    plan.first.metrics_limits.client_services = o.by == "service";
    plan.second = plan.first;
    plan.second.probes.version = false;
    if (!o.once) plan.interval = std::chrono::milliseconds(static_cast<long long>(o.interval_s * 1000));
    return plan;
}

// One frame's text and exit code from its samples, per proxy or per service.
struct Frame {
    std::string text;
    int exit_code = cli::k_exit_ok;
};
Frame render_frame(const StatusOptions& o, const std::vector<health::ProxyTarget>& targets,
                   const health::IntervalSamples& samples, cli::Io& io);

// What one round tells at once (up or down, version, uptime, latency of the last histogram
// window, connections): the table with the figures that need two samples left empty.
std::string table_without_rates(const StatusOptions& o, const std::vector<health::ProxyTarget>& targets,
                                const std::vector<health::ProxySample>& first, cli::Io& io) {
    auto report = health::build_status(targets, first, nullptr);
    auto clear = [](health::Traffic& t) {
        t.requests.reset();
        t.rps.reset();
        t.success_rate.reset();
    };
    for (auto& row : report.rows) {
        clear(row.traffic);
        for (auto& router : row.routers) {
            clear(router.traffic);
            router.service_success_rate.reset();
            router.retries.reset();
            router.budget_exhausted.reset();
            for (auto& client : router.clients) {
                clear(client.traffic);
                client.removals.reset();
                client.retries.reset();
            }
        }
    }
    report.summary.rps.reset();
    report.summary.success_rate.reset();
    report.rates_pending = true;
    return status_text(report, o.output == cli::OutputFormat::Wide, cli::colour_allowed(io, cli::Stream::Out));
}

cli::Outcome run_status(const StatusOptions& o, cli::Io& io) {
    if (o.by == "service" && o.output == cli::OutputFormat::Wide)
        return core::fail(core::ErrorCode::Usage, "-o wide is for --by proxy; --by service takes text or json");
    auto client = net::make_curl_client();
    // Before discovery: Ctrl-C must also end an exec plugin, which has a process group of its own.
    cli::InterruptGuard guard;
    auto resolved = resolve_proxies(o.source, io, *client);
    if (cli::InterruptGuard::interrupted()) return cli::k_exit_interrupted;
    if (!resolved) return tl::unexpected(resolved.error());
    const auto& targets = resolved->targets;
    health::IntervalPlan plan = interval_plan(o, io);
    RoundTally last_round;
    // No silent wait: on a terminal, the first round's table is shown at once without its rates,
    // and replaced in place by the full one when the second round has filled them in.
    const bool show_first_round =
        io.out_is_terminal && !o.watch && !o.once && o.by == "proxy" && o.output != cli::OutputFormat::Json;
    std::string first_table;
    int rounds = 0;
    health::SampleRound sample = [&](const health::SampleOptions& options) {
        auto samples = sample_with_progress(*client, targets, options, io);
        tally_round(samples, last_round);
        if (show_first_round && rounds++ == 0) first_table = table_without_rates(o, targets, samples, io);
        return samples;
    };
    auto countdown = rates_countdown(io, last_round);
    health::CancellableWait wait = [&](std::chrono::milliseconds duration) {
        io.out << first_table << std::flush;
        bool completed = countdown(duration);
        auto lines = std::count(first_table.begin(), first_table.end(), '\n');
        if (completed && lines > 0) io.out << fmt::format("\x1b[{}F\x1b[J", lines);  // up to its first line, erased
        first_table.clear();
        return completed;
    };
    std::optional<std::vector<health::ProxySample>> previous;
    int exit_code = cli::k_exit_ok;
    for (bool first_frame = true;; first_frame = false) {
        auto samples = health::sample_over_interval(sample, plan, wait, std::move(previous));
        previous.reset();
        if (samples.cancelled) return cli::k_exit_interrupted;
        if (samples.second)
            for (std::size_t i = 0; i < targets.size(); ++i)
                if (!(*samples.second)[i].version) (*samples.second)[i].version = samples.first[i].version;
        if (cli::InterruptGuard::interrupted()) return cli::k_exit_interrupted;
        Frame frame = render_frame(o, targets, samples, io);
        exit_code = frame.exit_code;
        const std::string& text = frame.text;
        if (o.watch) {
            if (io.out_is_terminal)
                io.out << "\x1b[H\x1b[2J";  // redraw in place
            else if (!first_frame)
                io.out << '\n';
        }
        io.out << text << std::flush;
        if (!o.watch) break;
        // The second sample of this frame is the first of the next: every frame covers one interval.
        if (samples.second)
            previous = std::move(samples.second);
        else if (!cli::wait_for(std::chrono::milliseconds(static_cast<long long>(o.interval_s * 1000))))
            return cli::k_exit_interrupted;
    }
    return exit_code;
}

Frame render_frame(const StatusOptions& o, const std::vector<health::ProxyTarget>& targets,
                   const health::IntervalSamples& samples, cli::Io& io) {
    const std::vector<health::ProxySample>* second = samples.second ? &*samples.second : nullptr;
    bool colour = cli::colour_allowed(io, cli::Stream::Out);
    bool json = o.output == cli::OutputFormat::Json;
    if (o.by == "service") {
        auto report = health::build_service_traffic(targets, samples.first, second);
        int code = report.proxies.summary.down > 0 ? cli::k_exit_finding : cli::k_exit_ok;
        return {json ? service_traffic_json_text(report) : service_traffic_text(report, colour), code};
    }
    auto report = health::build_status(targets, samples.first, second);
    int code = report.summary.down > 0 ? cli::k_exit_finding : cli::k_exit_ok;
    return {json ? status_json_text(report) : status_text(report, o.output == cli::OutputFormat::Wide, colour), code};
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
        "--by service sums the fleet's traffic per logical service instead (each router's "
        "rt/<router>/service/<svc> scope, e.g. /svc/users) with, under it, every client the service's "
        "requests went to (rt/<router>/client/<id>/service/<svc>, e.g. "
        "/#/io.l5d.k8s/default/http/users): proxies reporting it, success rate and rps summed over "
        "every proxy, and retries (the service's retries/total; on a client row the client's "
        "requeues, which Finagle counts per client, not per service). Percentiles cannot be summed: "
        "P99_MAX is the highest of the proxies' p99s, an upper bound of the fleet's p99.\n\n"
        "Exit status: 0 all proxies up, 3 a proxy is down or unreachable, 1 the proxies could not be "
        "listed, 2 usage.",
        "  mesh status --proxy 10.0.0.5:9990 --proxy 10.0.0.6:9990\n"
        "  mesh status --proxies-file proxies.txt --once -o json\n"
        "  mesh status -n linkerd -l app=l5d -o wide\n"
        "  mesh status --context prod --watch --interval 2\n"
        "  mesh status --by service --proxies-file proxies.txt -o json\n");
    add_proxy_source_options(cmd, o->source);
    cli::add_duration_option(*cmd, "--interval", o->interval_s, "Time between the two samples that rates come from",
                             {0.05, 3600});
    cmd->add_flag("--once", o->once,
                  "One sample: cumulative success rates, rps from the last histogram window (count/60)");
    cmd->add_flag("-w,--watch", o->watch, "Refresh every --interval until Ctrl-C");
    cmd->add_option("--by", o->by,
                    "Rows per proxy, or per logical service and the clients it went to, summed over every proxy")
        ->check(CLI::IsMember({"proxy", "service"}))
        ->capture_default_str();
    cli::add_output_flag(*cmd, o->output,
                         {{cli::OutputFormat::Text, cli::OutputFormat::Wide, cli::OutputFormat::Json}, {}, true},
                         "Output format: text, wide or json");
    cli::set_run(*cmd, ctx, o, run_status);
}

}  // namespace mesh::commands
