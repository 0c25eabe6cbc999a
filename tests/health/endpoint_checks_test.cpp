// Which clients are io.l5d.k8s ones, and reading Kubernetes' endpoints for a named or numbered port.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "libmesh/admin/linker_config.hpp"
#include "libmesh/health/endpoint_checks.hpp"
#include "libmesh/kube/endpoints.hpp"
#include "tests/support/fake_cluster.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh;
using nlohmann::json;

namespace {

std::vector<json> watch_objects() {
    std::vector<json> out;
    std::istringstream in(mesh::testing::read_testdata("kube/endpoints-watch-stream-linkerd1626.ndjson"));
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(json::parse(line)["object"]);
    return out;
}

}  // namespace

TEST(EndpointChecks, OnlyPlainK8sNamerClientsAreCompared) {
    auto name = health::k8s_client_name("/#/io.l5d.k8s/default/http/hello");
    ASSERT_TRUE(name);
    EXPECT_EQ(name->namespace_name, "default");
    EXPECT_EQ(name->port, "http");
    EXPECT_EQ(name->service, "hello");
    EXPECT_FALSE(
        health::k8s_client_name("/%/io.l5d.k8s.daemonset/default/incoming/l5d/#/io.l5d.k8s/default/http/hello"));
    EXPECT_FALSE(health::k8s_client_name("/#/io.l5d.k8s.http/default/http/hello"));
    EXPECT_FALSE(health::k8s_client_name("/$/inet/localhost/4100"));
    EXPECT_FALSE(health::k8s_client_name("/#/io.l5d.k8s/default/http"));
    EXPECT_FALSE(health::k8s_client_name("/#/io.l5d.k8s/default//hello"));
}

// linkerd-examples' servicemesh config: a plain io.l5d.k8s namer, and three more under their own
// prefixes whose daemonset transformers name their clients under `/%/` with l5d pods' addresses.
TEST(EndpointChecks, TransformedNamersPrefixesAreNotCompared) {
    auto config = admin::parse_linker_config(mesh::testing::servicemesh_config_json());
    ASSERT_TRUE(config) << config.error().message;
    ASSERT_EQ(config->namers.size(), 5u);
    EXPECT_TRUE(config->namers[1].transformed);
    EXPECT_EQ(config->namers[1].prefix, "/io.l5d.k8s.http");
    EXPECT_FALSE(config->namers[0].transformed);
    EXPECT_EQ(health::k8s_namer_paths(&*config), std::vector<std::string>{"/#/io.l5d.k8s/"});
    EXPECT_EQ(health::k8s_namer_paths(nullptr), std::vector<std::string>{"/#/io.l5d.k8s/"});
}

// The same config with the transformers taken off the `/io.l5d.k8s.http` namer: its clients are the
// service's endpoints, named `/#/io.l5d.k8s.http/NAMESPACE/PORT/SERVICE`.
TEST(EndpointChecks, ANamersOwnPrefixIsCompared) {
    json j = json::parse(mesh::testing::servicemesh_config_json());
    j["namers"][1].erase("transformers");
    auto config = admin::parse_linker_config(j.dump());
    ASSERT_TRUE(config) << config.error().message;
    auto paths = health::k8s_namer_paths(&*config);
    EXPECT_EQ(paths, (std::vector<std::string>{"/#/io.l5d.k8s/", "/#/io.l5d.k8s.http/"}));
    auto name = health::k8s_client_name("/#/io.l5d.k8s.http/linkerd/http/hello", paths);
    ASSERT_TRUE(name);
    EXPECT_EQ(name->namespace_name, "linkerd");
    EXPECT_EQ(name->port, "http");
    EXPECT_EQ(name->service, "hello");
    EXPECT_FALSE(health::k8s_client_name("/#/io.l5d.k8s.https/linkerd/http/hello", paths));
    EXPECT_FALSE(health::k8s_client_name("/#/io.l5d.k8s.http/linkerd/http/hello", health::k8s_namer_paths(nullptr)));

    // Through compare_endpoints, which reads each proxy's own config.
    std::vector<health::ProxyTarget> targets(2);
    targets[0].name = "l5d-custom";
    targets[1].name = "l5d-no-config";
    std::vector<health::ProxySample> samples(2);
    std::vector<admin::ClientState> clients{{"/#/io.l5d.k8s.http/linkerd/http/hello", "bound", {"10.0.0.1:7777"}}};
    samples[0].config = *config;
    samples[0].client_state = clients;
    samples[1].client_state = clients;
    std::vector<std::string> asked;
    auto lookup = [&](const std::string& ns, const std::string& service,
                      const std::string& port) -> mesh::core::Result<kube::ServiceEndpoints> {
        asked.push_back(ns + "/" + service + "/" + port);
        return kube::ServiceEndpoints{true, "EndpointSlice", {"10.0.0.1:7777", "10.0.0.2:7777"}};
    };
    auto report = health::compare_endpoints(targets, samples, lookup);
    EXPECT_EQ(asked, std::vector<std::string>{"linkerd/hello/http"});
    ASSERT_EQ(report.proxies.size(), 2u);
    ASSERT_EQ(report.proxies[0].clients.size(), 1u);
    EXPECT_EQ(report.proxies[0].clients[0].missing, std::vector<std::string>{"10.0.0.2:7777"});
    EXPECT_TRUE(report.proxies[1].clients.empty());  // without its config, only the default prefix
}

TEST(EndpointChecks, EveryWatchEventOfIssue1626ReadsTheSameAsEndpointsAndAsASlice) {
    const std::vector<std::size_t> expected = {3, 2, 0, 1, 2, 3};
    auto objects = watch_objects();
    ASSERT_EQ(objects.size(), expected.size());
    for (std::size_t i = 0; i < objects.size(); ++i) {
        auto from_endpoints = kube::parse_endpoints(objects[i].dump(), "http");
        ASSERT_TRUE(from_endpoints) << from_endpoints.error().message;
        EXPECT_EQ(from_endpoints->size(), expected[i]) << i;
        std::set<std::string> from_slice;
        json list = {{"kind", "EndpointSliceList"},
                     {"metadata", {{"continue", "c"}}},
                     {"items", {mesh::testing::endpoint_slice_of(objects[i])}}};
        auto page = kube::add_endpoint_slice_page(list.dump(), "7778", from_slice);  // by number this time
        ASSERT_TRUE(page) << page.error().message;
        EXPECT_EQ(page->continue_token, "c");
        EXPECT_EQ(from_slice, *from_endpoints) << i;
    }
    EXPECT_TRUE(kube::parse_endpoints(objects.front().dump(), "grpc")->empty());  // no such port
}

TEST(EndpointChecks, NotReadySliceEndpointsAndIpv6) {
    json list = {{"kind", "EndpointSliceList"},
                 {"items",
                  {{{"ports", {{{"name", "http"}, {"port", 8080}}}},
                    {"endpoints",
                     {{{"addresses", {"fd00::1"}}, {"conditions", {{"ready", true}}}},
                      {{"addresses", {"fd00::2"}}, {"conditions", {{"ready", false}}}},
                      {{"addresses", {"fd00::3"}}}}}}}}};
    std::set<std::string> out;
    ASSERT_TRUE(kube::add_endpoint_slice_page(list.dump(), "http", out));
    EXPECT_EQ(out, (std::set<std::string>{"[fd00::1]:8080", "[fd00::3]:8080"}));
    EXPECT_FALSE(kube::parse_endpoints(mesh::testing::read_testdata("kube/status-410-expired-continue.json"), "http"));
}

TEST(EndpointChecks, UptimeReadsLikeStatus) {
    EXPECT_EQ(health::uptime_text(86400), "1d0h");
    EXPECT_EQ(health::uptime_text(3 * 86400 + 4 * 3600 + 59), "3d4h");
    EXPECT_EQ(health::uptime_text(7260), "2h1m");
    EXPECT_EQ(health::uptime_text(250), "4m10s");
    EXPECT_EQ(health::uptime_text(12.7), "12s");
}
