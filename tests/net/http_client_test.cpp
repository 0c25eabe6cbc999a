#include "libmesh/net/http_client.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "tests/support/fake_linkerd.hpp"
#include "tests/support/loopback_server.hpp"

using namespace mesh::net;
using mesh::testing::FakeLinkerd;
using mesh::testing::FakeMode;

namespace {

std::vector<Response> run_all(const std::vector<Request>& requests, BatchOptions options = {}) {
    std::vector<Response> out(requests.size());
    std::vector<int> calls(requests.size(), 0);
    make_curl_client()->run(requests, options, [&](std::size_t i, Response&& r) {
        ++calls[i];
        out[i] = std::move(r);
    });
    for (int c : calls) EXPECT_EQ(c, 1);
    return out;
}

Request get(const std::string& url, int timeout_ms = 2000) {
    Request r;
    r.url = url;
    r.timeout = std::chrono::milliseconds(timeout_ms);
    return r;
}

}  // namespace

TEST(HttpClient, FetchesBodiesAndStatuses) {
    FakeLinkerd fake;
    auto base = "http://" + fake.address();
    auto rs = run_all({get(base + "/admin/ping"), get(base + "/nope")});
    ASSERT_TRUE(rs[0].ok()) << rs[0].error;
    EXPECT_EQ(rs[0].status, 200);
    EXPECT_EQ(rs[0].body, "pong");
    EXPECT_EQ(rs[0].content_type, "text/plain");
    EXPECT_TRUE(rs[1].ok());
    EXPECT_EQ(rs[1].status, 404);
}

TEST(HttpClient, DeadSlowHugeAndGoodPeersDoNotBlockEachOther) {
    FakeLinkerd good, refused(FakeMode::Refused), slow(FakeMode::Slow), huge(FakeMode::Huge);
    std::vector<Request> rs{get("http://" + good.address() + "/admin/ping", 500),
                            get("http://" + refused.address() + "/admin/ping", 500),
                            get("http://" + slow.address() + "/admin/ping", 300),
                            get("http://" + huge.address() + "/admin/metrics.json", 30000)};
    rs[3].max_body_bytes = 1 << 20;
    auto out = run_all(rs);
    EXPECT_EQ(out[0].status, 200);
    EXPECT_EQ(out[1].failure, FailureKind::Refused);
    EXPECT_EQ(out[2].failure, FailureKind::Timeout);
    EXPECT_EQ(out[3].failure, FailureKind::TooLarge);
    // Each peer got its own outcome: the huge one was cut at its size limit, not at its (long)
    // timeout, so the slow and dead peers did not hold it up. No wall-clock bound: CI is loaded.
    EXPECT_TRUE(out[3].body.empty());
}

TEST(HttpClient, OverallTimeoutEndsEverything) {
    FakeLinkerd slow(FakeMode::Slow);
    std::vector<Request> rs;
    for (int i = 0; i < 6; ++i) rs.push_back(get("http://" + slow.address() + "/admin/ping", 5000));
    BatchOptions o;
    o.parallel = 2;
    o.overall_timeout = std::chrono::milliseconds(300);
    auto start = std::chrono::steady_clock::now();
    auto out = run_all(rs, o);
    // Well under the 5 s each request would take alone, with room for a loaded machine.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(4500));
    for (const auto& r : out) EXPECT_EQ(r.failure, FailureKind::Timeout);
}

TEST(HttpClient, NeverRunsMoreThanParallelAtOnce) {
    httplib::Server server;
    std::atomic<int> in_flight{0}, peak{0};
    server.Get("/", [&](const httplib::Request&, httplib::Response& res) {
        int now = ++in_flight;
        int p = peak.load();
        while (now > p && !peak.compare_exchange_weak(p, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        --in_flight;
        res.set_content("ok", "text/plain");
    });
    server.new_task_queue = [] { return new httplib::ThreadPool(16); };
    std::thread t;
    int port = mesh::testing::start_loopback_server(server, t);
    std::vector<Request> rs(24, get("http://127.0.0.1:" + std::to_string(port) + "/"));
    BatchOptions o;
    o.parallel = 3;
    auto out = run_all(rs, o);
    mesh::testing::stop_loopback_server(server, t);
    for (const auto& r : out) EXPECT_EQ(r.status, 200);
    EXPECT_LE(peak.load(), 3);
    EXPECT_GE(peak.load(), 2);
}

TEST(HttpClient, SendsBearerAndBasicAuthAndLogsWithoutThem) {
    httplib::Server server;
    std::string seen_bearer, seen_basic;
    server.Get("/bearer", [&](const httplib::Request& req, httplib::Response& res) {
        seen_bearer = req.get_header_value("Authorization");
        res.set_content("ok", "text/plain");
    });
    server.Get("/basic", [&](const httplib::Request& req, httplib::Response& res) {
        seen_basic = req.get_header_value("Authorization");
        res.set_content("ok", "text/plain");
    });
    std::thread t;
    int port = mesh::testing::start_loopback_server(server, t);
    auto base = "http://127.0.0.1:" + std::to_string(port);
    Request a = get(base + "/bearer?access_token=s3cr3t-q");
    a.auth.bearer_token = "s3cr3t-token";
    Request b = get(base + "/basic");
    b.auth.username = "admin";
    b.auth.password = "s3cr3t-pw";
    std::vector<std::string> log;
    BatchOptions o;
    o.log = [&](const std::string& line) { log.push_back(line); };
    run_all({a, b}, o);
    mesh::testing::stop_loopback_server(server, t);
    EXPECT_EQ(seen_bearer, "Bearer s3cr3t-token");
    EXPECT_EQ(seen_basic.rfind("Basic ", 0), 0u);
    ASSERT_EQ(log.size(), 2u);
    for (const auto& line : log) {
        EXPECT_EQ(line.find("s3cr3t"), std::string::npos) << line;
        EXPECT_NE(line.find(" 200 "), std::string::npos) << line;
    }
}

TEST(Redact, MasksUserInfoAndSecretParameters) {
    EXPECT_EQ(redact_url("https://u:p@h:1/x?a=1&token=abc&b=2"), "https://REDACTED@h:1/x?a=1&token=REDACTED&b=2");
    EXPECT_EQ(redact_url("http://h/admin/metrics.json?tree=1"), "http://h/admin/metrics.json?tree=1");
    EXPECT_EQ(redact_url("http://h/p?Access_Token=z"), "http://h/p?Access_Token=REDACTED");
}

TEST(HttpClient, FollowersRunAfterTheirLeaderAndAreSkippedWhenItFails) {
    FakeLinkerd good, refused(FakeMode::Refused);
    std::vector<Request> rs{get("http://" + good.address() + "/admin/metrics.json?tree=1"),
                            get("http://" + refused.address() + "/admin/metrics.json?tree=1"),
                            get("http://" + good.address() + "/admin/ping"),
                            get("http://" + refused.address() + "/admin/ping")};
    rs[2].after = 0;
    rs[3].after = 1;
    std::vector<std::size_t> order;
    std::vector<Response> out(rs.size());
    BatchOptions o;
    o.parallel = 4;
    make_curl_client()->run(rs, o, [&](std::size_t i, Response&& r) {
        order.push_back(i);
        out[i] = std::move(r);
    });
    ASSERT_EQ(order.size(), 4u);
    auto pos = [&](std::size_t i) { return std::find(order.begin(), order.end(), i) - order.begin(); };
    EXPECT_LT(pos(0), pos(2));
    EXPECT_LT(pos(1), pos(3));
    EXPECT_EQ(out[2].status, 200);
    EXPECT_EQ(out[3].failure, FailureKind::Cancelled);
    EXPECT_EQ(good.metrics_requests(), 1);
}

namespace {

// A loopback server whose every answer waits until the test releases it (60 s at most), so a
// batch against it ends early only when something ends it.
class HeldServer {
public:
    HeldServer() {
        m_server.Get("/held", [this](const httplib::Request&, httplib::Response& res) {
            std::unique_lock lock(m_mutex);
            m_arrived = true;
            m_changed.wait_for(lock, std::chrono::seconds(60), [this] { return m_released; });
            res.set_content("late", "text/plain");
        });
        m_port = mesh::testing::start_loopback_server(m_server, m_thread);
    }
    ~HeldServer() {
        release();
        mesh::testing::stop_loopback_server(m_server, m_thread);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/held"; }
    bool arrived() {
        std::lock_guard lock(m_mutex);
        return m_arrived;
    }
    void release() {
        std::lock_guard lock(m_mutex);
        m_released = true;
        m_changed.notify_all();
    }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_arrived = false;
    bool m_released = false;
};

}  // namespace

// Ctrl-C must not wait for a request's --timeout: once `cancelled` says so, the running request
// and the queued one end as Cancelled. The server holds its answer until the batch has returned,
// so only the cancellation can end this batch before the 60 s request timeout.
TEST(HttpClient, CancelledEndsRunningAndQueuedRequests) {
    HeldServer held;
    BatchOptions o;
    o.parallel = 1;
    o.cancelled = [&held] { return held.arrived(); };
    auto out = run_all({get(held.url(), 60000), get(held.url(), 60000)}, o);
    held.release();
    EXPECT_EQ(out[0].failure, FailureKind::Cancelled);
    EXPECT_EQ(out[0].error, "interrupted");
    EXPECT_EQ(out[1].failure, FailureKind::Cancelled);
    EXPECT_EQ(out[1].error, "interrupted before the request started");
}
