// `mesh check --workloads` through the fake API server: application pods on nodes, l5d pods (one
// not ready, one node without any) whose admin servers serve real router configs.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/commands/proxy/check_json.hpp"
#include "tests/support/fake_cluster.hpp"
#include "tests/support/fake_kube_api.hpp"
#include "tests/support/fake_linkerd.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/test_kubeconfig.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::testing;
using nlohmann::json;

using mesh::testing::write_fake_kubeconfig;

namespace {

FakeLinkerdOptions plain() {
    FakeLinkerdOptions o;
    o.success_step = 100;
    o.failure_step = 0;
    return o;  // the fake's own config: routers on 4140 and 4141 only
}

json pod(const std::string& name, const std::string& node, Injection how, int port = 4140,
         const std::string& ns = "shop") {
    WorkloadPodSpec s;
    s.name = name;
    s.namespace_name = ns;
    s.node = node;
    s.injection = how;
    s.port = port;
    s.app = name.substr(0, name.find('-'));
    return workload_pod(s);
}

// node-0: l5d-0 (servicemesh routers); node-1: l5d-1, not ready; node-2: l5d-2 (routers on 4140,
// 4141); node-3: no l5d.
struct SmallCluster {
    FakeLinkerd l5d0{FakeMode::Healthy, servicemesh_proxy()};
    FakeLinkerd l5d2{FakeMode::Healthy, plain()};
    FakeKubeApi api;
    std::string config;

    explicit SmallCluster(std::vector<json> workloads, const std::string& context_ns = "")
        : api(options(std::move(workloads))), config(write_fake_kubeconfig(api.url(), context_ns)) {}

    FakeKubeOptions options(std::vector<json> workloads) const {
        FakeKubeOptions o;
        o.nodes = {"node-0", "node-1", "node-2", "node-3"};
        o.pods = {
            {"l5d-0", "node-0", l5d0.address()}, {"l5d-1", "node-1", "", false}, {"l5d-2", "node-2", l5d2.address()}};
        o.workload_pods = std::move(workloads);
        return o;
    }
};

std::vector<json> shop() {
    WorkloadPodSpec finished;
    finished.name = "report-0";
    finished.namespace_name = "shop";
    finished.node = "node-3";
    finished.phase = "Succeeded";
    return {pod("web-0", "node-0", Injection::MeshInject),
            pod("web-1", "node-0", Injection::MeshInject),
            pod("web-2", "node-2", Injection::MeshInject),
            pod("web-3", "node-3", Injection::MeshInject),
            pod("cart-0", "node-1", Injection::MeshInject),
            pod("cart-1", "node-1", Injection::MeshInject),
            pod("api-0", "node-2", Injection::HandWritten),
            pod("batch-0", "node-0", Injection::None),
            pod("legacy-0", "node-0", Injection::LinkerdInject),
            pod("odd-0", "node-2", Injection::MeshInject, 4150),
            pod("opt-0", "node-0", Injection::OptedOut),
            pod("bad-0", "node-0", Injection::Unexpanded),
            workload_pod(finished),
            pod("x-0", "node-3", Injection::MeshInject, 4140, "other")};
}

const json* finding(const json& doc, const std::string& check_start, const std::string& group) {
    for (const auto& f : doc["workloads"]["findings"])
        if (f["check"].get<std::string>().rfind(check_start, 0) == 0 && f["group"] == group) return &f;
    return nullptr;
}

}  // namespace

TEST(CheckWorkloads, EveryProblemFoundAndGroupedInJson) {
    SmallCluster cluster(shop());
    auto r = run_mesh_command({"check", "--kubeconfig", cluster.config, "--once", "--workloads", "--workload-namespace",
                               "shop", "-o", "json"});
    ASSERT_EQ(r.exit_code, 3) << r.err << r.out;
    json j = json::parse(r.out);
    const json& w = j["workloads"];
    EXPECT_EQ(w["namespaces"], json({"shop"}));
    EXPECT_EQ(w["pods"], 12);  // report-0 finished, x-0 in another namespace, the l5d pods elsewhere
    EXPECT_EQ(w["skipped"], 1);
    EXPECT_EQ(w["opted_out"], 1);
    EXPECT_EQ(w["meshed"], 10);
    EXPECT_EQ(w["unmeshed"], 1);

    const json* unmeshed = finding(j, "workload pods are meshed", "shop");
    ASSERT_NE(unmeshed, nullptr) << w.dump(2);
    EXPECT_EQ((*unmeshed)["pods"], json({"shop/batch-0"}));
    EXPECT_EQ((*unmeshed)["result"], "warning");

    const json* no_l5d = finding(j, "meshed pods run on a node", "node-3");
    ASSERT_NE(no_l5d, nullptr) << w.dump(2);
    EXPECT_EQ((*no_l5d)["reason"], "no l5d pod on the node");
    EXPECT_EQ((*no_l5d)["pods"], json({"shop/web-3"}));
    const json* unready = finding(j, "meshed pods run on a node", "node-1");
    ASSERT_NE(unready, nullptr);
    EXPECT_EQ((*unready)["reason"], "l5d pod l5d-1 on the node is not ready");
    EXPECT_EQ((*unready)["count"], 2);
    EXPECT_EQ((*unready)["group_kind"], "node");

    // odd-0 runs on node-2, whose l5d serves 4140 and 4141 only (node-0's would serve more).
    bool odd_port = false, unexpanded = false;
    for (const auto& f : w["findings"]) {
        if (f["reason"] == "port 4150 is not served by any l5d router (they serve 4140, 4141)") {
            odd_port = f["pods"] == json({"shop/odd-0"});
        }
        if (f["reason"].get<std::string>().find("$(NODE_NAME), which is not defined before it") != std::string::npos)
            unexpanded = f["pods"] == json({"shop/bad-0"}) && f["result"] == "error";
    }
    EXPECT_TRUE(odd_port) << w.dump(2);
    EXPECT_TRUE(unexpanded) << w.dump(2);

    // The namespace's meshed pods mostly use http-proxy on 4140: legacy-0 (iptables) and odd-0 differ.
    int differing = 0;
    for (const auto& f : w["findings"])
        if (f["check"] == "injection settings agree within each namespace") {
            differing += f["count"].get<int>();
            EXPECT_NE(f["reason"].get<std::string>().find(
                          "unlike 8 of the namespace's 10 meshed pods (http-proxy, port 4140)"),
                      std::string::npos)
                << f;
        }
    EXPECT_EQ(differing, 2);
    EXPECT_EQ((*find_check(j, "meshed pods run on a node"))["result"], "error");
    EXPECT_EQ((*find_check(j, "injection settings agree"))["result"], "warning");
    EXPECT_EQ((*find_check(j, "workload pods are meshed"))["description"],
              "workload pods are meshed (10/11; 1 opted out)");
    EXPECT_FALSE(j["success"].get<bool>());
}

TEST(CheckWorkloads, TextGroupsPodsByNodeWithHints) {
    std::vector<json> pods;
    for (int i = 0; i < 12; ++i) pods.push_back(pod("web-" + std::to_string(i), "node-3", Injection::MeshInject));
    SmallCluster cluster(pods, "shop");  // the context's namespace is the default scope
    auto r = run_mesh_command({"check", "--kubeconfig", cluster.config, "--once", "--workloads"});
    ASSERT_EQ(r.exit_code, 3) << r.err << r.out;
    EXPECT_NE(r.out.find("linkerd-data-plane\n------------------\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[ok] workload pods are meshed (12/12)\n"), std::string::npos) << r.out;
    EXPECT_NE(
        r.out.find("[FAIL] meshed pods run on a node with a ready l5d pod\n"
                   "    * 12 pods on node-3: no l5d pod on the node (shop/web-0, shop/web-1, shop/web-10 and 9 more)\n"
                   "    hint: kubectl get pods -n linkerd -o wide shows where l5d runs"),
        std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("[ok] meshed pods send to a port an l5d router serves\n"), std::string::npos) << r.out;
}

TEST(CheckWorkloads, HealthyWorkloadsPassAndOtherNamespacesStayOut) {
    SmallCluster cluster(std::vector<json>{pod("web-0", "node-0", Injection::MeshInject),
                                           pod("api-0", "node-2", Injection::HandWritten),
                                           pod("x-0", "node-3", Injection::None, 4140, "other")});
    auto r = run_mesh_command({"check", "--kubeconfig", cluster.config, "--once", "--workloads", "--workload-namespace",
                               "shop", "-o", "json"});
    json j = json::parse(r.out);
    for (const char* c : {"workload pods are meshed", "meshed pods send", "meshed pods run", "injection settings"})
        EXPECT_EQ((*find_check(j, c))["result"], "success") << c << r.out;
    EXPECT_TRUE(j["workloads"]["findings"].empty());
    // --all-namespaces sees x-0 (and not the l5d pods, which are the mesh itself).
    r = run_mesh_command(
        {"check", "--kubeconfig", cluster.config, "--once", "--workloads", "--all-namespaces", "-o", "json"});
    j = json::parse(r.out);
    EXPECT_EQ(j["workloads"]["pods"], 3) << r.out;
    EXPECT_EQ(j["workloads"]["namespaces"], nullptr);
    const json* other = finding(j, "workload pods are meshed", "other");
    ASSERT_NE(other, nullptr) << r.out;
    EXPECT_EQ((*other)["pods"], json({"other/x-0"}));
    // --workload-selector narrows the pods; -l still chooses the l5d pods.
    r = run_mesh_command({"check", "--kubeconfig", cluster.config, "--once", "--workloads", "--all-namespaces",
                          "--workload-selector", "app=api", "-o", "json"});
    j = json::parse(r.out);
    EXPECT_EQ(j["workloads"]["pods"], 1) << r.out;
    EXPECT_EQ(j["workloads"]["selector"], "app=api");
}

TEST(CheckWorkloads, ScopeFlagsAreUsageErrorsWithoutWorkloadsOrWithProxies) {
    auto r = run_mesh_command({"check", "--workload-namespace", "shop"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("need --workloads"), std::string::npos) << r.err;
    r = run_mesh_command({"check", "--workloads", "--all-namespaces", "--workload-namespace", "a"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("exclude each other"), std::string::npos) << r.err;
    r = run_mesh_command({"check", "--workloads", "--proxy", "127.0.0.1:9"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("through Kubernetes"), std::string::npos) << r.err;
}

TEST(CheckWorkloads, ForbiddenListingIsAFailingCheck) {
    SmallCluster cluster(std::vector<json>{pod("web-0", "node-0", Injection::MeshInject)});
    // A set-based selector the fake refuses with 400, as an API server refuses a malformed one.
    auto r = run_mesh_command({"check", "--kubeconfig", cluster.config, "--once", "--workloads", "--workload-selector",
                               "app in (web)", "-o", "json"});
    ASSERT_EQ(r.exit_code, 3) << r.err;
    json j = json::parse(r.out);
    const json* listing = find_check(j, "can list the workload pods");
    ASSERT_NE(listing, nullptr) << r.out;
    EXPECT_EQ((*listing)["result"], "error");
    EXPECT_NE((*listing)["error"].get<std::string>().find("400"), std::string::npos) << *listing;
    EXPECT_NE(j["workloads"]["error"], nullptr);
}

TEST(CheckWorkloads, OneListRequestPer500PodsAtMost) {
    FakeLinkerd l5d(FakeMode::Healthy, servicemesh_proxy());
    FakeKubeApi api(scaled_cluster(20, 1200, {l5d.address()}));
    std::string config = write_fake_kubeconfig(api.url());
    auto r =
        run_mesh_command({"check", "--kubeconfig", config, "--once", "--workloads", "--all-namespaces", "-o", "json"});
    ASSERT_EQ(r.exit_code, 3) << r.err;
    json j = json::parse(r.out);
    EXPECT_EQ(j["workloads"]["pods"], 1200);
    EXPECT_EQ(j["workloads"]["unmeshed"], 60);  // i % 20 == 0
    // 19 l5d pods in one page, then 1,200 application pods in pages of 500.
    EXPECT_EQ(api.list_requests(), 1 + 3);
    // node-19 runs no l5d: its 60 pods (i % 20 == 19) are all meshed, and all stranded.
    const json* stranded = finding(j, "meshed pods run on a node", "node-19");
    ASSERT_NE(stranded, nullptr) << r.out;
    EXPECT_EQ((*stranded)["count"], 60);
    // linkerd-inject's pods (i % 40 == 3: 30 of them, 3 in each namespace) differ from their namespace.
    int iptables = 0;
    for (const auto& f : j["workloads"]["findings"])
        if (f["check"] == "injection settings agree within each namespace") iptables += f["count"].get<int>();
    EXPECT_EQ(iptables, 30);
}

TEST(CheckWorkloads, PagesAreReadWhereverTheContinueTokenIsWritten) {
    // mesh asks for the next page while it reads one when the continue token comes first, as
    // kube-apiserver writes it; written last, the token is only known once the page is read.
    // Either way: every pod once, and no request more.
    FakeLinkerd l5d(FakeMode::Healthy, servicemesh_proxy());
    for (bool last : {false, true}) {
        FakeKubeOptions o = scaled_cluster(5, 700, {l5d.address()});
        o.metadata_last = last;
        FakeKubeApi api(o);
        auto r = run_mesh_command(
            {"check", "--kubeconfig", write_fake_kubeconfig(api.url()), "--once", "--workloads", "-A", "-o", "json"});
        ASSERT_EQ(r.exit_code, 3) << r.err;
        json j = json::parse(r.out);
        EXPECT_EQ(j["workloads"]["pods"], 700) << last;
        EXPECT_EQ(j["workloads"]["unmeshed"], 35) << last;
        EXPECT_EQ(api.list_requests(), 1 + 2) << last;
        EXPECT_EQ(api.continue_requests(), 1) << last;
    }
}
