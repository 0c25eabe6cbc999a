#include <gtest/gtest.h>

#include "libmesh/kube/exec_credential.hpp"
#include "libmesh/kube/pods.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::kube;
using mesh::testing::read_testdata;

TEST(PodList, PaginationTokenAndLastPage) {
    auto p1 = parse_pod_list(read_testdata("kube/apiserver-podlist-page1-continue.json"));
    ASSERT_TRUE(p1) << p1.error().message;
    EXPECT_EQ(p1->continue_token, "eyJ2IjoibWV0YS5rOHMua");
    ASSERT_EQ(p1->pods.size(), 2u);
    EXPECT_EQ(p1->pods[0].name, "my-ruby-project-2-build");
    EXPECT_TRUE(p1->pods[0].terminating);
    auto p2 = parse_pod_list(read_testdata("kube/apiserver-podlist-page2-last.json"));
    ASSERT_TRUE(p2);
    EXPECT_TRUE(p2->continue_token.empty());
    EXPECT_EQ(p2->pods.size(), 2u);
}

TEST(PodList, RealKubeletListFacts) {
    auto page = parse_pod_list(read_testdata("kube/kubelet-podlist-daemonset-pods.json"));
    ASSERT_TRUE(page);
    EXPECT_EQ(page->pods.size(), 24u);
    const PodInfo* ds = nullptr;
    for (const auto& p : page->pods)
        if (p.name == "e2e-daemonset-kb65b") ds = &p;
    ASSERT_NE(ds, nullptr);
    EXPECT_EQ(ds->node, "datagen-1-35");
    EXPECT_EQ(ds->pod_ip, "10.244.0.4");
    EXPECT_EQ(ds->phase, "Running");
    EXPECT_EQ(image_tag(ds->image), "5.34.0");
}

TEST(PodList, StatusBodiesAreErrorsWithTheirMessage) {
    std::string body = read_testdata("kube/status-410-expired-continue.json");
    auto msg = status_message(body);
    ASSERT_TRUE(msg);
    EXPECT_NE(msg->find("too old"), std::string::npos);
    auto page = parse_pod_list(body);
    ASSERT_FALSE(page);
    EXPECT_NE(page.error().message.find("too old"), std::string::npos);
    EXPECT_FALSE(parse_pod_list("{\"items\": 3}"));
}

// A hostile API server: restart counts that would overflow a sum are capped at int32's maximum
// (Kubernetes' type), counts outside int32 are ignored, and an admin port outside 1-65535 is not
// truncated into another port but left unset (the --admin-port default applies).
TEST(PodList, HostileNumbersAreBoundedNotOverflowedOrTruncated) {
    auto page = parse_pod_list(R"({"items": [
        {"metadata": {"name": "a"},
         "spec": {"containers": [{"name": "l5d", "ports": [{"name": "admin", "containerPort": 4294977287}]}]},
         "status": {"containerStatuses": [{"restartCount": 2147483647}, {"restartCount": 2147483647},
                                          {"restartCount": 9223372036854775807}, {"restartCount": -5}]}},
        {"metadata": {"name": "b"},
         "spec": {"containers": [{"name": "l5d", "ports": [{"name": "admin", "containerPort": 9990}]}]},
         "status": {"containerStatuses": [{"restartCount": 18446744073709551615}, {"restartCount": 3}, {"restartCount": 4}]}}
    ]})");
    ASSERT_TRUE(page) << page.error().message;
    ASSERT_EQ(page->pods.size(), 2u);
    EXPECT_EQ(page->pods[0].restarts, 2147483647);
    EXPECT_FALSE(page->pods[0].admin_port);  // 4294977287 would have been 9991 truncated
    EXPECT_EQ(page->pods[1].restarts, 7);
    EXPECT_EQ(page->pods[1].admin_port, 9990);
}

TEST(PodList, ImageTags) {
    EXPECT_EQ(image_tag("buoyantio/linkerd:1.7.5"), "1.7.5");
    EXPECT_EQ(image_tag("registry:5000/l5d:1.6.0@sha256:abc"), "1.6.0");
    EXPECT_FALSE(image_tag("registry:5000/l5d"));
}

TEST(ExecCredential, RealPluginOutputs) {
    auto beta = parse_exec_credential(read_testdata("kube/execcredential-v1beta1-token-expiry.json"),
                                      "client.authentication.k8s.io/v1beta1");
    ASSERT_TRUE(beta) << beta.error().message;
    EXPECT_EQ(beta->token, "foo-bar");
    ASSERT_TRUE(beta->expiry);
    EXPECT_EQ(std::chrono::system_clock::to_time_t(*beta->expiry), 1136214245);  // 2006-01-02T15:04:05Z
    auto v1 =
        parse_exec_credential(read_testdata("kube/execcredential-v1-token.json"), "client.authentication.k8s.io/v1");
    ASSERT_TRUE(v1) << v1.error().message;
    EXPECT_FALSE(v1->expiry);
    auto mismatch = parse_exec_credential(read_testdata("kube/execcredential-v1-token.json"),
                                          "client.authentication.k8s.io/v1beta1");
    ASSERT_FALSE(mismatch);
    EXPECT_NE(mismatch.error().message.find("apiVersion"), std::string::npos);
    EXPECT_FALSE(parse_exec_credential("not json", "client.authentication.k8s.io/v1"));
}

TEST(ExecCredential, Rfc3339) {
    auto a = parse_rfc3339("2026-03-05T17:30:20-08:00");
    auto b = parse_rfc3339("2026-03-06T01:30:20Z");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, *b);
    EXPECT_TRUE(parse_rfc3339("2026-03-06T01:30:20.123456Z"));
    EXPECT_FALSE(parse_rfc3339("2026-13-06T01:30:20Z"));
    EXPECT_FALSE(parse_rfc3339("yesterday"));
}

// Found by fuzzing (UBSan: signed overflow in std::chrono): system_clock ends in 2262.
TEST(ExecCredential, Rfc3339OutsideTheClocksRangeIsClamped) {
    auto far = parse_rfc3339("6017-10-11T06:30:02Z");
    ASSERT_TRUE(far);
    EXPECT_EQ(*far, std::chrono::system_clock::time_point::max());
    EXPECT_GT(*far, std::chrono::system_clock::now());
    auto early = parse_rfc3339("0001-01-01T00:00:00Z");
    ASSERT_TRUE(early);
    EXPECT_EQ(*early, std::chrono::system_clock::time_point::min());
    auto edge = parse_rfc3339("2262-01-01T00:00:00Z");  // still inside
    ASSERT_TRUE(edge);
    EXPECT_GT(*edge, *parse_rfc3339("2261-12-31T23:59:59Z"));
}
