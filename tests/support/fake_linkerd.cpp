#include "tests/support/fake_linkerd.hpp"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "tests/support/loopback_server.hpp"

namespace mesh::testing {

using nlohmann::json;

static const char* const k_client = "%/io.l5d.k8s.daemonset/default/incoming/l5d/#/io.l5d.k8s/default/http/hello";

FakeLinkerd::FakeLinkerd(FakeMode mode, FakeLinkerdOptions options) : m_mode(mode), m_options(std::move(options)) {
    if (mode == FakeMode::Refused) {
        // Bound but never listening: connections are refused, and no one else can take the port.
        m_refusing_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        ::bind(m_refusing_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        socklen_t len = sizeof addr;
        ::getsockname(m_refusing_fd, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        return;
    }
    m_server = std::make_unique<httplib::Server>();
    install_routes();
    m_port = start_loopback_server(*m_server, m_thread);
}

FakeLinkerd::~FakeLinkerd() {
    m_stopping = true;
    if (m_server) {
        stop_loopback_server(*m_server, m_thread);
    }
    if (m_refusing_fd >= 0) ::close(m_refusing_fd);
}

std::string FakeLinkerd::address() const { return "127.0.0.1:" + std::to_string(m_port); }

static json stat(double count, double p50, double p95, double p99) {
    return {{"stat.count", count},     {"stat.max", p99 * 3}, {"stat.min", 0},   {"stat.p50", p50},
            {"stat.p90", p95},         {"stat.p95", p95},     {"stat.p99", p99}, {"stat.p9990", p99 * 2},
            {"stat.sum", count * p50}, {"stat.avg", p50}};
}

json FakeLinkerd::metrics_tree(int tick) const {
    const auto& o = m_options;
    double success = 100000 + tick * o.success_step;
    double failures = 1000 + tick * o.failure_step;
    auto traffic = [&](json& node) {
        node["requests"] = {{"counter", success + failures}};
        node["success"] = {{"counter", success}};
        node["failures"] = {{"counter", failures},
                            {"com.twitter.finagle.ChannelWriteException", {{"counter", failures}}}};
        node["pending"] = {{"gauge", 0.0}};
        node["request_latency_ms"] = stat(600, 3, 20, o.p99_ms);
    };
    json server, client, service;
    traffic(server);
    server["connections"] = {{"gauge", 12.0}};
    traffic(client);
    client["connections"] = {{"gauge", 3.0}};
    client["loadbalancer"] = {{"size", {{"gauge", o.lb_size}}}, {"available", {{"gauge", o.lb_available}}}};
    client["failure_accrual"] = {{"removals", {{"counter", tick * o.removals_step}}},
                                 {"removed_for_ms", {{"counter", 0}}}};
    client["retries"] = {{"requeues", {{"counter", 7}}}, {"budget", {{"gauge", 100.0}}}};
    // The client's per-service scope (PerDstPathStatsFilter): all of its traffic is for /svc/hello.
    traffic(client["service"]["svc/hello"]);
    // Retries hide nothing here: the service outcome equals the client's.
    traffic(service);
    service["retries"] = {{"total", {{"counter", 17}}}, {"budget_exhausted", {{"counter", 0}}}};
    json rt;
    rt["outgoing"]["server"]["0.0.0.0/4140"] = server;
    rt["outgoing"]["service"]["svc/hello"] = service;
    rt["outgoing"]["client"][k_client] = client;
    rt["outgoing"]["bindcache"]["path"]["misses"] = {{"counter", 2}};
    rt["incoming"]["server"]["0.0.0.0/4141"] = server;
    json root;
    root["rt"] = rt;
    root["jvm"] = {{"uptime", {{"gauge", o.uptime_ms + tick}}},
                   {"heap", {{"used", {{"gauge", 2.31E8}}}, {"max", {{"gauge", 1.0E9}}}}},
                   {"fd_count", {{"gauge", 120.0}}},
                   {"fd_limit", {{"gauge", 1048576.0}}},
                   {"thread", {{"count", {{"gauge", 25.0}}}}}};
    return root;
}

static void flatten_into(const json& node, const std::string& prefix, json& out) {
    for (const auto& [key, value] : node.items()) {
        if (key == "counter" || key == "gauge") {
            out[prefix] = value;
        } else if (key.rfind("stat.", 0) == 0) {
            out[prefix + key.substr(4)] = value;
        } else if (value.is_object()) {
            flatten_into(value, prefix.empty() ? key : prefix + "/" + key, out);
        }
    }
}

json flatten_metrics(const json& tree) {
    json out = json::object();
    flatten_into(tree, "", out);
    return out;
}

void FakeLinkerd::install_routes() {
    auto& s = *m_server;
    auto slow = [this] {
        for (int waited = 0; waited < m_options.slow_ms && !m_stopping; waited += 10)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    };
    auto faulty = [this, slow](httplib::Response& res) {
        switch (m_mode) {
        case FakeMode::Slow: slow(); break;
        case FakeMode::Garbage: res.set_content("<html>}{ not json at all", "application/json"); return true;
        case FakeMode::NotFound: res.status = 404; return true;
        case FakeMode::Huge:
            // Chunked, so the client must cap the body itself rather than trust a length.
            res.set_chunked_content_provider("application/json", [this](size_t offset, httplib::DataSink& sink) {
                if (m_stopping || offset > (64u << 20)) {
                    sink.done();
                    return true;
                }
                std::string chunk(65536, ' ');
                chunk[0] = offset == 0 ? '{' : ' ';
                return sink.write(chunk.data(), chunk.size());
            });
            return true;
        default: break;
        }
        return false;
    };
    s.Get("/admin/metrics.json", [this, faulty](const httplib::Request& req, httplib::Response& res) {
        if (faulty(res)) return;
        int tick = m_ticks++;
        json tree = metrics_tree(tick);
        bool as_tree = req.has_param("tree") && req.get_param_value("tree") == "1";
        res.set_content((as_tree ? tree : flatten_metrics(tree)).dump(), "application/json");
    });
    s.Get("/admin/ping", [this, faulty](const httplib::Request&, httplib::Response& res) {
        if (faulty(res)) return;
        if (m_options.ping_blocked) {
            res.status = 404;
            return;
        }
        res.set_content("pong", "text/plain");
    });
    s.Get("/admin/server_info", [this, faulty](const httplib::Request&, httplib::Response& res) {
        if (faulty(res)) return;
        json info = {{"name", "linkerd"},
                     {"version", m_options.version},
                     {"build", "20220524-000000"},
                     {"start_time", "Tue May 24 10:00:00 UTC 2022"},
                     {"uptime", m_options.uptime_ms}};
        res.set_content(info.dump(), "application/json");
    });
    s.Get("/help", [faulty](const httplib::Request&, httplib::Response& res) {
        if (faulty(res)) return;
        res.set_content("<html><nav><li class=\"version\">version 1.7.5</li></nav></html>", "text/html");
    });
    s.Get("/config.json", [this, faulty](const httplib::Request&, httplib::Response& res) {
        if (faulty(res)) return;
        if (!m_options.config_json.empty()) return res.set_content(m_options.config_json, "application/json");
        json config = {{"admin", {{"ip", "0.0.0.0"}, {"port", 9990}}},
                       {"namers", {{{"kind", "io.l5d.k8s"}, {"host", "localhost"}, {"port", 8001}}}},
                       {"routers",
                        {{{"protocol", "http"},
                          {"label", "outgoing"},
                          {"dtab", m_options.dtab},
                          {"servers", {{{"ip", "0.0.0.0"}, {"port", 4140}}}}},
                         {{"protocol", "http"},
                          {"label", "incoming"},
                          {"dtab", m_options.dtab},
                          {"servers", {{{"ip", "0.0.0.0"}, {"port", 4141}}}}}}}};
        if (!m_options.incoming_interpreter.empty())
            config["routers"][1]["interpreter"] = {{"kind", m_options.incoming_interpreter}};
        res.set_content(config.dump(), "application/json");
    });
    // DelegateApiHandler's POST: JSON only, dtab and path required, namespace = a router label.
    s.Post("/delegator.json", [this, faulty](const httplib::Request& req, httplib::Response& res) {
        if (faulty(res)) return;
        {
            std::lock_guard lock(m_delegation_mutex);
            m_last_delegation = req.body;
        }
        if (req.get_header_value("Content-Type") != "application/json") {
            res.status = 415;
            return;
        }
        json body = json::parse(req.body, nullptr, false);
        if (!body.is_object() || !body.contains("dtab") || !body["dtab"].is_string() || !body.contains("path") ||
            !body["path"].is_string()) {
            res.status = 400;
            res.set_content("Malformed delegation request: " + req.body, "text/plain");
            return;
        }
        std::string ns = body.value("namespace", "");
        if (ns != "outgoing" && ns != "incoming") {
            res.status = 501;
            res.set_content("Name Interpreter for " + ns + " cannot show delegations", "text/plain");
            return;
        }
        std::string answer = m_options.delegator_json;
        // Jackson writes "type" first, as JsonTypeInfo puts it.
        if (answer.empty()) answer = nlohmann::ordered_json{{"type", "neg"}, {"path", body["path"]}}.dump();
        res.set_content(answer, "application/json");
    });
    s.Get("/client_state.json", [this, faulty](const httplib::Request&, httplib::Response& res) {
        if (faulty(res)) return;
        if (!m_options.client_state.is_null())
            return res.set_content(m_options.client_state.dump(), "application/json");
        json state = json::object();
        state[std::string("/") + k_client] = {{"state", m_options.client_state_state},
                                              {"addresses", {"10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080"}}};
        res.set_content(state.dump(), "application/json");
    });
}

std::string FakeLinkerd::last_delegation_request() const {
    std::lock_guard lock(m_delegation_mutex);
    return m_last_delegation;
}

}  // namespace mesh::testing
