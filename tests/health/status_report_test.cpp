#include "libmesh/health/status_report.hpp"

#include <gtest/gtest.h>

using namespace mesh::health;
using mesh::admin::ProxyMetrics;
using mesh::admin::RouterMetrics;
using mesh::admin::ScopeMetrics;

namespace {

ProxySample sample(double success, double failures, std::chrono::steady_clock::time_point at,
                   bool with_client = true) {
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
