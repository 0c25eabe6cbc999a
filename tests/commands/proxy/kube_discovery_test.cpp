// `mesh status` / `mesh check` through a fake Kubernetes API server over TLS.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "libmesh/core/base64.hpp"
#include "libmesh/kube/kubeconfig.hpp"
#include "tests/support/fake_kube_api.hpp"
#include "tests/support/fake_linkerd.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/process_state.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::testing;
using nlohmann::json;

namespace {

std::string base64(const std::string& in) { return mesh::core::base64_encode(in); }

std::string write_temp(const std::string& name, const std::string& content, bool executable = false) {
    std::string path = ::testing::TempDir() + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    if (executable) chmod(path.c_str(), 0755);
    return path;
}

// A kubeconfig for `server` trusting the test CA, with `user_yaml` as the user entry body.
std::string kubeconfig(const std::string& name, const std::string& server, const std::string& user_yaml) {
    std::string ca = base64(read_testdata("kube/tls/server.crt"));
    return write_temp(name, "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
                            "clusters:\n- name: fake\n  cluster:\n    server: " +
                                server + "\n    certificate-authority-data: " + ca +
                                "\ncontexts:\n- name: test\n  context: {cluster: fake, user: me}\n"
                                "users:\n- name: me\n  user:\n" +
                                user_yaml);
}

FakeKubeOptions cluster_of(const std::vector<const FakeLinkerd*>& proxies) {
    FakeKubeOptions o;
    int i = 0;
    for (const auto* p : proxies) {
        FakePod pod;
        pod.name = "l5d-" + std::to_string(i);
        pod.node = "node-" + std::to_string(i);
        pod.backend = p ? p->address() : "";
        o.pods.push_back(pod);
        o.nodes.push_back(pod.node);
        ++i;
    }
    return o;
}

}  // namespace

TEST(KubeDiscovery, StatusFollowsEveryPageAndGoesThroughThePodProxy) {
    FakeLinkerd a, b, c, d;
    FakeKubeApi api(cluster_of({&a, &b, &c, &d, nullptr}));
    std::string config = kubeconfig("kc-token.yaml", api.url(), "    token: good-token\n");
    auto r = run_mesh_command({"status", "--kubeconfig", config, "--once", "-o", "json", "-v"});
    ASSERT_EQ(r.exit_code, 3) << r.err << r.out;  // the fifth pod's admin refuses
    json j = json::parse(r.out);
    ASSERT_EQ(j["proxies"].size(), 5u);
    EXPECT_EQ(api.list_requests(), 3);  // 5 pods, at most 2 a page
    EXPECT_EQ(api.continue_requests(), 2);
    for (int i = 0; i < 4; ++i) {
        EXPECT_TRUE(j["proxies"][i]["up"].get<bool>()) << j["proxies"][i];
        EXPECT_EQ(j["proxies"][i]["node"], "node-" + std::to_string(i));
        EXPECT_EQ(j["proxies"][i]["version"], "1.7.5");
    }
    const json& down = j["proxies"][4];
    EXPECT_EQ(down["name"], "l5d-4");
    EXPECT_EQ(down["error"]["kind"], "apiserver 503");
    EXPECT_NE(down["error"]["reason"].get<std::string>().find("connection refused"), std::string::npos);
    EXPECT_NE(down["error"]["hint"].get<std::string>().find("0.0.0.0"), std::string::npos);
    EXPECT_NE(r.err.find("/api/v1/namespaces/linkerd/pods/l5d-0:9990/proxy/admin/metrics.json?tree=1 200"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("good-token"), std::string::npos) << "the -v log must not show the token";
    EXPECT_EQ(r.out.find("good-token"), std::string::npos);
}

TEST(KubeDiscovery, BadTokenIsA401ErrorWithoutTheToken) {
    FakeLinkerd a;
    FakeKubeApi api(cluster_of({&a}));
    std::string config = kubeconfig("kc-bad.yaml", api.url(), "    token: wrong-secret-token\n");
    auto r = run_mesh_command({"status", "--kubeconfig", config, "--once"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("401"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("wrong-secret-token"), std::string::npos);
    // --token overrides the kubeconfig's.
    r = run_mesh_command({"status", "--kubeconfig", config, "--once", "--token", "good-token"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(KubeDiscovery, UntrustedServerCertificateFailsUnlessSkipped) {
    FakeLinkerd a;
    FakeKubeApi api(cluster_of({&a}));
    std::string config =
        write_temp("kc-noca.yaml", "current-context: t\ncontexts:\n- name: t\n  context: {cluster: f, user: u}\n"
                                   "clusters:\n- name: f\n  cluster: {server: '" +
                                       api.url() +
                                       "'}\n"
                                       "users:\n- name: u\n  user: {token: good-token}\n");
    auto r = run_mesh_command({"status", "--kubeconfig", config, "--once"});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    r = run_mesh_command({"status", "--kubeconfig", config, "--once", "--insecure-skip-tls-verify"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(KubeDiscovery, TlsServerNameDiffersFromTheAddress) {
    FakeLinkerd a;
    FakeKubeApi api(cluster_of({&a}));
    // The certificate names localhost and 127.0.0.1; connect to 127.0.0.1, verify as "localhost".
    std::string ca = base64(read_testdata("kube/tls/server.crt"));
    std::string config = write_temp(
        "kc-sni.yaml", "current-context: t\ncontexts:\n- name: t\n  context: {cluster: f, user: u}\n"
                       "clusters:\n- name: f\n  cluster:\n    server: " +
                           api.url() + "\n    tls-server-name: localhost\n    certificate-authority-data: " + ca +
                           "\nusers:\n- name: u\n  user: {token: good-token}\n");
    auto r = run_mesh_command({"status", "--kubeconfig", config, "--once", "-v"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("GET https://localhost:"), std::string::npos) << r.err;
    std::string wrong = write_temp(
        "kc-sni-bad.yaml", "current-context: t\ncontexts:\n- name: t\n  context: {cluster: f, user: u}\n"
                           "clusters:\n- name: f\n  cluster:\n    server: " +
                               api.url() +
                               "\n    tls-server-name: not-in-the-cert.example\n    certificate-authority-data: " + ca +
                               "\nusers:\n- name: u\n  user: {token: good-token}\n");
    r = run_mesh_command({"status", "--kubeconfig", wrong, "--once"});
    EXPECT_EQ(r.exit_code, 1);
}

TEST(KubeDiscovery, ExecPluginRunsWithoutAShellIsCachedAndRefreshedAfter401) {
    FakeLinkerd a, b;
    FakeKubeApi api(cluster_of({&a, &b}));
    std::string counter = ::testing::TempDir() + "/exec-runs";
    std::remove(counter.c_str());
    // First run hands out a token the server rejects; later runs the right one.
    std::string script =
        write_temp("exec-plugin.sh",
                   "#!/bin/sh\n"
                   "echo run >> \"$COUNTER\"\n"
                   "case \"$KUBERNETES_EXEC_INFO\" in *'\"interactive\":false'*) ;; *) exit 7;; esac\n"
                   "if [ \"$(wc -l < \"$COUNTER\")\" -eq 1 ]; then t=stale-token; else t=\"$1\"; fi\n"
                   "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                   "\"status\":{\"token\":\"%s\"}}' \"$t\"\n",
                   true);
    std::string config = kubeconfig("kc-exec.yaml", api.url(),
                                    "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                                    "      command: " +
                                        script +
                                        "\n      args: ['good-token']\n"
                                        "      interactiveMode: Never\n      env:\n      - {name: COUNTER, value: '" +
                                        counter + "'}\n");
    auto r = run_mesh_command({"status", "--kubeconfig", config, "--once", "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json::parse(r.out)["summary"]["up"], 2);
    EXPECT_EQ(api.unauthorized(), 1);
    std::ifstream runs(counter);
    int lines = 0;
    for (std::string l; std::getline(runs, l);) ++lines;
    EXPECT_EQ(lines, 2) << "the plugin runs once, and once more after the 401; then its token is cached";
}

// Ctrl-C while discovery's exec plugin runs (the first request of status or check) ends mesh at
// once with 130 and kills the plugin: it has a process group of its own, so the terminal's Ctrl-C
// reaches mesh alone. Before the fix mesh died of the signal and the plugin ran on.
TEST(KubeDiscovery, CtrlCWhileDiscoverysExecPluginRunsEndsBoth) {
    FakeLinkerd a;
    FakeKubeApi api(cluster_of({&a}));
    for (const char* command : {"status", "check"}) {
        std::string pid_file = ::testing::TempDir() + "/discovery-plugin-pid-" + command;
        std::remove(pid_file.c_str());
        std::string script = write_temp(std::string("exec-ctrl-c-") + command + ".sh",
                                        "#!/bin/sh\necho $$ > \"$PIDFILE\"\nkill -INT $PPID\nexec sleep 300\n", true);
        std::string config =
            kubeconfig("kc-exec-ctrl-c.yaml", api.url(),
                       "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                       "      command: " +
                           script + "\n      interactiveMode: Never\n      env:\n      - {name: PIDFILE, value: '" +
                           pid_file + "'}\n");
        auto started = std::chrono::steady_clock::now();
        auto r = run_mesh_command({command, "--kubeconfig", config, "--once"});
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30)) << command;
        EXPECT_EQ(r.exit_code, 130) << command << r.out << r.err;
        EXPECT_EQ(r.out, "") << command;
        pid_t plugin = 0;
        ASSERT_TRUE(std::ifstream(pid_file) >> plugin) << command;
        bool ended = mesh::testing::process_ended(plugin);
        if (!ended) ::kill(plugin, SIGKILL);  // the test's own leftover
        EXPECT_TRUE(ended) << command << ": the plugin (" << plugin << ") still runs";
        std::remove(pid_file.c_str());
    }
}

TEST(KubeDiscovery, ExecPluginFailureIsReported) {
    FakeKubeApi api(cluster_of({}));
    std::string script = write_temp("exec-fail.sh", "#!/bin/sh\necho nope >&2\nexit 3\n", true);
    std::string config = kubeconfig("kc-exec-fail.yaml", api.url(),
                                    "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n"
                                    "      command: " +
                                        script + "\n      installHint: install the plugin\n");
    auto r = run_mesh_command({"status", "--kubeconfig", config, "--once"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("exit status 3"), std::string::npos) << r.err;
}

TEST(KubeDiscovery, ClientCertificateAuth) {
    FakeLinkerd a;
    FakeKubeOptions o = cluster_of({&a});
    o.client_cert_auth = true;
    FakeKubeApi api(o);
    std::string config = kubeconfig("kc-cert.yaml", api.url(),
                                    "    client-certificate: " + testdata_path("kube/tls/client.crt") +
                                        "\n    client-key: " + testdata_path("kube/tls/client.key") + "\n");
    auto r = run_mesh_command({"status", "--kubeconfig", config, "--once", "-o", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string data_config =
        kubeconfig("kc-cert-data.yaml", api.url(),
                   "    client-certificate-data: " + base64(read_testdata("kube/tls/client.crt")) +
                       "\n    client-key-data: " + base64(read_testdata("kube/tls/client.key")) + "\n");
    r = run_mesh_command({"status", "--kubeconfig", data_config, "--once", "-o", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string no_cert = kubeconfig("kc-nocert.yaml", api.url(), "    token: x\n");
    r = run_mesh_command({"status", "--kubeconfig", no_cert, "--once"});
    EXPECT_EQ(r.exit_code, 1);
}

TEST(KubeDiscovery, KubeconfigEnvListAndEmptyNamespaceHint) {
    FakeLinkerd a;
    FakeKubeApi api(cluster_of({&a}));
    std::string config = kubeconfig("kc-env.yaml", api.url(), "    token: good-token\n");
    auto r = run_mesh_command({"status", "--once", "-n", "other"}, {{"KUBECONFIG", "/nonexistent:" + config}});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no proxy pods"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("-n NAMESPACE"), std::string::npos);
    r = run_mesh_command({"status", "--once", "-l", "app=other"}, {{"KUBECONFIG", config}});
    EXPECT_EQ(r.exit_code, 1);
    r = run_mesh_command({"status", "--once"}, {{"KUBECONFIG", config}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(KubeDiscovery, CheckCoversNodesAndPods) {
    FakeLinkerd a, b;
    FakeKubeOptions o = cluster_of({&a, &b});
    o.pods[1].ready = false;
    o.nodes.push_back("node-without-proxy");
    FakeKubeApi api(o);
    std::string config = kubeconfig("kc-check.yaml", api.url(), "    token: good-token\n");
    auto r = run_mesh_command({"check", "--kubeconfig", config, "--once", "--min-uptime", "0", "-o", "json"});
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    json j = json::parse(r.out);
    EXPECT_EQ(j["categories"][0]["categoryName"], "kubernetes-api");
    EXPECT_EQ(j["categories"][1]["categoryName"], "linkerd-existence");
    std::map<std::string, json> checks;
    for (const auto& c : j["categories"][1]["checks"]) checks[c["description"]] = c;
    EXPECT_EQ(checks["namespace linkerd exists"]["result"], "success");
    EXPECT_EQ(checks["a DaemonSet runs the proxies"]["result"], "success");
    EXPECT_EQ(checks["proxy pods are ready"]["result"], "error");
    EXPECT_NE(checks["proxy pods are ready"]["error"].get<std::string>().find("l5d-1"), std::string::npos);
    auto nodes = checks["every schedulable node has a ready proxy"];
    EXPECT_EQ(nodes["result"], "error");
    EXPECT_NE(nodes["error"].get<std::string>().find("node-without-proxy"), std::string::npos);
    EXPECT_NE(nodes["error"].get<std::string>().find("node-1"), std::string::npos);
}

TEST(KubeDiscovery, DirectModeUsesThePodIp) {
    // Pod IPs of the fake are not routable here: --direct must try them (and fail), not the API server.
    FakeLinkerd a;
    FakeKubeApi api(cluster_of({&a}));
    std::string config = kubeconfig("kc-direct.yaml", api.url(), "    token: good-token\n");
    auto r = run_mesh_command(
        {"status", "--kubeconfig", config, "--once", "--direct", "--timeout", "0.2", "-o", "json", "-v"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("GET http://10.244.0.2:9990/admin/metrics.json?tree=1"), std::string::npos) << r.err;
    EXPECT_EQ(api.proxied(), 0);
}

TEST(KubeDiscovery, CheckRendersAMissingKubeconfigAsAFailingCheck) {
    // No kubeconfig anywhere and not in a pod: the first check fails, in text and in JSON.
    std::map<std::string, std::string> env{{"KUBECONFIG", "/nonexistent/kubeconfig"}, {"HOME", "/nonexistent"}};
    auto text = run_mesh_command({"check", "--once"}, env);
    EXPECT_EQ(text.exit_code, 3) << text.err;
    EXPECT_EQ(text.err, "");
    EXPECT_NE(text.out.find("kubernetes-api\n--------------\n[FAIL] can initialize the client\n"), std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("    hint: set KUBECONFIG or --kubeconfig"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Status check results are failed\n"), std::string::npos) << text.out;
    auto doc = run_mesh_command({"check", "--once", "-o", "json"}, env);
    EXPECT_EQ(doc.exit_code, 3);
    json j = json::parse(doc.out);
    EXPECT_FALSE(j["success"].get<bool>());
    ASSERT_EQ(j["categories"].size(), 1u);
    EXPECT_EQ(j["categories"][0]["checks"][0]["result"], "error");
    EXPECT_FALSE(j["categories"][0]["checks"][0]["error"].get<std::string>().empty());
    // status has no checks to render: the same failure is an error there.
    EXPECT_EQ(run_mesh_command({"status", "--once"}, env).exit_code, 1);
}

TEST(KubeDiscovery, CheckRendersA401AsAFailingQueryWithoutTheToken) {
    FakeLinkerd a;
    FakeKubeApi api(cluster_of({&a}));
    std::string config = kubeconfig("kc-check-401.yaml", api.url(), "    token: wrong-secret-token\n");
    auto r = run_mesh_command({"check", "--kubeconfig", config, "--once", "-o", "json"});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    json j = json::parse(r.out);
    const json& checks = j["categories"][0]["checks"];
    EXPECT_EQ(checks[0]["description"], "can initialize the client");
    EXPECT_EQ(checks[0]["result"], "success");
    EXPECT_EQ(checks[1]["description"], "can query the Kubernetes API");
    EXPECT_EQ(checks[1]["result"], "error");
    EXPECT_NE(checks[1]["error"].get<std::string>().find("401"), std::string::npos) << checks[1];
    EXPECT_NE(checks[1]["hint"].get<std::string>().find("RBAC"), std::string::npos);
    EXPECT_EQ(r.out.find("wrong-secret-token"), std::string::npos);
}

TEST(KubeDiscovery, CheckRendersNoProxyPodsAsAFailingCheck) {
    FakeLinkerd a;
    FakeKubeApi api(cluster_of({&a}));
    std::string config = kubeconfig("kc-check-empty.yaml", api.url(), "    token: good-token\n");
    auto r = run_mesh_command({"check", "--kubeconfig", config, "--once", "-o", "json", "-l", "app=other"});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    json j = json::parse(r.out);
    const json& existence = j["categories"][1]["checks"];
    EXPECT_EQ(existence.back()["description"], "proxy pods exist");
    EXPECT_EQ(existence.back()["result"], "error");
    EXPECT_NE(existence.back()["hint"].get<std::string>().find("-l SELECTOR"), std::string::npos);
}

TEST(KubeDiscovery, StatusTakesTheVersionFromThePodImageWithoutASecondRequest) {
    FakeLinkerd a, b;
    FakeKubeApi api(cluster_of({&a, &b}));
    std::string config = kubeconfig("kc-version.yaml", api.url(), "    token: good-token\n");
    auto r = run_mesh_command({"status", "--kubeconfig", config, "--once", "-o", "json", "-v"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out);
    for (const auto& proxy : j["proxies"]) EXPECT_EQ(proxy["version"], "1.7.5");  // buoyantio/linkerd:1.7.5
    // -v logs every request: the metrics of each proxy, and no /admin/server_info.
    EXPECT_NE(r.err.find("/pods/l5d-1:9990/proxy/admin/metrics.json?tree=1 200"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("server_info"), std::string::npos) << r.err;
    EXPECT_EQ(a.metrics_requests(), 1);
}

// A hostile or broken API server that hands out the same continue token again would keep a
// paginated listing going forever: the second time is an error, after two requests.
TEST(KubeDiscovery, AContinueTokenGivenTwiceIsRefused) {
    httplib::Server api;
    std::atomic<int> lists{0};
    api.Get(R"(/api/v1/namespaces/linkerd/pods)", [&](const httplib::Request&, httplib::Response& res) {
        ++lists;
        res.set_content(R"({"kind":"PodList","apiVersion":"v1","metadata":{"continue":"again"},"items":[]})",
                        "application/json");
    });
    std::thread thread;
    int port = start_loopback_server(api, thread);
    std::string config =
        write_temp("kubeconfig-same-continue",
                   "apiVersion: v1\nkind: Config\ncurrent-context: t\nclusters:\n- name: c\n  cluster:\n"
                   "    server: http://127.0.0.1:" +
                       std::to_string(port) +
                       "\ncontexts:\n- name: t\n  context: {cluster: c, user: u}\nusers:\n- name: u\n"
                       "  user: {token: abc}\n");
    auto r = run_mesh_command({"status", "--kubeconfig", config, "--once"});
    stop_loopback_server(api, thread);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find("the API server returned the same continue token twice"), std::string::npos) << r.err;
    EXPECT_EQ(lists.load(), 2);
}
