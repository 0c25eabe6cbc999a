// parse_proxy_metrics reads metrics.json straight into ProxyMetrics; it must give exactly what
// extract_proxy_metrics gives of the pruned tree, and fail exactly where that fails.

#include <gtest/gtest.h>

#include <filesystem>

#include "libmesh/admin/metrics_tree.hpp"
#include "libmesh/admin/proxy_metrics.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::admin;
using mesh::testing::read_testdata;

namespace {

// Reads `text` both ways and compares; returns the direct reading when both succeeded.
std::optional<ProxyMetrics> read_both_ways(std::string_view text, MetricsLimits limits, const std::string& what) {
    limits.prune_to_status = true;
    auto tree = parse_metrics(text, limits);
    auto direct = parse_proxy_metrics(text, limits);
    EXPECT_EQ(tree.has_value(), direct.has_value()) << what;
    if (!tree || !direct) {
        if (!tree && !direct) {
            EXPECT_EQ(tree.error().message, direct.error().message) << what;
            EXPECT_EQ(tree.error().code, direct.error().code) << what;
            EXPECT_EQ(tree.error().location.line, direct.error().location.line) << what;
            EXPECT_EQ(tree.error().location.column, direct.error().location.column) << what;
        }
        return std::nullopt;
    }
    EXPECT_TRUE(extract_proxy_metrics(*tree) == *direct) << what;
    return *direct;
}

std::optional<ProxyMetrics> read_both_ways(std::string_view text, const std::string& what) {
    return read_both_ways(text, MetricsLimits{}, what);
}

}  // namespace

TEST(ProxyMetricsScan, ReadsTheRealDumpsAsTheTreeDoes) {
    for (bool services : {false, true}) {
        MetricsLimits limits;
        limits.client_services = services;
        auto tree = read_both_ways(read_testdata("admin/linkerd-metrics-tree.json"), limits, "tree dump");
        ASSERT_TRUE(tree);
        EXPECT_EQ(tree->routers.size(), 7u);  // nine under rt, of which inet and toggles have no scopes
        EXPECT_EQ(tree->uptime_ms, 4029756.0);
        std::size_t with_services = 0;
        for (const auto& r : tree->routers)
            for (const auto& c : r.clients) with_services += c.services.empty() ? 0 : 1;
        EXPECT_EQ(with_services > 0, services);
        auto flat = read_both_ways(read_testdata("admin/linkerd-metrics-flat.json"), limits, "flat dump");
        ASSERT_TRUE(flat);
        EXPECT_FALSE(flat->routers.empty());
    }
}

TEST(ProxyMetricsScan, AgreesWithTheTreeOnEveryFuzzSeed) {
    std::size_t seeds = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(mesh::testing::source_dir()) + "/testdata/fuzz/metrics")) {
        std::string name = entry.path().filename().string();
        read_both_ways(read_testdata("fuzz/metrics/" + name), name);
        ++seeds;
    }
    EXPECT_GE(seeds, 6u);
}

TEST(ProxyMetricsScan, AgreesOnTheCornersOfTheTreeForm) {
    const char* cases[] = {
        // A `q=rt` subtree: routers at the top.
        R"({"r":{"server":{"0.0.0.0/4140":{"requests":{"counter":1}}}}})",
        // "jvm" without "rt": the whole tree of a proxy without routers, so none.
        R"({"jvm":{"uptime":{"gauge":5}},"r":{"server":{"s":{"requests":{"counter":1}}}}})",
        // "rt" that is not an object does not make a whole tree.
        R"({"rt":5,"r":{"client":{"c":{"requests":{"counter":2}}}}})",
        // Repeated keys merge; a counter wins over a gauge.
        R"({"rt":{"r":{"client":{"c":{"requests":{"counter":1}}}}},"rt":{"r":{"client":{"c":{"requests":{"gauge":2},"success":{"counter":3}}}}}})",
        // Failures by exception: counters, gauges, and a stat only (not a failure count).
        R"({"rt":{"r":{"server":{"s":{"failures":{"counter":3,"a.E":{"counter":2},"b.E":{"gauge":1},"c.E":{"stat.count":4}}}}}}})",
        // Every kind of field, an unknown stat suffix, groups, and an empty scope map.
        R"({"rt":{"r":{"server":{},"client":{"c":{"request_latency_ms":{"stat.p99":7,"stat.foo":1,"counter":9},
            "loadbalancer":{"size":{"gauge":3},"available":{"gauge":2},"other":{"gauge":1}},
            "failure_accrual":{"removals":{"counter":1},"removed_for_ms":{"counter":100}},
            "retries":{"requeues":{"counter":4},"total":{"counter":5},"budget_exhausted":{"counter":6}},
            "pending":{"gauge":0},"connections":{"gauge":8}}},
            "service":{"svc/a":{"retries":{"total":{"counter":1}}}}}}})",
        // A client's per-service scopes (read with client_services below).
        R"({"rt":{"r":{"client":{"c":{"service":{"svc/b":{"requests":{"counter":1},"failures":{"x.E":{"counter":1}}},
            "svc/a":{"success":{"counter":2}}}}}}}})",
        // JVM fields, and values that are not objects or numbers.
        R"({"jvm":{"uptime":{"counter":1},"heap":{"used":{"gauge":2},"max":{"gauge":3},"x":{"gauge":4}},
            "gc":{"msec":{"counter":5}},"thread":{"count":{"gauge":6}},"fd_count":{"gauge":7},"fd_limit":{"gauge":8}},
            "rt":{"r":{"server":{"s":{"requests":"many","success":[1,2],"pending":null}}}}})",
        // Errors: where the tree fails, so does the direct reading, with the same message.
        R"([1,2])",
        R"({"rt":{"r":{"server":{"s":{"requests":{"counter":1,}}}}}})",
        R"({"rt":{"r":{"server":{"s":{"closes":{"counter":01}}}}}})",
        R"({"zk2":{"a":{"counter":1,}},"jvm":{}})",
        R"({"rt":{"r":{"server":{"s":{"requests":{"counter":1e999}}}}}})",
        R"({"rt":{"r":{"server":{"s")",
        "",
        "7",
    };
    for (bool services : {false, true}) {
        MetricsLimits limits;
        limits.client_services = services;
        for (const char* text : cases) read_both_ways(text, limits, text);
    }
    // And what they read, by hand, for two of them.
    auto merged = read_both_ways(cases[3], "merged");
    ASSERT_TRUE(merged);
    ASSERT_EQ(merged->routers.size(), 1u);
    ASSERT_EQ(merged->routers[0].clients.size(), 1u);
    EXPECT_EQ(merged->routers[0].clients[0].requests, 1.0);
    EXPECT_EQ(merged->routers[0].clients[0].success, 3.0);
    auto failures = read_both_ways(cases[4], "failures");
    ASSERT_TRUE(failures);
    const auto& server = failures->routers.at(0).servers.at(0);
    EXPECT_EQ(server.failures, 3.0);
    EXPECT_EQ(server.failures_by_exception, (std::map<std::string, double>{{"a.E", 2.0}, {"b.E", 1.0}}));
}

TEST(ProxyMetricsScan, LimitsFailAlike) {
    std::string many = "{\"rt\":{\"r\":{\"server\":{";
    for (int i = 0; i < 50; ++i)
        many += (i ? "," : "") + std::string("\"s") + std::to_string(i) + "\":{\"requests\":{\"counter\":1}}";
    many += "}}}}";
    MetricsLimits limits;
    limits.max_nodes = 40;
    EXPECT_FALSE(read_both_ways(many, limits, "nodes"));
    limits = {};
    limits.max_depth = 4;
    EXPECT_FALSE(read_both_ways(many, limits, "depth"));
    limits = {};
    limits.max_bytes = 100;
    EXPECT_FALSE(read_both_ways(many, limits, "bytes"));
    EXPECT_TRUE(read_both_ways(many, "no limit reached"));
}
