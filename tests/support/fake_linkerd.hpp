#pragma once
// A fake Linkerd 1 admin server on 127.0.0.1 (ephemeral port) whose counters advance on every
// metrics request, with faulty modes for the failure paths.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

namespace httplib {
class Server;
}

namespace mesh::testing {

/// How the fake behaves.
enum class FakeMode { Healthy, Refused, Slow, Garbage, Huge, NotFound };

/// What the healthy fake reports; per-metrics-request increments make rates and success rates exact.
struct FakeLinkerdOptions {
    double success_step = 95;  ///< success counted per metrics request, each client and server
    double failure_step = 5;   ///< failures counted per metrics request
    double lb_size = 3;
    double lb_available = 3;
    double removals_step = 0;  ///< failure-accrual removals per metrics request
    double uptime_ms = 86400000;
    double p99_ms = 41;
    std::string version = "1.7.5";  ///< served by /admin/server_info; "0.0" makes /help the source
    std::string dtab = "/svc => /#/io.l5d.k8s/default/http;";
    std::string client_state_state = "bound";
    bool ping_blocked = false;  ///< /admin/ping answers 404 (admin security filter)
    int slow_ms = 3000;         ///< Slow mode: how long every answer takes
    /// What POST /delegator.json answers (after DelegateApiHandler's checks); empty: a Neg of the path.
    std::string delegator_json;
    std::string incoming_interpreter;  ///< interpreter.kind of the incoming router in /config.json; empty: none
    std::string config_json;           ///< served as /config.json when set (e.g. servicemesh_config_json())
    nlohmann::json client_state;       ///< served as /client_state.json when not null
};

/// A running fake; stops and joins in its destructor.
class FakeLinkerd {
public:
    explicit FakeLinkerd(FakeMode mode = FakeMode::Healthy, FakeLinkerdOptions options = {});
    ~FakeLinkerd();
    FakeLinkerd(const FakeLinkerd&) = delete;
    FakeLinkerd& operator=(const FakeLinkerd&) = delete;

    /// The port it listens on (or, when Refused, a bound port that refuses connections).
    int port() const { return m_port; }
    /// "127.0.0.1:<port>".
    std::string address() const;
    /// Metrics requests served so far.
    int metrics_requests() const { return m_ticks.load(); }
    /// The metrics tree the next request would see at tick `tick`.
    nlohmann::json metrics_tree(int tick) const;
    /// The body of the last POST /delegator.json (empty: none yet).
    std::string last_delegation_request() const;

private:
    void install_routes();
    FakeMode m_mode;
    FakeLinkerdOptions m_options;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    int m_port = 0;
    int m_refusing_fd = -1;
    std::atomic<int> m_ticks{0};
    std::atomic<bool> m_stopping{false};
    mutable std::mutex m_delegation_mutex;
    std::string m_last_delegation;
};

/// Flattens a metrics tree into the flat `/admin/metrics.json` form.
nlohmann::json flatten_metrics(const nlohmann::json& tree);

}  // namespace mesh::testing
