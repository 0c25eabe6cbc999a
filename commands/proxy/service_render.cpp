#include "commands/proxy/service_render.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/table.hpp"
#include "commands/proxy/status_render.hpp"

namespace mesh::commands {

using nlohmann::ordered_json;

namespace {

// How the percentiles were combined; said in both outputs, since no proxy reports a fleet p99.
constexpr const char* k_latency_note = "highest of the proxies' values (an upper bound of the fleet's percentile)";

void traffic_fields(ordered_json& j, const health::Traffic& t) {
    j["requests"] = number_or_null(t.requests);
    j["rps"] = number_or_null(t.rps);
    j["success_rate"] = number_or_null(t.success_rate);
    j["latency_ms"] = latency_json(t.latency);
}

}  // namespace

std::string service_traffic_json_text(const health::ServiceTrafficReport& report) {
    ordered_json doc;
    doc["window_s"] = number_or_null(report.proxies.window_s);
    doc["latency_ms_is"] = k_latency_note;
    ordered_json services = ordered_json::array();
    for (const auto& s : report.services) {
        ordered_json sj;
        sj["router"] = s.router;
        sj["service"] = s.service;
        sj["proxies"] = s.proxies;
        traffic_fields(sj, s.traffic);
        sj["retries"] = number_or_null(s.retries);
        sj["budget_exhausted"] = number_or_null(s.budget_exhausted);
        ordered_json clients = ordered_json::array();
        for (const auto& c : s.clients) {
            ordered_json cj;
            cj["id"] = c.id;
            cj["display"] = c.display;
            cj["proxies"] = c.proxies;
            traffic_fields(cj, c.traffic);
            cj["requeues"] = number_or_null(c.requeues);
            clients.push_back(std::move(cj));
        }
        sj["clients"] = std::move(clients);
        services.push_back(std::move(sj));
    }
    doc["services"] = std::move(services);
    ordered_json down = ordered_json::array();
    for (const auto& r : report.proxies.rows) {
        if (r.up) continue;
        ordered_json dj{{"name", r.name}, {"error", nullptr}};
        if (r.failure)
            dj["error"] = {{"kind", r.failure->kind}, {"reason", r.failure->reason}, {"hint", r.failure->hint}};
        down.push_back(std::move(dj));
    }
    doc["down"] = std::move(down);
    const auto& sum = report.proxies.summary;
    doc["summary"] = {{"proxies", sum.proxies},
                      {"up", sum.up},
                      {"down", sum.down},
                      {"without_baseline", report.without_baseline},
                      {"services", report.services.size()}};
    return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string service_traffic_text(const health::ServiceTrafficReport& report, bool colour) {
    cli::TextTable table({"ROUTER", "SERVICE / CLIENT", "PROXIES", "SUCCESS", "RPS", "P99_MAX", "RETRIES"}, 2);
    for (const auto& s : report.services) {
        table.add({s.router, s.service, std::to_string(s.proxies), cli::format_percent(s.traffic.success_rate),
                   cli::format_rps(s.traffic.rps), cli::format_ms(s.traffic.latency.p99),
                   cli::format_count(s.retries)});
        for (const auto& c : s.clients)
            table.add({"", "  -> " + c.display, std::to_string(c.proxies), cli::format_percent(c.traffic.success_rate),
                       cli::format_rps(c.traffic.rps), cli::format_ms(c.traffic.latency.p99),
                       cli::format_count(c.requeues)});
    }
    std::string out = report.services.empty() ? std::string("no service traffic reported\n") : table.render();
    out += "\nservice rows: after retries (RETRIES: retries/total); client rows: per attempt (RETRIES: the "
           "client's requeues);\nP99_MAX: the highest of the proxies' p99s, an upper bound of the fleet's p99\n";
    if (report.without_baseline > 0)
        out += fmt::format("{} proxies answered only the second sample and are not counted\n", report.without_baseline);
    return out + "\n" + proxies_summary_text(report.proxies, colour);
}

}  // namespace mesh::commands
