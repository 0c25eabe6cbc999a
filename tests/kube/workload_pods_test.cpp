// Reading application pods from PodList pages: real pages, and the answers that are not lists.

#include <gtest/gtest.h>

#include "libmesh/kube/workload_pods.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh;

TEST(WorkloadPods, RealApiServerPagesCarryTheirContinueToken) {
    auto p1 = kube::parse_workload_pod_list(mesh::testing::read_testdata("kube/apiserver-podlist-page1-continue.json"));
    ASSERT_TRUE(p1) << p1.error().message;
    EXPECT_EQ(p1->continue_token, "eyJ2IjoibWV0YS5rOHMua");
    ASSERT_FALSE(p1->pods.empty());
    EXPECT_TRUE(p1->pods.front().terminating);  // the Failed build pod has a deletionTimestamp
    auto p2 = kube::parse_workload_pod_list(mesh::testing::read_testdata("kube/apiserver-podlist-page2-last.json"));
    ASSERT_TRUE(p2) << p2.error().message;
    EXPECT_EQ(p2->continue_token, "");
}

TEST(WorkloadPods, StatusBodiesAndBrokenJsonAreErrorsWithAPlace) {
    auto expired = kube::parse_workload_pod_list(mesh::testing::read_testdata("kube/status-410-expired-continue.json"));
    ASSERT_FALSE(expired);
    EXPECT_NE(expired.error().message.find("PodList:"), std::string::npos) << expired.error().message;
    auto broken = kube::parse_workload_pod_list("{\"kind\":\"PodList\",\n\"items\":[{\"metadata\":}]}");
    ASSERT_FALSE(broken);
    EXPECT_NE(broken.error().message.find("PodList"), std::string::npos) << broken.error().message;
    EXPECT_FALSE(kube::parse_workload_pod_list("[1,2,3]"));
    EXPECT_FALSE(kube::parse_workload_pod_list(std::string(200, '[')));  // nesting is refused, not recursed
}

TEST(WorkloadPods, DroppedPartsDoNotHideWhatTheChecksRead) {
    // A pod whose probes, volumes and status are present: env, args, init containers and the
    // marker annotation survive the pruning parse.
    auto page = kube::parse_workload_pod_list(R"({"kind":"PodList","metadata":{},"items":[{
        "metadata":{"name":"a","namespace":"n","annotations":{
            "kubectl.kubernetes.io/last-applied-configuration":"{\"big\":1}",
            "mesh.l5d.io/injected":"{\"mode\":\"iptables\",\"port\":4140}"},
          "managedFields":[{"manager":"kubectl"}]},
        "spec":{"nodeName":"node-1","volumes":[{"name":"v"}],
          "initContainers":[{"name":"init-linkerd","args":["-p","4140"],"resources":{}}],
          "containers":[{"name":"c","ports":[{"containerPort":80}],"livenessProbe":{},
            "env":[{"name":"NODE_NAME","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}}]}]},
        "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[]}}]})");
    ASSERT_TRUE(page) << page.error().message;
    const auto& p = page->pods.at(0);
    EXPECT_EQ(p.node, "node-1");
    EXPECT_TRUE(p.ready);
    EXPECT_EQ(p.annotations.size(), 1u);
    EXPECT_EQ(p.init_containers.at(0).args, (std::vector<std::string>{"-p", "4140"}));
    EXPECT_EQ(p.containers.at(0).env.at(0).field_path, "spec.nodeName");
}
