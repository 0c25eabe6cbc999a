// `mesh status --by service` arithmetic: sums over proxies, the p99 upper bound, per-service
// client rows, and the real dashboard fixture's per-client service scopes.

#include "libmesh/health/service_traffic.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "libmesh/admin/metrics_tree.hpp"
#include "libmesh/admin/proxy_metrics.hpp"
#include "tests/support/test_files.hpp"

using namespace mesh::health;
using mesh::admin::ProxyMetrics;
using mesh::admin::RouterMetrics;
using mesh::admin::ScopeMetrics;

namespace {

using Clock = std::chrono::steady_clock;

ScopeMetrics scope(const std::string& id, double success, double failures, double p99) {
    ScopeMetrics s;
    s.id = id;
    s.success = success;
    s.failures = failures;
    s.requests = success + failures;
    s.latency_ms.count = success + failures;
    s.latency_ms.p99 = p99;
    return s;
}

// One proxy's outgoing router: service svc/users sent to one client, all of whose traffic is for it.
ProxySample proxy(double success, double failures, double p99, double retries, Clock::time_point at) {
    RouterMetrics r;
    r.name = "outgoing";
    ScopeMetrics service = scope("svc/users", success, failures, p99);
    service.retries_total = retries;
    r.services.push_back(service);
    ScopeMetrics client = scope("#/io.l5d.k8s/default/http/users", success + retries, failures, p99);
    client.retries_requeues = retries;
    client.services.push_back(scope("svc/users", success + retries, failures, p99 + 1));
    r.clients.push_back(client);
    ProxyMetrics m;
    m.routers.push_back(r);
    ProxySample s;
    s.taken = at;
    s.metrics = m;
    return s;
}

std::vector<ProxyTarget> targets(std::size_t n) {
    std::vector<ProxyTarget> t(n);
    for (std::size_t i = 0; i < n; ++i) t[i].name = "l5d-" + std::to_string(i);
    return t;
}

}  // namespace

TEST(ServiceTraffic, SumsCountersOverProxiesAndTakesTheHighestP99) {
    auto t0 = Clock::now(), t1 = t0 + std::chrono::seconds(2);
    std::vector<ProxySample> a{proxy(1000, 10, 40, 5, t0), proxy(500, 0, 90, 0, t0)};
    // Over two seconds: proxy 0 completes 90 ok + 10 failed, proxy 1 100 ok + 0 failed.
    std::vector<ProxySample> b{proxy(1090, 20, 40, 8, t1), proxy(600, 0, 90, 1, t1)};
    auto report = build_service_traffic(targets(2), a, &b);
    ASSERT_EQ(report.services.size(), 1u);
    const ServiceRow& s = report.services[0];
    EXPECT_EQ(s.router, "outgoing");
    EXPECT_EQ(s.service, "/svc/users");
    EXPECT_EQ(s.proxies, 2u);
    // Σsuccess / Σcompleted, not the mean of 0.9 and 1.0.
    EXPECT_NEAR(*s.traffic.success_rate, 190.0 / 200.0, 1e-12);
    EXPECT_NEAR(*s.traffic.rps, 200.0 / 2.0, 1e-9);
    EXPECT_EQ(*s.traffic.latency.p99, 90);
    EXPECT_EQ(*s.retries, 4);
    ASSERT_EQ(s.clients.size(), 1u);
    const ServiceClientRow& c = s.clients[0];
    EXPECT_EQ(c.id, "/#/io.l5d.k8s/default/http/users");
    EXPECT_EQ(c.display, "/#/io.l5d.k8s/default/http/users");
    EXPECT_EQ(c.proxies, 2u);
    // Attempts: 93 + 101 successes (retries included), 10 failures.
    EXPECT_NEAR(*c.traffic.success_rate, 194.0 / 204.0, 1e-12);
    EXPECT_NEAR(*c.traffic.rps, 204.0 / 2.0, 1e-9);
    EXPECT_EQ(*c.traffic.latency.p99, 91);
    EXPECT_EQ(*c.requeues, 4);
    EXPECT_NEAR(*report.proxies.window_s, 2, 1e-9);
}

TEST(ServiceTraffic, AProxyWithoutBaselineIsLeftOutAndCounted) {
    auto t0 = Clock::now(), t1 = t0 + std::chrono::seconds(1);
    std::vector<ProxySample> a{proxy(1000, 0, 40, 0, t0), ProxySample{}};
    a[1].taken = t0;
    std::vector<ProxySample> b{proxy(1010, 0, 40, 0, t1), proxy(999999, 0, 40, 0, t1)};
    auto report = build_service_traffic(targets(2), a, &b);
    ASSERT_EQ(report.services.size(), 1u);
    EXPECT_EQ(report.without_baseline, 1u);
    EXPECT_EQ(report.services[0].proxies, 1u);
    EXPECT_NEAR(*report.services[0].traffic.rps, 10, 1e-9);
}

TEST(ServiceTraffic, OneSampleIsCumulativeWithRpsFromTheHistogramWindow) {
    std::vector<ProxySample> a{proxy(900, 100, 40, 0, Clock::now())};
    auto report = build_service_traffic(targets(1), a, nullptr);
    ASSERT_EQ(report.services.size(), 1u);
    EXPECT_NEAR(*report.services[0].traffic.success_rate, 0.9, 1e-12);
    EXPECT_NEAR(*report.services[0].traffic.rps, 1000 / 60.0, 1e-9);
    EXPECT_FALSE(report.proxies.window_s.has_value());
}

TEST(ServiceTraffic, ProxiesThatAreDownAddNothing) {
    std::vector<ProxySample> a{proxy(900, 100, 40, 0, Clock::now()), ProxySample{}};
    a[1].failure = ProxyFailure{"refused", "connection refused", "hint"};
    auto report = build_service_traffic(targets(2), a, nullptr);
    ASSERT_EQ(report.services.size(), 1u);
    EXPECT_EQ(report.services[0].proxies, 1u);
    EXPECT_EQ(report.proxies.summary.down, 1u);
}

// The dashboard's own fixture (its RouterServicesSpec groups client/<id>/service/<svc> by
// service): every per-client service scope must land under its service, with its requests, and
// the pruning status uses while parsing must keep them.
TEST(ServiceTraffic, DashboardFixtureClientsByService) {
    std::string text = mesh::testing::read_test_file("testdata/admin/linkerd-metrics-tree.json");
    auto tree = nlohmann::json::parse(text);
    for (bool prune : {false, true}) {
        mesh::admin::MetricsLimits limits;
        limits.prune_to_status = prune;
        limits.client_services = true;
        auto root = mesh::admin::parse_metrics(text, limits);
        ASSERT_TRUE(root) << root.error().message;
        ProxySample s;
        s.taken = Clock::now();
        s.metrics = mesh::admin::extract_proxy_metrics(*root);
        auto report = build_service_traffic(targets(1), {s}, nullptr);
        // The oracle: the fixture walked directly.
        std::size_t rows_checked = 0;
        for (const auto& [router, rnode] : tree["rt"].items()) {
            if (!rnode.contains("client")) continue;
            for (const auto& [client, cnode] : rnode["client"].items()) {
                if (!cnode.contains("service")) continue;
                for (const auto& [svc, snode] : cnode["service"].items()) {
                    // Copies: clang 14 cannot capture structured bindings in a lambda.
                    const std::string router_name = router, service = "/" + svc, id = "/" + client;
                    auto row = std::find_if(report.services.begin(), report.services.end(), [&](const ServiceRow& r) {
                        return r.router == router_name && r.service == service;
                    });
                    ASSERT_NE(row, report.services.end()) << router << " " << svc;
                    auto c = std::find_if(row->clients.begin(), row->clients.end(),
                                          [&](const ServiceClientRow& x) { return x.id == id; });
                    ASSERT_NE(c, row->clients.end()) << router << " " << svc << " " << client;
                    EXPECT_EQ(*c->traffic.requests, snode["requests"]["counter"].get<double>());
                    ++rows_checked;
                }
            }
        }
        EXPECT_EQ(rows_checked, 14u);  // 3 clients of svc in multiplier and in to_be_expired, 8 pairs in service_test
        auto svc1 = std::find_if(report.services.begin(), report.services.end(),
                                 [](const ServiceRow& r) { return r.service == "/service_1"; });
        ASSERT_NE(svc1, report.services.end());
        EXPECT_EQ(*svc1->traffic.requests, 33);
        EXPECT_EQ(svc1->clients.size(), 5u);
        EXPECT_EQ(svc1->clients[0].display, "/$/inet/127.1/1111");
    }
}

// Plain `mesh status` does not ask for the per-client service scopes: pruning drops them, so
// 1,000 proxies' samples do not carry them (8 MiB of peak RSS with the dashboard fixture).
TEST(ServiceTraffic, PruningDropsClientServicesUnlessAsked) {
    std::string text = mesh::testing::read_test_file("testdata/admin/linkerd-metrics-tree.json");
    mesh::admin::MetricsLimits limits;
    limits.prune_to_status = true;
    auto root = mesh::admin::parse_metrics(text, limits);
    ASSERT_TRUE(root);
    auto metrics = mesh::admin::extract_proxy_metrics(*root);
    std::size_t clients = 0;
    for (const auto& r : metrics.routers)
        for (const auto& c : r.clients) {
            ++clients;
            EXPECT_TRUE(c.services.empty()) << r.name << " " << c.id;
        }
    EXPECT_GT(clients, 0u);
}
