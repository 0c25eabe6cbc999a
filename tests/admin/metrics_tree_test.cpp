#include "libmesh/admin/metrics_tree.hpp"

#include <gtest/gtest.h>

#include "libmesh/admin/proxy_metrics.hpp"
#include "tests/support/fake_linkerd.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::admin;
using mesh::testing::read_testdata;

namespace {

const ScopeMetrics* find(const std::vector<ScopeMetrics>& v, const std::string& id) {
    for (const auto& s : v)
        if (s.id == id) return &s;
    return nullptr;
}

const RouterMetrics* router(const ProxyMetrics& p, const std::string& name) {
    for (const auto& r : p.routers)
        if (r.name == name) return &r;
    return nullptr;
}

}  // namespace

TEST(MetricsTree, ParsesRealTreeDump) {
    auto tree = parse_metrics_tree(read_testdata("admin/linkerd-metrics-tree.json"));
    ASSERT_TRUE(tree) << tree.error().message;
    ProxyMetrics p = extract_proxy_metrics(*tree);
    EXPECT_EQ(p.uptime_ms, 4029756.0);
    EXPECT_EQ(p.heap_used, 651696700.0);
    const RouterMetrics* m = router(p, "multiplier");
    ASSERT_NE(m, nullptr);
    const ScopeMetrics* server = find(m->servers, "0.0.0.0/4116");
    ASSERT_NE(server, nullptr);
    EXPECT_EQ(server->requests, 381);
    EXPECT_EQ(server->latency_ms.count, 33);
    EXPECT_EQ(server->latency_ms.p99, 2);
    const ScopeMetrics* client = find(m->clients, "$/inet/127.1/9030");
    ASSERT_NE(client, nullptr);
    EXPECT_EQ(client->requests, 136);
    EXPECT_EQ(client->lb_size, 1);
    EXPECT_EQ(client->lb_available, 1);
    // Routers without server/service/client scopes (rt/inet/dns, rt/toggles) are not routers.
    EXPECT_EQ(router(p, "inet"), nullptr);
}

TEST(MetricsTree, ParsesRealPre10FlatDumpIntoScopes) {
    auto tree = parse_metrics_flat(read_testdata("admin/linkerd-metrics-flat.json"));
    ASSERT_TRUE(tree) << tree.error().message;
    ProxyMetrics p = extract_proxy_metrics(*tree);
    EXPECT_EQ(p.uptime_ms, 179065.0);
    const RouterMetrics* adder = router(p, "adder");
    ASSERT_NE(adder, nullptr);
    const ScopeMetrics* server = find(adder->servers, "0.0.0.0/4114");
    ASSERT_NE(server, nullptr);
    EXPECT_EQ(server->requests, 1003);
    const ScopeMetrics* client = find(adder->clients, "$/inet/127.1/9080");
    ASSERT_NE(client, nullptr) << "client ids with '/' must be rebuilt";
    EXPECT_EQ(client->requests, 228);
    EXPECT_EQ(client->lb_size, 1);
    const ScopeMetrics* service = find(adder->services, "thrift");
    ASSERT_NE(service, nullptr);
    EXPECT_EQ(service->requests, 1003);
    // Per-client per-path scope nests under the client.
    const MetricNode* per_path = tree->at("rt/adder/client")->child("$/inet/127.1/9080")->child("service");
    ASSERT_NE(per_path, nullptr);
    EXPECT_EQ(per_path->child("thrift")->value("requests"), 228);
}

TEST(MetricsTree, FlatAndTreeFormsOfTheSameDataAgree) {
    mesh::testing::FakeLinkerd fake;  // only used for its generator
    nlohmann::json tree_json = fake.metrics_tree(3);
    auto from_tree = parse_metrics_tree(tree_json.dump());
    auto from_flat = parse_metrics_flat(mesh::testing::flatten_metrics(tree_json).dump());
    ASSERT_TRUE(from_tree);
    ASSERT_TRUE(from_flat) << from_flat.error().message;
    ProxyMetrics a = extract_proxy_metrics(*from_tree), b = extract_proxy_metrics(*from_flat);
    ASSERT_EQ(a.routers.size(), b.routers.size());
    for (std::size_t i = 0; i < a.routers.size(); ++i) {
        EXPECT_EQ(a.routers[i].name, b.routers[i].name);
        ASSERT_EQ(a.routers[i].clients.size(), b.routers[i].clients.size());
        for (std::size_t c = 0; c < a.routers[i].clients.size(); ++c) {
            const auto &x = a.routers[i].clients[c], &y = b.routers[i].clients[c];
            EXPECT_EQ(x.id, y.id);
            EXPECT_EQ(x.requests, y.requests);
            EXPECT_EQ(x.success, y.success);
            EXPECT_EQ(x.lb_available, y.lb_available);
            EXPECT_EQ(x.fa_removals, y.fa_removals);
            EXPECT_EQ(x.latency_ms.p99, y.latency_ms.p99);
            EXPECT_EQ(x.failures_by_exception, y.failures_by_exception);
        }
        ASSERT_EQ(a.routers[i].servers.size(), b.routers[i].servers.size());
        for (std::size_t s = 0; s < a.routers[i].servers.size(); ++s)
            EXPECT_EQ(a.routers[i].servers[s].id, b.routers[i].servers[s].id);
    }
    EXPECT_EQ(a.uptime_ms, b.uptime_ms);
}

TEST(MetricsTree, ParseMetricsTellsTheFormsApart) {
    auto flat = parse_metrics(R"({"rt/r/server/0.0.0.0/4140/requests": 7, "jvm/uptime": 8.6284E7})");
    ASSERT_TRUE(flat);
    EXPECT_EQ(flat->child("rt")->child("r")->child("server")->child("0.0.0.0/4140")->value("requests"), 7);
    EXPECT_EQ(flat->value("jvm/uptime"), 8.6284E7);
    auto tree = parse_metrics(R"({"foo":{"bar":{"bas":{"counter":1}}}})");
    ASSERT_TRUE(tree);
    EXPECT_EQ(tree->value("foo/bar/bas"), 1);
}

TEST(MetricsTree, NodeCanHoldItsOwnMetricAndChildren) {
    auto tree = parse_metrics_tree(R"({"failures":{"counter":151,"com.x.E":{"counter":12}}})");
    ASSERT_TRUE(tree);
    EXPECT_EQ(tree->value("failures"), 151);
    EXPECT_EQ(tree->value("failures/com.x.E"), 12);
}

TEST(MetricsTree, GarbageIsALocatedError) {
    auto r = parse_metrics_tree("{\n  \"a\": {\"counter\": 1},\n  oops\n}");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().location.line, 3);
    EXPECT_GT(r.error().location.column, 0);
    EXPECT_NE(r.error().message.find("metrics.json"), std::string::npos);
}

TEST(MetricsTree, TruncatedAndNonObjectInputsFail) {
    EXPECT_FALSE(parse_metrics_tree(R"({"a":{"counter":1})"));
    EXPECT_FALSE(parse_metrics_tree("[1,2,3]"));
    EXPECT_FALSE(parse_metrics_flat("[1,2,3]"));
    EXPECT_FALSE(parse_metrics_flat(R"({"a":{"b":1}})"));
    EXPECT_FALSE(parse_metrics(""));
}

TEST(MetricsTree, LimitsAreEnforced) {
    std::string deep(200, '[');
    deep = "{\"a\":" + deep;
    auto r = parse_metrics_tree(deep);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, mesh::core::ErrorCode::Limit);

    MetricsLimits small;
    small.max_nodes = 10;
    std::string many = "{";
    for (int i = 0; i < 20; ++i) many += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":{\"counter\":1}";
    many += "}";
    auto n = parse_metrics_tree(many, small);
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code, mesh::core::ErrorCode::Limit);

    small = {};
    small.max_bytes = 10;
    EXPECT_FALSE(parse_metrics_tree(R"({"aaaaaaaaaaaaaaa":{"counter":1}})", small));
}

TEST(ProxyMetrics, ClientDisplayNameIsWhatFollowsTheLastHash) {
    EXPECT_EQ(client_display_name("%/io.l5d.k8s.daemonset/default/incoming/l5d/#/io.l5d.k8s/default/http/hello"),
              "io.l5d.k8s/default/http/hello");
    EXPECT_EQ(client_display_name("#/io.l5d.fs/hello"), "io.l5d.fs/hello");
    EXPECT_EQ(client_display_name("$/inet/127.1/9091"), "$/inet/127.1/9091");
}

TEST(MetricsTree, PruningKeepsEverythingStatusReads) {
    std::string text = read_testdata("admin/linkerd-metrics-tree.json");
    MetricsLimits pruned;
    pruned.prune_to_status = true;
    auto full = parse_metrics_tree(text);
    auto small = parse_metrics_tree(text, pruned);
    ASSERT_TRUE(full && small);
    ASSERT_NE(full->child("zk2"), nullptr);
    EXPECT_TRUE(small->child("zk2") == nullptr || small->child("zk2")->children.empty());
    EXPECT_EQ(small->at("jvm/classes"), nullptr);
    ProxyMetrics a = extract_proxy_metrics(*full), b = extract_proxy_metrics(*small);
    EXPECT_EQ(a.uptime_ms, b.uptime_ms);
    EXPECT_EQ(a.heap_max, b.heap_max);
    ASSERT_EQ(a.routers.size(), b.routers.size());
    for (std::size_t i = 0; i < a.routers.size(); ++i) {
        ASSERT_EQ(a.routers[i].clients.size(), b.routers[i].clients.size());
        for (std::size_t c = 0; c < a.routers[i].clients.size(); ++c) {
            const auto &x = a.routers[i].clients[c], &y = b.routers[i].clients[c];
            EXPECT_EQ(x.requests, y.requests);
            EXPECT_EQ(x.lb_size, y.lb_size);
            EXPECT_EQ(x.fa_removals, y.fa_removals);
            EXPECT_EQ(x.retries_requeues, y.retries_requeues);
            EXPECT_EQ(x.latency_ms.p99, y.latency_ms.p99);
            EXPECT_EQ(x.failures_by_exception, y.failures_by_exception);
        }
        ASSERT_EQ(a.routers[i].services.size(), b.routers[i].services.size());
        for (std::size_t s = 0; s < a.routers[i].services.size(); ++s)
            EXPECT_EQ(a.routers[i].services[s].retries_total, b.routers[i].services[s].retries_total);
    }
}

// What status skips is still read as JSON, but, holding no memory, counts against no limit.
TEST(MetricsTree, PruningSkipsWhatStatusDropsButNotItsSyntax) {
    MetricsLimits pruned;
    pruned.prune_to_status = true;
    pruned.max_nodes = 50;
    std::string many = "{\"zk2\":{";
    for (int i = 0; i < 200; ++i)
        many += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":{\"counter\":1}";
    many += "},\"jvm\":{\"uptime\":{\"gauge\":5}}}";
    auto tree = parse_metrics_tree(many, pruned);
    ASSERT_TRUE(tree) << tree.error().message;
    EXPECT_EQ(tree->value("jvm/uptime"), 5.0);
    ASSERT_NE(tree->child("zk2"), nullptr);  // a router's name: kept, and none of its 200 children
    EXPECT_TRUE(tree->child("zk2")->children.empty());
    MetricsLimits unpruned;
    unpruned.max_nodes = 50;
    EXPECT_FALSE(parse_metrics_tree(many, unpruned));  // not skipped, the limit holds
    EXPECT_FALSE(parse_metrics_tree(R"({"zk2":{"a":{"counter":1,}},"jvm":{}})", pruned));
}
