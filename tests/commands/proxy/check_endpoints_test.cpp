// `mesh check --endpoints` on linkerd/linkerd#1626's real data: a proxy still sending to the
// world-v1 pods a scale-down removed, while Kubernetes has new ones.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "tests/support/fake_cluster.hpp"
#include "tests/support/fake_kube_api.hpp"
#include "tests/support/fake_linkerd.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/test_kubeconfig.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::testing;
using nlohmann::json;

namespace {

const char* k_world = "/#/io.l5d.k8s/liza1626/http/world-v1";

// The watch events of the issue's reproduction: first the three pods before the scale-down, last
// the three after it.
std::vector<json> watch_events() {
    std::vector<json> events;
    std::istringstream in(read_testdata("kube/endpoints-watch-stream-linkerd1626.ndjson"));
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) events.push_back(json::parse(line)["object"]);
    return events;
}

json addresses_of(const json& endpoints) {
    json out = json::array();
    for (const auto& s : endpoints["subsets"])
        for (const auto& a : s["addresses"]) out.push_back(a["ip"].get<std::string>() + ":7778");
    return out;
}

FakeLinkerdOptions with_client_state(json state) {
    FakeLinkerdOptions o;
    o.success_step = 100;
    o.failure_step = 0;
    o.client_state = std::move(state);
    return o;
}

const json* client(const json& doc, const std::string& proxy, const std::string& name) {
    for (const auto& p : doc["endpoints"]["proxies"])
        if (p["name"] == proxy)
            for (const auto& c : p["clients"])
                if (c["client"] == name) return &c;
    return nullptr;
}

// l5d-0 kept the addresses of the first event; l5d-1 follows Kubernetes.
struct Issue1626 {
    std::vector<json> events = watch_events();
    FakeLinkerd stale{
        FakeMode::Healthy,
        with_client_state({{k_world, {{"state", "bound"}, {"addresses", addresses_of(events.front())}}},
                           {"/$/inet/localhost/4100", {{"state", "bound"}, {"addresses", {"localhost:4100"}}}},
                           {"/%/io.l5d.k8s.daemonset/default/incoming/l5d/#/io.l5d.k8s/default/http/hello",
                            {{"state", "bound"}, {"addresses", {"10.0.0.1:4141"}}}}})};
    FakeLinkerd current{
        FakeMode::Healthy,
        with_client_state({{k_world, {{"state", "bound"}, {"addresses", addresses_of(events.back())}}}})};
    FakeKubeApi api;
    std::string config;

    explicit Issue1626(bool slices) : api(options(slices)), config(write_fake_kubeconfig(api.url())) {}

    FakeKubeOptions options(bool slices) const {
        FakeKubeOptions o;
        o.nodes = {"node-0", "node-1"};
        o.pods = {{"l5d-0", "node-0", stale.address()}, {"l5d-1", "node-1", current.address()}};
        o.endpoint_slices_api = slices;
        o.endpoints = {events.back()};
        o.endpoint_slices = {endpoint_slice_of(events.back())};
        return o;
    }
};

}  // namespace

TEST(CheckEndpoints, StaleAndMissingAddressesPerProxyFromEndpointSlices) {
    Issue1626 cluster(true);
    auto r = run_mesh_command({"check", "--kubeconfig", cluster.config, "--once", "--endpoints", "-o", "json"});
    ASSERT_EQ(r.exit_code, 3) << r.err << r.out;
    json j = json::parse(r.out);
    const json* drifted = client(j, "l5d-0", k_world);
    ASSERT_NE(drifted, nullptr) << j["endpoints"].dump(2);
    EXPECT_EQ((*drifted)["source"], "EndpointSlice");
    EXPECT_EQ((*drifted)["stale"], json({"10.196.5.84:7778", "10.196.5.85:7778", "10.196.5.86:7778"}));
    EXPECT_EQ((*drifted)["missing"], json({"10.196.5.87:7778", "10.196.5.88:7778", "10.196.5.89:7778"}));
    const json* fine = client(j, "l5d-1", k_world);
    ASSERT_NE(fine, nullptr);
    EXPECT_TRUE((*fine)["stale"].empty());
    EXPECT_TRUE((*fine)["missing"].empty());
    // Only io.l5d.k8s clients are compared: not the inet one, not the daemonset-transformed one.
    EXPECT_EQ(j["endpoints"]["proxies"][0]["clients"].size(), 1u);
    EXPECT_EQ(j["endpoints"]["proxies"][0]["uptime_s"], 86400);
    // The text names the proxy with its uptime, the client and the addresses.
    r = run_mesh_command({"check", "--kubeconfig", cluster.config, "--once", "--endpoints"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.out.find("[FAIL] no stale endpoints (in Linkerd, gone from Kubernetes)\n"
                         "    * l5d-0 (up 1d0h): /#/io.l5d.k8s/liza1626/http/world-v1: 3 of 3 stale "
                         "(10.196.5.84:7778, 10.196.5.85:7778, 10.196.5.86:7778)\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("[warn] no missing endpoints"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[ok] every io.l5d.k8s client was compared (2 on 2 proxies)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("linkerd/linkerd#1626"), std::string::npos) << r.out;
}

TEST(CheckEndpoints, FallsBackToEndpointsBeforeKubernetes121) {
    Issue1626 cluster(false);
    auto r = run_mesh_command({"check", "--kubeconfig", cluster.config, "--once", "--endpoints", "-o", "json"});
    ASSERT_EQ(r.exit_code, 3) << r.err;
    json j = json::parse(r.out);
    const json* drifted = client(j, "l5d-0", k_world);
    ASSERT_NE(drifted, nullptr);
    EXPECT_EQ((*drifted)["source"], "Endpoints");
    EXPECT_EQ((*drifted)["stale"].size(), 3u);
    EXPECT_EQ((*drifted)["missing"].size(), 3u);
}

TEST(CheckEndpoints, NegWhileKubernetesHasEndpointsFailsAndAGoneServiceIsAllStale) {
    auto events = watch_events();
    FakeLinkerd neg(FakeMode::Healthy, with_client_state({{k_world, {{"state", "Neg"}}},
                                                          {"/#/io.l5d.k8s/liza1626/http/gone",
                                                           {{"state", "bound"}, {"addresses", {"10.9.9.9:80"}}}}}));
    FakeKubeOptions o;
    o.nodes = {"node-0"};
    o.pods = {{"l5d-0", "node-0", neg.address()}};
    o.endpoint_slices = {endpoint_slice_of(events.back())};
    FakeKubeApi api(o);
    auto r = run_mesh_command(
        {"check", "--kubeconfig", write_fake_kubeconfig(api.url()), "--once", "--endpoints", "-o", "json"});
    ASSERT_EQ(r.exit_code, 3) << r.err;
    json j = json::parse(r.out);
    for (const auto& c : j["categories"])
        if (c["categoryName"] == "linkerd-endpoints") {
            EXPECT_EQ(c["checks"][0]["result"], "error");  // the gone service's address
            EXPECT_EQ(c["checks"][1]["result"], "error");  // Neg while Kubernetes has three
            EXPECT_NE(c["checks"][1]["error"].get<std::string>().find("Linkerd has none (Neg)"), std::string::npos)
                << c;
        }
    EXPECT_EQ((*client(j, "l5d-0", "/#/io.l5d.k8s/liza1626/http/gone"))["stale"], json({"10.9.9.9:80"}));
}

TEST(CheckEndpoints, NeedsKubernetes) {
    auto r = run_mesh_command({"check", "--endpoints", "--proxy", "127.0.0.1:9"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("--endpoints compares with Kubernetes"), std::string::npos) << r.err;
}
