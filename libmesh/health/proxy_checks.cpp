// Each check lists every offending proxy or client on its own line, so one run tells the operator
// where to look; severities follow spec/admin.md section 7.

#include "libmesh/health/proxy_checks.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace mesh::health {

namespace {

struct Collector {
    CheckResult worst = CheckResult::Success;
    std::vector<std::string> lines;
    std::string hint;

    void add(CheckResult r, std::string line) {
        if (r == CheckResult::Error || (r == CheckResult::Warning && worst == CheckResult::Success)) worst = r;
        lines.push_back(std::move(line));
    }
    CheckItem item(std::string description, std::string default_hint) const {
        CheckItem c;
        c.description = std::move(description);
        c.result = worst;
        if (worst != CheckResult::Success) {
            for (const auto& l : lines) c.error += (c.error.empty() ? "" : "\n") + l;
            c.hint = hint.empty() ? std::move(default_hint) : hint;
        }
        return c;
    }
};

std::string percent(double v) { return fmt::format("{:.2f}%", 100 * v); }

CheckItem reachability(const std::vector<ProxyTarget>& targets, const StatusReport& status) {
    Collector c;
    std::size_t refused = 0;
    for (const auto& row : status.rows) {
        if (row.up) continue;
        const ProxyFailure f = row.failure.value_or(ProxyFailure{"error", "no answer", ""});
        c.add(CheckResult::Error, fmt::format("* {}: {}", row.name, f.reason));
        if (f.kind == "refused" || f.kind == "apiserver 503") ++refused;
        if (c.hint.empty()) c.hint = f.hint;
    }
    if (!targets.empty() && refused == targets.size())
        c.hint = "every proxy refused: the admin server is probably bound to loopback; set "
                 "admin: {ip: 0.0.0.0, port: 9990} in the Linkerd config";
    if (targets.empty()) c.add(CheckResult::Error, "no proxies to check");
    return c.item(fmt::format("proxy admin endpoints are reachable ({}/{})", status.summary.up, status.summary.proxies),
                  "check the addresses and that the proxies run");
}

CheckItem ping(const std::vector<ProxySample>& samples, const StatusReport& status) {
    Collector c;
    for (std::size_t i = 0; i < samples.size(); ++i)
        if (status.rows[i].up && samples[i].ping_ok == false)
            c.add(CheckResult::Warning, fmt::format("* {}: /admin/ping did not answer 'pong'", status.rows[i].name));
    return c.item("proxies answer /admin/ping", "the admin server is unhealthy although metrics answer");
}

CheckItem versions(const StatusReport& status) {
    std::map<std::string, std::vector<std::string>> by_version;
    for (const auto& row : status.rows)
        if (row.up && row.version) by_version[*row.version].push_back(row.name);
    Collector c;
    if (by_version.size() > 1) {
        c.add(CheckResult::Warning, "proxies run different versions:");
        for (const auto& [v, names] : by_version)
            for (const auto& n : names) c.add(CheckResult::Warning, fmt::format("* {} ({})", n, v));
    }
    return c.item("proxy versions are consistent", "finish the rollout so every node runs the same Linkerd");
}

CheckItem dtabs(const std::vector<ProxySample>& samples, const StatusReport& status) {
    Collector c;
    // router label -> dtab -> proxies
    std::map<std::string, std::map<std::string, std::vector<std::string>>> seen;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (!status.rows[i].up) continue;
        if (!samples[i].config) {
            if (samples[i].config_failure) {
                c.add(CheckResult::Warning,
                      fmt::format("* {}: {}", status.rows[i].name, samples[i].config_failure->reason));
                if (c.hint.empty())
                    c.hint = "could not read the config to compare dtabs; " + samples[i].config_failure->hint;
            }
            continue;
        }
        for (const auto& r : samples[i].config->routers) seen[r.label][r.dtab].push_back(status.rows[i].name);
    }
    for (const auto& [router, by_dtab] : seen) {
        if (by_dtab.size() < 2) continue;
        c.add(CheckResult::Error, fmt::format("router '{}' has {} different dtabs:", router, by_dtab.size()));
        for (const auto& [dtab, names] : by_dtab)
            c.add(CheckResult::Error, fmt::format("* {}: {}", fmt::join(names, ", "), dtab.empty() ? "(none)" : dtab));
    }
    return c.item("proxies route with the same dtab", "roll out the same Linkerd config to every proxy");
}

CheckItem restarts(const std::vector<ProxyTarget>& targets, const StatusReport& status, const CheckThresholds& t) {
    Collector c;
    for (std::size_t i = 0; i < status.rows.size(); ++i) {
        const auto& row = status.rows[i];
        if (row.uptime_s && *row.uptime_s < t.min_uptime_s)
            c.add(CheckResult::Warning, fmt::format("* {}: up for only {:.0f}s", row.name, *row.uptime_s));
        if (targets[i].restarts && *targets[i].restarts > t.max_restarts) {
            std::string why = targets[i].last_termination_reason.empty()
                                  ? std::string()
                                  : fmt::format(", last terminated: {}", targets[i].last_termination_reason);
            c.add(CheckResult::Warning, fmt::format("* {}: restarted {} times{}", row.name, *targets[i].restarts, why));
        }
    }
    return c.item("proxies were not restarted recently",
                  "look at the pod's events and previous logs (kubectl logs --previous); OOMKilled wants more memory");
}

CheckResult rate_result(double sr, const CheckThresholds& t) {
    if (sr < t.success_rate_error) return CheckResult::Error;
    if (sr < t.success_rate_warn) return CheckResult::Warning;
    return CheckResult::Success;
}

CheckItem success_rates(const StatusReport& status, const CheckThresholds& t) {
    Collector c;
    for (const auto& row : status.rows) {
        for (const auto& r : row.routers) {
            if (r.traffic.success_rate) {
                auto res = rate_result(*r.traffic.success_rate, t);
                if (res != CheckResult::Success)
                    c.add(res, fmt::format("* {} router {}: success rate {}", row.name, r.name,
                                           percent(*r.traffic.success_rate)));
            }
            for (const auto& cl : r.clients) {
                if (!cl.traffic.success_rate) continue;
                auto res = rate_result(*cl.traffic.success_rate, t);
                if (res != CheckResult::Success)
                    c.add(res, fmt::format("* {} client {}: success rate {}", row.name, cl.display,
                                           percent(*cl.traffic.success_rate)));
            }
        }
    }
    return c.item(fmt::format("success rates are at least {}", percent(t.success_rate_warn)),
                  "look at the failing clients and their endpoints (mesh status -o wide); the proxy's "
                  "/admin/metrics.json counts their failures by exception");
}

// The router's percentCanRetry from /config.json, found by label else protocol; 20% without a
// config, as the dashboard's RouterSummary does.
double retry_budget(const ProxySample& sample, const std::string& router) {
    if (sample.config)
        for (const auto& rc : sample.config->routers)
            if (rc.label == router) return rc.percent_can_retry;
    return admin::RouterConfig{}.percent_can_retry;
}

CheckItem retries(const std::vector<ProxySample>& samples, const StatusReport& status, const CheckThresholds& t) {
    Collector c;
    for (std::size_t i = 0; i < status.rows.size(); ++i) {
        const auto& row = status.rows[i];
        for (const auto& r : row.routers) {
            // The dashboard's retry bar: retries / requests against the configured budget.
            double budget = retry_budget(samples[i], r.name);
            if (r.traffic.requests.value_or(0) > 0 && r.retries.value_or(0) / *r.traffic.requests >= budget)
                c.add(CheckResult::Warning,
                      fmt::format(
                          "* {} router {}: retries are {} of requests, at the retry budget of {} (percentCanRetry)",
                          row.name, r.name, percent(*r.retries / *r.traffic.requests), percent(budget)));
            if (r.budget_exhausted.value_or(0) > 0)
                c.add(CheckResult::Warning, fmt::format("* {} router {}: retry budget exhausted {} times", row.name,
                                                        r.name, *r.budget_exhausted));
            if (!r.service_success_rate || *r.service_success_rate < t.success_rate_warn) continue;
            for (const auto& cl : r.clients)
                if (cl.traffic.success_rate && *cl.traffic.success_rate < t.success_rate_warn)
                    c.add(CheckResult::Warning,
                          fmt::format("* {} client {}: {} per attempt, hidden by retries ({} after retries)", row.name,
                                      cl.display, percent(*cl.traffic.success_rate), percent(*r.service_success_rate)));
        }
    }
    return c.item("retries are not hiding failures", "some endpoints fail; retries mask it until the budget runs out");
}

CheckItem endpoints(const std::vector<ProxySample>& samples, const StatusReport& status, const CheckThresholds& t) {
    Collector c;
    for (std::size_t i = 0; i < status.rows.size(); ++i) {
        const auto& row = status.rows[i];
        for (const auto& r : row.routers)
            for (const auto& cl : r.clients) {
                if (!cl.lb_size) continue;
                double size = *cl.lb_size, avail = cl.lb_available.value_or(size);
                if (size == 0)
                    c.add(CheckResult::Error, fmt::format("* {} client {}: no endpoints", row.name, cl.display));
                else if (avail == 0)
                    c.add(CheckResult::Error,
                          fmt::format("* {} client {}: 0/{:.0f} endpoints available", row.name, cl.display, size));
                else if (avail / size < t.available_warn)
                    c.add(CheckResult::Warning, fmt::format("* {} client {}: {:.0f}/{:.0f} endpoints available",
                                                            row.name, cl.display, avail, size));
            }
        if (!samples[i].client_state) continue;
        for (const auto& cs : *samples[i].client_state) {
            if (cs.state == "bound") continue;
            c.add(CheckResult::Error, fmt::format("* {} client {}: {}", row.name, cs.client,
                                                  cs.state == "Neg" ? "no such name (Neg)" : cs.state));
        }
    }
    return c.item("clients have endpoints available",
                  "check the Service's endpoints (kubectl get endpoints) and the namer's view (/client_state.json)");
}

CheckItem ejections(const StatusReport& status, const CheckThresholds& t) {
    Collector c;
    for (const auto& row : status.rows)
        for (const auto& r : row.routers)
            for (const auto& cl : r.clients)
                if (cl.removals && *cl.removals > t.max_removals)
                    c.add(CheckResult::Warning,
                          fmt::format("* {} client {}: {:.0f} endpoints ejected by failure accrual", row.name,
                                      cl.display, *cl.removals));
    return c.item("no endpoints were ejected",
                  "endpoints failed 5 requests in a row; see which with /client_state.json");
}

CheckItem latency(const StatusReport& status, const CheckThresholds& t) {
    Collector c;
    for (const auto& row : status.rows)
        for (const auto& r : row.routers)
            if (r.traffic.latency.p99 && *r.traffic.latency.p99 > t.p99_warn_ms)
                c.add(CheckResult::Warning,
                      fmt::format("* {} router {}: p99 {:.0f}ms", row.name, r.name, *r.traffic.latency.p99));
    return c.item(fmt::format("p99 latency is under {:.0f}ms", t.p99_warn_ms),
                  "find the slow clients with mesh status -o wide");
}

CheckItem jvm(const std::vector<ProxySample>& samples, const StatusReport& status, const CheckThresholds& t) {
    Collector c;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (!samples[i].metrics) continue;
        const auto& m = *samples[i].metrics;
        if (m.heap_used && m.heap_max && *m.heap_max > 0 && *m.heap_used / *m.heap_max > t.heap_warn)
            c.add(CheckResult::Warning,
                  fmt::format("* {}: heap {} used", status.rows[i].name, percent(*m.heap_used / *m.heap_max)));
        if (m.fd_count && m.fd_limit && *m.fd_limit > 0 && *m.fd_count / *m.fd_limit > 0.8)
            c.add(CheckResult::Warning, fmt::format("* {}: {:.0f} of {:.0f} file descriptors open", status.rows[i].name,
                                                    *m.fd_count, *m.fd_limit));
    }
    return c.item("proxies have memory and file descriptors to spare",
                  "raise the JVM heap (JVM_HEAP_MAX) or the fd limit");
}

}  // namespace

void add_proxy_checks(CheckReport& report, const std::vector<ProxyTarget>& targets,
                      const std::vector<ProxySample>& samples, const StatusReport& status,
                      const CheckThresholds& thresholds) {
    CheckCategory admin{"linkerd-admin", {}};
    admin.checks.push_back(reachability(targets, status));
    admin.checks.push_back(ping(samples, status));
    admin.checks.push_back(versions(status));
    admin.checks.push_back(dtabs(samples, status));
    report.categories.push_back(std::move(admin));

    CheckCategory traffic{"linkerd-traffic", {}};
    traffic.checks.push_back(restarts(targets, status, thresholds));
    traffic.checks.push_back(success_rates(status, thresholds));
    traffic.checks.push_back(retries(samples, status, thresholds));
    traffic.checks.push_back(endpoints(samples, status, thresholds));
    traffic.checks.push_back(ejections(status, thresholds));
    traffic.checks.push_back(latency(status, thresholds));
    traffic.checks.push_back(jvm(samples, status, thresholds));
    report.categories.push_back(std::move(traffic));
}

}  // namespace mesh::health
