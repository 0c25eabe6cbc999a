// Reading a pod's injection from real manifests: linkerd-examples' hand-written hello-world.yml,
// what `mesh inject` and the linkerd-inject personality make of it, and a real kubelet pod list.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "libmesh/health/workload_meshing.hpp"
#include "libmesh/kube/workload_pods.hpp"
#include "tests/support/fake_cluster.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh;
namespace mt = mesh::testing;
using nlohmann::json;

namespace {

const char* k_hello_world = "manifests/real/linkerd-linkerd-examples-hello-world.yaml";

// The pods Kubernetes would make from each ReplicationController's template, by controller name.
std::map<std::string, kube::WorkloadPod> pods_of(const std::vector<json>& controllers) {
    json list = {{"kind", "PodList"}, {"apiVersion", "v1"}, {"metadata", json::object()}, {"items", json::array()}};
    for (const auto& rc : controllers) {
        if (!rc.contains("spec") || !rc["spec"].contains("template")) continue;
        json pod = rc["spec"]["template"];
        pod["metadata"]["name"] = rc["metadata"]["name"];
        pod["metadata"]["namespace"] = "default";
        pod["spec"]["nodeName"] = "node-1";
        list["items"].push_back(pod);
    }
    auto page = kube::parse_workload_pod_list(list.dump());
    EXPECT_TRUE(page) << page.error().message;
    std::map<std::string, kube::WorkloadPod> out;
    for (auto& p : page->pods) out[p.name] = p;
    return out;
}

std::vector<json> yaml_documents(const std::string& text) { return mt::yaml_stream_to_json(text); }

std::vector<json> json_lines(const std::string& text) {
    std::vector<json> docs;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) docs.push_back(json::parse(line));
    return docs;
}

}  // namespace

TEST(WorkloadMeshing, HandWrittenHttpProxyOfTheSeedGuide) {
    auto pods = pods_of(yaml_documents(mt::read_testdata(k_hello_world)));
    ASSERT_EQ(pods.count("hello"), 1u);
    auto hello = health::classify_pod(pods["hello"]);
    EXPECT_EQ(hello.state, health::MeshState::Meshed);
    EXPECT_EQ(hello.via, "http_proxy");
    EXPECT_EQ(hello.mode, "http-proxy");
    EXPECT_EQ(hello.port, 4140);
    EXPECT_TRUE(hello.node_local);
    EXPECT_EQ(hello.broken, "");
    // The guide gives world-v1 no http_proxy: it only answers, so it is not meshed.
    EXPECT_EQ(health::classify_pod(pods["world-v1"]).state, health::MeshState::Unmeshed);
}

TEST(WorkloadMeshing, WhatMeshInjectWritesInBothModes) {
    auto r = mt::run_mesh_command({"inject", "-f", mt::testdata_path(k_hello_world), "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto pods = pods_of(json_lines(r.out));
    auto world = health::classify_pod(pods["world-v1"]);
    EXPECT_EQ(world.state, health::MeshState::Meshed);
    EXPECT_EQ(world.via, "mesh inject");
    EXPECT_EQ(health::settings_text(world), "http-proxy, port 4140");
    // hello already had the guide's env, so inject left it as written and unmarked.
    auto hello = health::classify_pod(pods["hello"]);
    EXPECT_EQ(hello.via, "http_proxy");
    EXPECT_EQ(health::settings_text(hello), "http-proxy, port 4140");
    r = mt::run_mesh_command(
        {"inject", "-f", mt::testdata_path(k_hello_world), "-o", "json", "--mode", "iptables", "--protocol", "h2"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    pods = pods_of(json_lines(r.out));
    auto m = health::classify_pod(pods["world-v1"]);
    EXPECT_EQ(m.via, "mesh inject");
    EXPECT_EQ(health::settings_text(m), "iptables, port 4240");
}

TEST(WorkloadMeshing, LinkerdInjectInitContainerAndItsServiceVipMode) {
    auto r = mt::run_mesh({"linkerd-inject", "-f", mt::testdata_path(k_hello_world), "-linkerdPort", "4340"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // hello keeps its http_proxy, but the init container's DNAT takes that connection too.
    auto m = health::classify_pod(pods_of(yaml_documents(r.out))["hello"]);
    EXPECT_EQ(m.state, health::MeshState::Meshed);
    EXPECT_EQ(m.mode, "iptables");
    EXPECT_EQ(m.port, 4340);
    EXPECT_TRUE(m.node_local);
    r = mt::run_mesh({"linkerd-inject", "-f", mt::testdata_path(k_hello_world), "-useServiceVip"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(health::classify_pod(pods_of(yaml_documents(r.out))["hello"]).node_local);
}

TEST(WorkloadMeshing, OptOutUnexpandedAndForeignProxies) {
    auto one = [](const json& pod) {
        json list = {{"kind", "PodList"}, {"items", {pod}}};
        return health::classify_pod(kube::parse_workload_pod_list(list.dump())->pods.at(0));
    };
    mt::WorkloadPodSpec spec;
    spec.name = "p";
    spec.injection = mt::Injection::OptedOut;
    EXPECT_EQ(one(mt::workload_pod(spec)).state, health::MeshState::OptedOut);
    spec.injection = mt::Injection::Unexpanded;
    auto m = one(mt::workload_pod(spec));
    EXPECT_EQ(m.state, health::MeshState::Meshed);
    EXPECT_NE(m.broken.find("$(NODE_NAME), which is not defined before it"), std::string::npos) << m.broken;
    // linkerd-examples' slow-cooker Job sends through the Service, not the node: not node-local meshing.
    json pod = mt::workload_pod(spec);
    pod["spec"]["containers"][0]["env"] = {
        {{"name", "http_proxy"}, {"value", "http://l5d.linkerd.svc.cluster.local:4140"}}};
    m = one(pod);
    EXPECT_EQ(m.state, health::MeshState::Unmeshed);
    EXPECT_NE(m.why_unmeshed.find("not $(NODE_NAME):PORT"), std::string::npos) << m.why_unmeshed;
    // A mesh marker whose env was removed by hand.
    spec.injection = mt::Injection::MeshInject;
    pod = mt::workload_pod(spec);
    pod["spec"]["containers"][0].erase("env");
    m = one(pod);
    EXPECT_EQ(m.state, health::MeshState::Unmeshed);
    EXPECT_NE(m.why_unmeshed.find("marked http-proxy by mesh inject"), std::string::npos) << m.why_unmeshed;
}

TEST(WorkloadMeshing, RealKubeletPodListHasNothingMeshed) {
    auto page = kube::parse_workload_pod_list(mt::read_testdata("kube/kubelet-podlist-daemonset-pods.json"));
    ASSERT_TRUE(page) << page.error().message;
    ASSERT_EQ(page->pods.size(), 24u);
    std::size_t running = 0;
    for (const auto& p : page->pods) {
        EXPECT_EQ(health::classify_pod(p).state, health::MeshState::Unmeshed) << p.name;
        EXPECT_FALSE(p.node.empty()) << p.name;
        running += p.phase == "Running";
        // Only the annotations injection reads are kept.
        for (const auto& [key, value] : p.annotations)
            EXPECT_NE(key, "kubectl.kubernetes.io/last-applied-configuration");
    }
    EXPECT_EQ(running, 18u);
    EXPECT_EQ(page->pods.front().owner, "ReplicaSet/e2e-hpa-6cd8d99884");
}
