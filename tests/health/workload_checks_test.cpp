// Grouping workload findings: by node for the l5d checks, by namespace for the others, and what
// happens when no l5d pod's /config.json could be read.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "libmesh/health/workload_checks.hpp"
#include "tests/support/fake_cluster.hpp"

using namespace mesh;
using nlohmann::json;
namespace mt = mesh::testing;

namespace {

std::vector<kube::WorkloadPod> parsed(const std::vector<json>& pods) {
    json list = {{"kind", "PodList"}, {"items", pods}};
    return kube::parse_workload_pod_list(list.dump())->pods;
}

json pod(const std::string& name, const std::string& ns, const std::string& node, mt::Injection how, int port = 4140) {
    mt::WorkloadPodSpec s;
    s.name = name;
    s.namespace_name = ns;
    s.node = node;
    s.injection = how;
    s.port = port;
    return mt::workload_pod(s);
}

health::L5dPod l5d(const std::string& name, const std::string& node, bool ready,
                   std::optional<std::vector<int>> ports = std::vector<int>{4140, 4141}) {
    return {name, "linkerd", node, ready, ready ? "" : "CrashLoopBackOff", std::move(ports)};
}

}  // namespace

TEST(WorkloadChecks, ManyPodsOnOneNodeReadAsOneLine) {
    std::vector<json> pods;
    for (int i = 0; i < 12; ++i)
        pods.push_back(pod("web-" + std::to_string(i), "a", "node-7", mt::Injection::MeshInject));
    pods.push_back(pod("api-0", "b", "node-8", mt::Injection::MeshInject));
    auto report = health::check_workloads(parsed(pods), {l5d("l5d-7", "node-7", false), l5d("l5d-1", "node-1", true)});
    ASSERT_EQ(report.findings.size(), 2u);
    // Larger groups first.
    EXPECT_EQ(report.findings[0].group, "node-7");
    EXPECT_EQ(report.findings[0].count, 12u);
    EXPECT_EQ(report.findings[0].reason, "l5d pod l5d-7 on the node is not ready (CrashLoopBackOff)");
    EXPECT_EQ(report.findings[1].reason, "no l5d pod on the node");
    auto category = health::workload_category(report);
    const auto& node_check = category.checks[2];
    EXPECT_EQ(node_check.result, health::CheckResult::Error);
    EXPECT_EQ(node_check.error,
              "* 12 pods on node-7: l5d pod l5d-7 on the node is not ready (CrashLoopBackOff) (a/web-0, a/web-1, "
              "a/web-10 and 9 more)\n"
              "* 1 pod on node-8: no l5d pod on the node (b/api-0)");
    EXPECT_NE(node_check.hint.find("kubectl get pods -n linkerd -o wide"), std::string::npos);
}

TEST(WorkloadChecks, PortsUncheckedWhenNoConfigWasReadIsAWarningNotAPass) {
    auto report = health::check_workloads(parsed({pod("web-0", "a", "node-1", mt::Injection::MeshInject, 4999)}),
                                          {l5d("l5d-1", "node-1", true, std::nullopt)});
    auto category = health::workload_category(report);
    EXPECT_EQ(category.checks[1].result, health::CheckResult::Warning);
    EXPECT_EQ(category.checks[1].error, "* 1 pod: ports not checked: no l5d pod's /config.json could be read");
    EXPECT_EQ(category.checks[2].result, health::CheckResult::Success);
}

TEST(WorkloadChecks, AnotherNodesRoutersServeWhenTheNodesOwnConfigIsUnknown) {
    // node-2's l5d did not answer /config.json: node-1's routers stand in for it.
    auto report = health::check_workloads(
        parsed({pod("web-0", "a", "node-2", mt::Injection::MeshInject, 4240)}),
        {l5d("l5d-1", "node-1", true, std::vector<int>{4140, 4240}), l5d("l5d-2", "node-2", true, std::nullopt)});
    EXPECT_TRUE(report.findings.empty());
    report = health::check_workloads(
        parsed({pod("web-0", "a", "node-2", mt::Injection::MeshInject, 4340)}),
        {l5d("l5d-1", "node-1", true, std::vector<int>{4140, 4240}), l5d("l5d-2", "node-2", true, std::nullopt)});
    ASSERT_EQ(report.findings.size(), 1u);
    EXPECT_EQ(report.findings[0].reason, "port 4340 is not served by any l5d router (they serve 4140, 4240)");
}

TEST(WorkloadChecks, SettingsMajorityIsCountedPerNamespace) {
    auto report = health::check_workloads(parsed({pod("a-0", "a", "node-1", mt::Injection::MeshInject),
                                                  pod("a-1", "a", "node-1", mt::Injection::MeshInject),
                                                  pod("a-2", "a", "node-1", mt::Injection::LinkerdInject),
                                                  // Namespace b is all iptables: no finding there.
                                                  pod("b-0", "b", "node-1", mt::Injection::LinkerdInject)}),
                                          {l5d("l5d-1", "node-1", true)});
    ASSERT_EQ(report.findings.size(), 1u);
    EXPECT_EQ(report.findings[0].group, "a");
    EXPECT_EQ(report.findings[0].pods, std::vector<std::string>{"a/a-2"});
    EXPECT_EQ(report.findings[0].reason,
              "injected iptables, port 4140, unlike 2 of the namespace's 3 meshed pods (http-proxy, port 4140)");
    EXPECT_EQ(report.meshed, 4u);
}

TEST(WorkloadChecks, NoPodsInScopeWarns) {
    auto category = health::workload_category(health::check_workloads({}, {l5d("l5d-1", "node-1", true)}));
    EXPECT_EQ(category.checks[0].result, health::CheckResult::Warning);
    EXPECT_NE(category.checks[0].hint.find("--all-namespaces"), std::string::npos);
}
