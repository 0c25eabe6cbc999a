// `mesh check`: the mesh's health in `linkerd check` style, for people and for monitoring.

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/duration.hpp"
#include "cli/interval_wait.hpp"
#include "cli/json_output.hpp"
#include "cli/output_format.hpp"
#include "cli/terminal.hpp"
#include "commands/proxy/check_endpoints.hpp"
#include "commands/proxy/check_render.hpp"
#include "commands/proxy/check_workloads.hpp"
#include "commands/proxy/proxy_source.hpp"
#include "libmesh/admin/server_info.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/health/interval_sampling.hpp"
#include "libmesh/health/proxy_checks.hpp"
#include "libmesh/health/status_report.hpp"

namespace mesh::commands {

namespace {

struct CheckOptions {
    ProxySourceOptions source;
    WorkloadCheckOptions workloads;
    bool endpoints = false;
    double interval_s = 5;
    bool once = false;
    bool fail_on_warning = false;
    cli::OutputFormat output = cli::OutputFormat::Text;
    std::string namerd;
    double sr_warn_pct = 99, sr_error_pct = 90, min_uptime_s = 600, p99_ms = 1000, heap_pct = 90;
    int max_restarts = 0;
    double max_ejections = 0;
};

health::CheckCategory namerd_category(const std::string& address, net::HttpClient& client,
                                      const health::SampleOptions& sampling, const net::Request& tmpl) {
    health::CheckItem item{"namerd is reachable", health::CheckResult::Success, "", ""};
    auto target = health::parse_proxy_address(address, 9991);
    if (!target) {
        item.result = health::CheckResult::Error;
        item.error = target.error().message;
        return {"namerd", {item}};
    }
    net::Request r = tmpl;
    r.url = target->base_url + "/admin/ping";
    net::Response got;
    client.run({r}, {1, sampling.overall_timeout, sampling.log, sampling.cancelled},
               [&](std::size_t, net::Response&& resp) { got = std::move(resp); });
    // A 404 is namerd answering with its admin path blocked (as for proxies), not namerd down.
    bool ping_blocked = got.ok() && got.status == 404;
    if (!ping_blocked && (!got.ok() || got.status != 200 || !admin::is_pong(got.body))) {
        auto f = health::describe_failure(got, "/admin/ping", false);
        item.result = health::CheckResult::Error;
        item.error = fmt::format("* {}: {}", target->name,
                                 got.ok() && got.status == 200 ? "answered, but not 'pong'" : f.reason);
        item.hint = "namerd's admin port is 9991 by default; check the address";
    }
    return {"namerd", {item}};
}

core::Result<void> validate(const CheckOptions& o) {
    if (o.sr_error_pct > o.sr_warn_pct)
        return core::fail(core::ErrorCode::Usage, "--success-rate-error must not exceed --success-rate-warn");
    bool proxies_given = !o.source.proxies.empty() || !o.source.proxies_file.empty();
    MESH_TRY(validate_endpoints_option(o.endpoints, proxies_given));
    return validate_workload_options(o.workloads, proxies_given);
}

health::CheckThresholds thresholds(const CheckOptions& o) {
    health::CheckThresholds t;
    t.success_rate_warn = o.sr_warn_pct / 100;
    t.success_rate_error = o.sr_error_pct / 100;
    t.min_uptime_s = o.min_uptime_s;
    t.p99_warn_ms = o.p99_ms;
    t.heap_warn = o.heap_pct / 100;
    t.max_restarts = o.max_restarts;
    t.max_removals = o.max_ejections;
    return t;
}

// What --workloads and --endpoints found, for the JSON document.
struct WorkloadOutcome {
    const health::WorkloadListing* listing = nullptr;
    std::optional<health::WorkloadReport> report;
    std::optional<health::EndpointReport> endpoints;
};

std::string render_check(const CheckOptions& o, const health::CheckReport& report, const WorkloadOutcome& workloads,
                         cli::Io& io);

// The linkerd-data-plane category: every application pod against the l5d pods and their routers.
WorkloadOutcome add_workload_checks(health::CheckReport& report, const ResolvedProxies& resolved,
                                    const std::vector<health::ProxySample>& first, const std::string& l5d_namespace) {
    WorkloadOutcome out;
    if (!resolved.workloads) return out;
    out.listing = &resolved.workloads->wait();  // listed meanwhile, on its own thread
    if (!out.listing->error.empty()) {
        report.categories.push_back(health::workload_listing_failed(out.listing->error));
        return out;
    }
    out.report =
        health::check_workloads(out.listing->pods, health::l5d_pods_of(resolved.targets, first, l5d_namespace));
    report.categories.push_back(health::workload_category(*out.report));
    return out;
}

cli::Outcome run_check(const CheckOptions& o, cli::Io& io) {
    if (auto ok = validate(o); !ok) return tl::unexpected(ok.error());
    auto client = net::make_curl_client();
    health::CheckReport report;
    ProxySourceOptions source = o.source;
    source.kube_checks = true;
    source.workloads = workload_scope(o.workloads);
    // Before discovery: Ctrl-C must also end an exec plugin, which has a process group of its own.
    cli::InterruptGuard guard;
    auto resolved = resolve_proxies(source, io, *client);
    if (cli::InterruptGuard::interrupted()) return cli::k_exit_interrupted;
    if (!resolved) return tl::unexpected(resolved.error());
    // Kubernetes checks come first, as in `linkerd check`.
    for (auto& c : resolved->kube_checks) report.categories.push_back(std::move(c));
    const auto& targets = resolved->targets;
    if (targets.empty() && !report.success(false)) {
        // The cluster could not be asked (no kubeconfig, a 401, no proxy pods): that failing check
        // is the report, as `linkerd check` stops at its first failing category.
        io.out << render_check(o, report, {}, io);
        return cli::k_exit_finding;
    }
    health::IntervalPlan plan;
    plan.first = sample_options(o.source, io);
    plan.first.probes = {true, true, true, true};
    plan.second = plan.first;
    plan.second.probes = {};
    if (!o.once) plan.interval = std::chrono::milliseconds(static_cast<long long>(o.interval_s * 1000));
    RoundTally last_round;
    health::SampleRound sample = [&](const health::SampleOptions& options) {
        auto samples = sample_with_progress(*client, targets, options, io);
        tally_round(samples, last_round);
        return samples;
    };
    auto samples = health::sample_over_interval(sample, plan, rates_countdown(io, last_round));
    // Interrupted during a round (not only in the wait between them): no verdict from half a round.
    if (samples.cancelled || cli::InterruptGuard::interrupted()) return cli::k_exit_interrupted;
    const auto& first = samples.first;
    const auto& second = samples.second;
    health::StatusReport status = health::build_status(targets, first, second ? &*second : nullptr);
    // Config, client state and ping come from the first round; metrics from the latest.
    std::vector<health::ProxySample> merged = first;
    if (second)
        for (std::size_t i = 0; i < merged.size(); ++i) merged[i].metrics = (*second)[i].metrics;
    health::add_proxy_checks(report, targets, merged, status, thresholds(o));
    WorkloadOutcome workloads = add_workload_checks(report, *resolved, first, o.source.namespace_name);
    if (cli::InterruptGuard::interrupted()) return cli::k_exit_interrupted;  // also ends the listing
    if (o.endpoints && resolved->api) {
        workloads.endpoints = compare_with_kubernetes(*resolved->api, targets, merged);
        report.categories.push_back(health::endpoint_category(*workloads.endpoints));
        if (cli::InterruptGuard::interrupted()) return cli::k_exit_interrupted;
    }
    if (!o.namerd.empty()) {
        net::Request tmpl = targets.empty() ? net::Request{} : targets.front().request_template;
        tmpl.auth = {};
        report.categories.push_back(namerd_category(o.namerd, *client, plan.first, tmpl));
        if (cli::InterruptGuard::interrupted()) return cli::k_exit_interrupted;
    }
    io.out << render_check(o, report, workloads, io);
    return report.success(o.fail_on_warning) ? cli::k_exit_ok : cli::k_exit_finding;
}

std::string render_check(const CheckOptions& o, const health::CheckReport& report, const WorkloadOutcome& workloads,
                         cli::Io& io) {
    if (o.output == cli::OutputFormat::Json) {
        auto j = check_json(report, o.fail_on_warning);
        if (workloads.listing)
            j["workloads"] = workload_json(*workloads.listing, workloads.report ? &*workloads.report : nullptr,
                                           o.workloads.selector);
        if (workloads.endpoints) j["endpoints"] = endpoints_json(*workloads.endpoints);
        return cli::json_text(j);
    }
    return check_text(report, o.fail_on_warning, cli::colour_allowed(io, cli::Stream::Out),
                      o.output == cli::OutputFormat::Short);
}

}  // namespace

void register_check(CLI::App& app, cli::Context& ctx) {
    auto o = std::make_shared<CheckOptions>();
    CLI::App* cmd = cli::add_command(
        app, "check", "Check the mesh's health in `linkerd check` style",
        "Runs checks by category and prints each with a mark, the offending proxies or clients and a "
        "hint, then a verdict line, like `linkerd check`. Through Kubernetes: the kubeconfig and API "
        "are usable, the namespace has proxy pods, every schedulable node has a ready proxy. For each "
        "proxy: its admin server answers, versions and dtabs agree across proxies, and (over "
        "--interval) success rates, endpoint availability, failure-accrual ejections, restarts, p99 "
        "latency and JVM headroom are within the thresholds. --namerd-admin also checks namerd's admin.\n\n"
        "--workloads adds the data plane: every application pod of --workload-namespace (repeatable; default "
        "the context's namespace), or of --all-namespaces, matching --workload-selector, is meshed (mesh "
        "inject's marker, http_proxy=$(NODE_NAME):PORT, or linkerd-inject's init container), sends to a port "
        "that the l5d routers serve (their /config.json), runs on a node with a ready l5d pod, and is injected "
        "like most meshed pods of its namespace. Pods are listed in pages of 500; findings are grouped by node "
        "or namespace (-o json names every pod).\n\n"
        "--endpoints compares, for each proxy, every io.l5d.k8s client of its /client_state.json "
        "(/#/io.l5d.k8s/NAMESPACE/PORT/SERVICE) with the service's ready endpoints in Kubernetes "
        "(EndpointSlices, or Endpoints before Kubernetes 1.21): stale addresses (still in Linkerd, gone "
        "from Kubernetes) fail, missing ones (in Kubernetes, unknown to Linkerd) warn, each with the proxy's "
        "uptime.\n\n"
        "Success-rate thresholds mirror the Linkerd dashboard: below 99% warns, below 90% fails.\n\n"
        "Exit status: 0 every check passed (warnings allowed unless --fail-on-warning), 3 a check "
        "failed, 1 the checks could not run, 2 usage. -o json prints one JSON document in "
        "`linkerd check -o json`'s shape, for monitoring; it suits a Kubernetes CronJob (in-cluster "
        "credentials are used when there is no kubeconfig).",
        "  mesh check\n"
        "  mesh check --proxy 10.0.0.5:9990 --once\n"
        "  mesh check -n linkerd --fail-on-warning -o json\n"
        "  mesh check --success-rate-warn 99.9 --namerd-admin namerd.linkerd:9991\n"
        "  mesh check --once --workloads --all-namespaces\n"
        "  mesh check --once --workloads --workload-namespace shop --workload-selector tier=web -o json\n"
        "  mesh check --once --endpoints\n");
    add_proxy_source_options(cmd, o->source);
    add_workload_options(cmd, o->workloads);
    add_endpoints_option(cmd, o->endpoints);
    cli::add_duration_option(*cmd, "--interval", o->interval_s, "Time between the two samples that rates come from",
                             {0.05, 3600});
    cmd->add_flag("--once", o->once, "One sample: cumulative success rates and ejection counts");
    cmd->add_flag("--fail-on-warning", o->fail_on_warning, "Exit 3 on warnings too");
    cli::add_output_flag(*cmd, o->output,
                         {{cli::OutputFormat::Text, cli::OutputFormat::Short, cli::OutputFormat::Json}, {}, true},
                         "Output format: text, short (only problems) or json");
    cmd->add_option("--namerd-admin", o->namerd,
                    "Also check that namerd's admin (host:port, default port 9991) answers")
        ->type_name("HOST:PORT");
    // The old name, kept working but unlisted: `dtab --namerd` takes namerd's API URL, not its admin.
    cmd->add_option("--namerd", o->namerd, "Old name of --namerd-admin")->group("");
    auto th = "Thresholds";
    cmd->add_option("--success-rate-warn", o->sr_warn_pct, "Warn below this success rate, in percent")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 100.0))
        ->group(th);
    cmd->add_option("--success-rate-error", o->sr_error_pct, "Fail below this success rate, in percent")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 100.0))
        ->group(th);
    cmd->add_option("--min-uptime", o->min_uptime_s, "Warn when a proxy has been up fewer seconds")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber)
        ->group(th);
    cmd->add_option("--max-restarts", o->max_restarts, "Warn when a proxy container restarted more often")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber)
        ->group(th);
    cmd->add_option("--max-ejections", o->max_ejections, "Warn when more endpoints were ejected in the interval")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber)
        ->group(th);
    cmd->add_option("--p99-warn", o->p99_ms, "Warn when a router's p99 latency exceeds this, in ms")
        ->capture_default_str()
        ->check(CLI::PositiveNumber)
        ->group(th);
    cmd->add_option("--heap-warn", o->heap_pct, "Warn when JVM heap use exceeds this, in percent")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 100.0))
        ->group(th);
    cli::set_run(*cmd, ctx, o, run_check);
}

}  // namespace mesh::commands
