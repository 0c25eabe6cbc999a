#include "commands/proxy/status_render.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/table.hpp"
#include "libmesh/health/grouped_lines.hpp"

namespace mesh::commands {

using nlohmann::ordered_json;

ordered_json number_or_null(std::optional<double> value) {
    return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json latency_json(const health::Latency& l) {
    return {{"p50", number_or_null(l.p50)},
            {"p95", number_or_null(l.p95)},
            {"p99", number_or_null(l.p99)},
            {"max", number_or_null(l.max)}};
}

namespace {

std::string paint(const std::string& text, const char* code, bool colour) {
    return colour ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
}

}  // namespace

static ordered_json proxy_json(const health::ProxyRow& row) {
    {
        ordered_json p;
        p["name"] = row.name;
        p["node"] = row.node.empty() ? ordered_json(nullptr) : ordered_json(row.node);
        p["ip"] = row.ip.empty() ? ordered_json(nullptr) : ordered_json(row.ip);
        p["up"] = row.up;
        if (row.failure)
            p["error"] = {{"kind", row.failure->kind}, {"reason", row.failure->reason}, {"hint", row.failure->hint}};
        else
            p["error"] = nullptr;
        p["version"] = row.version ? ordered_json(*row.version) : ordered_json(nullptr);
        p["uptime_s"] = number_or_null(row.uptime_s);
        p["success_rate"] = number_or_null(row.traffic.success_rate);
        p["rps"] = number_or_null(row.traffic.rps);
        p["latency_ms"] = latency_json(row.traffic.latency);
        p["connections"] = number_or_null(row.traffic.connections);
        ordered_json routers = ordered_json::array();
        for (const auto& r : row.routers) {
            ordered_json rj;
            rj["name"] = r.name;
            rj["success_rate"] = number_or_null(r.traffic.success_rate);
            rj["service_success_rate"] = number_or_null(r.service_success_rate);
            rj["rps"] = number_or_null(r.traffic.rps);
            rj["latency_ms"] = latency_json(r.traffic.latency);
            rj["connections"] = number_or_null(r.traffic.connections);
            rj["retries"] = number_or_null(r.retries);
            rj["budget_exhausted"] = number_or_null(r.budget_exhausted);
            ordered_json clients = ordered_json::array();
            for (const auto& c : r.clients) {
                ordered_json cj;
                cj["id"] = c.id;
                cj["display"] = c.display;
                cj["success_rate"] = number_or_null(c.traffic.success_rate);
                cj["rps"] = number_or_null(c.traffic.rps);
                cj["latency_ms"] = latency_json(c.traffic.latency);
                cj["connections"] = number_or_null(c.traffic.connections);
                cj["lb"] = {{"size", number_or_null(c.lb_size)}, {"available", number_or_null(c.lb_available)}};
                cj["failure_accrual_removals"] = number_or_null(c.removals);
                cj["retries"] = number_or_null(c.retries);
                clients.push_back(std::move(cj));
            }
            rj["clients"] = std::move(clients);
            routers.push_back(std::move(rj));
        }
        p["routers"] = std::move(routers);
        return p;
    }
}

// `text` with every line after the first indented by `by` spaces.
static std::string indent(const std::string& text, std::size_t by) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        out.push_back(c);
        if (c == '\n') out.append(by, ' ');
    }
    return out;
}

std::string status_json_text(const health::StatusReport& report) {
    std::string out = "{\n  \"window_s\": " + number_or_null(report.window_s).dump() + ",\n  \"proxies\": [";
    for (std::size_t i = 0; i < report.rows.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        out += indent(proxy_json(report.rows[i]).dump(2, ' ', false, ordered_json::error_handler_t::replace), 4);
    }
    out += report.rows.empty() ? "]," : "\n  ],";
    ordered_json summary = {{"proxies", report.summary.proxies},
                            {"up", report.summary.up},
                            {"down", report.summary.down},
                            {"rps", number_or_null(report.summary.rps)},
                            {"success_rate", number_or_null(report.summary.success_rate)}};
    out += "\n  \"summary\": " + indent(summary.dump(2), 2) + "\n}\n";
    return out;
}

std::string proxies_summary_text(const health::StatusReport& report, bool colour) {
    const auto& s = report.summary;
    std::string out = fmt::format("{} proxies: {} up, {} down; {} total, {} success", s.proxies, s.up,
                                  s.down ? paint(std::to_string(s.down), "31", colour) : std::string("0"),
                                  cli::format_rps(s.rps), cli::format_percent(s.success_rate));
    if (report.rates_pending)
        out += " (rates after the second sample)\n";
    else
        out += report.window_s ? fmt::format(" over {:.1f}s\n", *report.window_s)
                               : std::string(" (cumulative; rps from the last 1m histogram window)\n");
    // Proxies down for the same reason and hint share one entry; -o json keeps every proxy.
    std::vector<std::pair<const health::ProxyFailure*, std::vector<std::string>>> groups;
    for (const auto& r : report.rows) {
        if (r.up || !r.failure) continue;
        auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
            return g.first->reason == r.failure->reason && g.first->hint == r.failure->hint;
        });
        if (same == groups.end())
            groups.push_back({&*r.failure, {r.name}});
        else
            same->second.push_back(r.name);
    }
    std::string mark = colour ? paint("\u00d7", "31", true) : std::string("down");
    for (const auto& [failure, names] : groups) {
        if (names.size() == 1) {
            out += fmt::format("{} {}: {}\n    hint: {}\n", mark, names.front(), failure->reason, failure->hint);
            continue;
        }
        std::string lines;
        for (const auto& name : names) lines += "* " + name + ": " + failure->reason + "\n";
        out += fmt::format("{} {}\n    hint: {}\n", mark, health::grouped_error_lines(lines).front().substr(2),
                           failure->hint);
    }
    return out;
}

std::string status_text(const health::StatusReport& report, bool wide, bool colour) {
    bool any_node = false, any_version = false;
    for (const auto& r : report.rows) {
        any_node = any_node || !r.node.empty();
        any_version = any_version || r.version.has_value();
    }
    // The version costs a request a proxy unless the pod's image names it; when nothing asked
    // for it (text output of proxies given directly), the column goes rather than stay empty.
    std::vector<std::string> header{"NAME"};
    if (any_node) header.push_back("NODE");
    header.push_back("STATUS");
    if (any_version || wide) header.push_back("VERSION");
    for (const char* h : {"UPTIME", "SUCCESS", "RPS", "LATENCY_P50", "LATENCY_P95", "LATENCY_P99", "TCP_CONN"})
        header.push_back(h);
    std::size_t left = header.size() - 7;  // the seven figures from UPTIME on are right-aligned
    cli::TextTable table(header, left);
    for (const auto& r : report.rows) {
        std::vector<std::string> cells{r.name};
        if (any_node) cells.push_back(r.node.empty() ? "-" : r.node);
        // Padding is computed on plain text; colour would skew widths, so status words stay plain.
        cells.push_back(r.up ? "up" : "down");
        if (any_version || wide) cells.push_back(r.version.value_or("-"));
        cells.push_back(cli::format_duration(r.uptime_s));
        cells.push_back(cli::format_percent(r.traffic.success_rate));
        cells.push_back(cli::format_rps(r.traffic.rps));
        cells.push_back(cli::format_ms(r.traffic.latency.p50));
        cells.push_back(cli::format_ms(r.traffic.latency.p95));
        cells.push_back(cli::format_ms(r.traffic.latency.p99));
        cells.push_back(cli::format_count(r.traffic.connections));
        table.add(std::move(cells));
    }
    std::string out = table.render();
    if (wide) {
        cli::TextTable routers(
            {"PROXY", "ROUTER", "SUCCESS", "SERVICE_SUCCESS", "RPS", "LATENCY_P99", "RETRIES", "BUDGET_EXHAUSTED"}, 2);
        cli::TextTable clients({"PROXY", "ROUTER", "CLIENT", "SUCCESS", "RPS", "LATENCY_P99", "ENDPOINTS", "EJECTIONS",
                                "RETRIES", "TCP_CONN"},
                               3);
        for (const auto& r : report.rows)
            for (const auto& rt : r.routers) {
                routers.add({r.name, rt.name, cli::format_percent(rt.traffic.success_rate),
                             cli::format_percent(rt.service_success_rate), cli::format_rps(rt.traffic.rps),
                             cli::format_ms(rt.traffic.latency.p99), cli::format_count(rt.retries),
                             cli::format_count(rt.budget_exhausted)});
                for (const auto& c : rt.clients) {
                    std::string endpoints =
                        c.lb_size ? fmt::format("{}/{}", cli::format_count(c.lb_available.value_or(*c.lb_size)),
                                                cli::format_count(c.lb_size))
                                  : "-";
                    clients.add({r.name, rt.name, c.display, cli::format_percent(c.traffic.success_rate),
                                 cli::format_rps(c.traffic.rps), cli::format_ms(c.traffic.latency.p99), endpoints,
                                 cli::format_count(c.removals), cli::format_count(c.retries),
                                 cli::format_count(c.traffic.connections)});
                }
            }
        out += "\n" + routers.render() + "\n" + clients.render();
    }
    out += "\n" + proxies_summary_text(report, colour);
    return out;
}

}  // namespace mesh::commands
