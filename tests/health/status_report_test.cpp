#include "libmesh/health/status_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace mesh::health;
using mesh::admin::ProxyMetrics;
using mesh::admin::RouterMetrics;
using mesh::admin::ScopeMetrics;

namespace {

ProxySample sample(double success, double failures, std::chrono::steady_clock::time_point at, bool with_client = true) {
    ScopeMetrics server;
    server.id = "0.0.0.0/4140";
    server.success = success;
    server.failures = failures;
    server.requests = success + failures;
    RouterMetrics r;
    r.name = "outgoing";
    r.servers.push_back(server);
    if (with_client) {
        ScopeMetrics client = server;
        client.id = "#/io.l5d.fs/hello";
        r.clients.push_back(client);
    }
    ProxyMetrics m;
    m.routers.push_back(r);
    ProxySample s;
    s.taken = at;
    s.metrics = m;
    return s;
}

}  // namespace

TEST(StatusReport, RatesAreDeltasOverTheWindow) {
    auto t0 = std::chrono::steady_clock::now();
    ProxyTarget target;
    target.name = "p";
    std::vector<ProxySample> a{sample(1000, 10, t0)}, b{sample(1090, 20, t0 + std::chrono::seconds(2))};
    auto report = build_status({target}, a, &b);
    ASSERT_EQ(report.rows.size(), 1u);
    EXPECT_NEAR(*report.rows[0].traffic.success_rate, 0.9, 1e-12);
    EXPECT_NEAR(*report.rows[0].traffic.rps, 50, 1e-9);
    EXPECT_NEAR(*report.window_s, 2, 1e-9);
}

TEST(StatusReport, CounterResetCountsFromZeroNotNegative) {
    auto t0 = std::chrono::steady_clock::now();
    ProxyTarget target;
    std::vector<ProxySample> a{sample(1000, 10, t0)}, b{sample(30, 0, t0 + std::chrono::seconds(1))};
    auto report = build_status({target}, a, &b);
    EXPECT_NEAR(*report.rows[0].traffic.success_rate, 1.0, 1e-12);
    EXPECT_NEAR(*report.rows[0].traffic.rps, 30, 1e-9);
}

TEST(StatusReport, NoTrafficMeansNoSuccessRate) {
    auto t0 = std::chrono::steady_clock::now();
    ProxyTarget target;
    std::vector<ProxySample> a{sample(5, 0, t0)}, b{sample(5, 0, t0 + std::chrono::seconds(1))};
    auto report = build_status({target}, a, &b);
    EXPECT_FALSE(report.rows[0].traffic.success_rate);
    EXPECT_EQ(report.rows[0].traffic.rps, 0);
    EXPECT_FALSE(report.summary.success_rate);
}

TEST(StatusReport, ClientThatAppearedCountsAllItsRequests) {
    auto t0 = std::chrono::steady_clock::now();
    ProxyTarget target;
    std::vector<ProxySample> a{sample(100, 0, t0, false)}, b{sample(110, 0, t0 + std::chrono::seconds(1))};
    auto report = build_status({target}, a, &b);
    ASSERT_EQ(report.rows[0].routers[0].clients.size(), 1u);
    EXPECT_EQ(report.rows[0].routers[0].clients[0].traffic.requests, 110);
}

TEST(StatusReport, ProxyDownInEitherSampleHasNoRates) {
    auto t0 = std::chrono::steady_clock::now();
    ProxyTarget target;
    ProxySample down;
    down.failure = ProxyFailure{"refused", "x", "y"};
    std::vector<ProxySample> a{down}, b{sample(5, 0, t0)};
    auto report = build_status({target}, a, &b);
    EXPECT_TRUE(report.rows[0].up);
    EXPECT_FALSE(report.rows[0].traffic.rps);
    std::vector<ProxySample> c{sample(5, 0, t0)}, d{down};
    report = build_status({target}, c, &d);
    EXPECT_FALSE(report.rows[0].up);
    EXPECT_EQ(report.summary.down, 1u);
}

namespace mesh::health {
namespace {

// Every client is matched with its own earlier sample however the two answers order them, and the
// first of two scopes with one id wins (clients are looked up by id, not scanned).
TEST(StatusReport, ClientsAreMatchedByIdInAnyOrder) {
    auto t0 = std::chrono::steady_clock::now();
    admin::RouterMetrics before_router, now_router;
    before_router.name = now_router.name = "http";
    constexpr int k_clients = 20000;
    for (int i = 0; i < k_clients; ++i) {
        admin::ScopeMetrics c;
        c.id = "#/io.l5d.k8s/default/http/svc-" + std::to_string(i);
        c.success = 10.0 * i;
        c.failures = 0;
        before_router.clients.push_back(c);
        c.success = 10.0 * i + static_cast<double>(i % 7);
        now_router.clients.push_back(c);
    }
    std::reverse(now_router.clients.begin(), now_router.clients.end());
    admin::ScopeMetrics duplicate = before_router.clients[3];
    duplicate.success = 1e9;  // a second scope with the same id, later: ignored
    before_router.clients.push_back(duplicate);
    ProxySample a, b;
    a.taken = t0;
    a.metrics = admin::ProxyMetrics{};
    a.metrics->routers.push_back(before_router);
    b.taken = t0 + std::chrono::seconds(1);
    b.metrics = admin::ProxyMetrics{};
    b.metrics->routers.push_back(now_router);
    std::vector<ProxySample> first{a}, second{b};
    auto report = build_status({ProxyTarget{}}, first, &second);
    ASSERT_EQ(report.rows[0].routers.size(), 1u);
    const auto& clients = report.rows[0].routers[0].clients;
    ASSERT_EQ(clients.size(), static_cast<std::size_t>(k_clients));
    for (const auto& c : clients) {
        int i = std::stoi(c.id.substr(c.id.rfind('-') + 1));
        ASSERT_TRUE(c.traffic.requests) << c.id;
        EXPECT_EQ(*c.traffic.requests, static_cast<double>(i % 7)) << c.id;
    }
}

}  // namespace
}  // namespace mesh::health
