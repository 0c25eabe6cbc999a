// `mesh check --workloads` lists the application pods on a thread of its own while the proxies'
// admin rounds run: an error of that listing arriving during the rounds is reported as it always
// was, and Ctrl-C during the listing ends the command at once (exit 130, nothing printed). The
// fake API server holds the listing's answers until the admin requests have reached it, so these
// tests also fail when the listing does not overlap the rounds.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "tests/commands/proxy/check_json.hpp"
#include "tests/support/fake_cluster.hpp"
#include "tests/support/fake_kube_api.hpp"
#include "tests/support/fake_linkerd.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/test_kubeconfig.hpp"
#include "tests/support/testdata.hpp"

// Compiled in a batch with other test files (unity build): everything here has a namespace of its own.
namespace mesh::testing::overlap_test {

using nlohmann::json;

// 4 l5d pods on 5 nodes and 700 application pods: the listing takes two pages of 500.
FakeKubeOptions cluster(const FakeLinkerd& l5d, std::optional<WorkloadListFault> fault = {}) {
    FakeKubeOptions o = scaled_cluster(5, 700, {l5d.address()});
    o.workload_list_fault = std::move(fault);
    return o;
}

// The pod proxy requests of one `check --once` round of that cluster's proxies.
int admin_requests_of_a_round(const FakeLinkerd& l5d) {
    FakeKubeApi api(cluster(l5d));
    auto r = run_mesh_command({"check", "--kubeconfig", write_fake_kubeconfig(api.url()), "--once", "-o", "json"});
    EXPECT_EQ(r.exit_code, 3) << r.err;  // node-4 runs no l5d pod
    EXPECT_GT(api.proxied(), 0);
    return api.proxied();
}

// Writes `script`, an exec credential plugin that runs the shell lines `first` and then prints the
// token the fake accepts, and a kubeconfig for `server` whose user runs it with `env_name` set to
// `env_value`; returns the kubeconfig's path.
std::string kubeconfig_with_exec_plugin(const std::string& server, const std::string& script, const std::string& first,
                                        const std::string& env_name, const std::string& env_value) {
    std::ofstream(script) << "#!/bin/sh\n"
                          << first
                          << "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                             "\"status\":{\"token\":\"good-token\"}}'\n";
    ::chmod(script.c_str(), 0755);
    return write_fake_kubeconfig_with_user(server, "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                                                   "      command: " +
                                                       script +
                                                       "\n      interactiveMode: Never\n      env:\n"
                                                       "      - {name: " +
                                                       env_name + ", value: '" + env_value + "'}\n");
}

// Ctrl-C once `admin_requests` pod proxy requests arrived, the listing's first page held meanwhile.
WorkloadListFault ctrl_c_after(int admin_requests) {
    WorkloadListFault f;
    f.wait_for_proxied = admin_requests;
    f.ctrl_c = true;
    f.hold = true;
    return f;
}

TEST(CheckWorkloadsOverlap, AListingErrorDuringTheAdminRoundIsReportedAsBefore) {
    FakeLinkerd l5d(FakeMode::Healthy, servicemesh_proxy());
    const int round = admin_requests_of_a_round(l5d);
    struct Case {
        WorkloadListFault fault;
        std::string error;
    };
    const std::string forbidden = "pods is forbidden: User \"system:serviceaccount:tools:mesh\" cannot list resource "
                                  "\"pods\" in API group \"\" at the cluster scope";
    std::vector<Case> cases{
        {{1, round, false, false, 403, "Forbidden", forbidden, false},
         "listing pods in all namespaces: API server answered 403: " + forbidden +
             "; RBAC forbids it (kubectl auth can-i)"},
        {{1, round, false, false, 401, "Unauthorized", "Unauthorized", false},
         "listing pods in all namespaces: API server answered 401: Unauthorized; the API server rejected the "
         "credentials (expired token or certificate?)"},
        {{1, round, false, false, 0, "", "", true}, "the API server returned the same continue token twice"},
    };
    for (const auto& c : cases) {
        // The listing's second page is answered (with the error) once every admin request of the
        // round has reached the fake: only a listing that runs beside the round gets it in time.
        FakeKubeApi api(cluster(l5d, c.fault));
        std::string config = write_fake_kubeconfig(api.url());
        auto r = run_mesh_command({"check", "--kubeconfig", config, "--once", "--workloads", "-A", "-o", "json"});
        ASSERT_EQ(r.exit_code, 3) << r.err;
        EXPECT_FALSE(api.fault_waited_out()) << c.error << ": the listing did not run during the admin round";
        json j = json::parse(r.out);
        const json* listing = find_check(j, "can list the workload pods");
        ASSERT_NE(listing, nullptr) << r.out;
        EXPECT_EQ((*listing)["result"], "error");
        EXPECT_EQ((*listing)["error"], c.error);
        EXPECT_EQ(j["workloads"]["error"], c.error);
        // The admin round's own checks are all there: the proxies answered.
        const json* answered = find_check(j, "proxy admin endpoints are reachable");
        ASSERT_NE(answered, nullptr) << r.out;
        EXPECT_EQ((*answered)["result"], "success") << *answered;
        EXPECT_EQ(r.err, "");
    }
}

TEST(CheckWorkloadsOverlap, CtrlCDuringTheAdminRoundEndsTheListingToo) {
    // Ctrl-C comes with the first admin request, while the listing's first page is held: the
    // command ends without its answer (which comes only after release(), once the run returned).
    FakeLinkerd l5d(FakeMode::Healthy, servicemesh_proxy());
    FakeKubeApi api(cluster(l5d, ctrl_c_after(1)));
    auto r = run_mesh_command({"check", "--kubeconfig", write_fake_kubeconfig(api.url()), "--once", "--workloads", "-A",
                               "--request-timeout", "120s"});
    EXPECT_TRUE(api.fault_holding()) << "the listing ended by its answer, not by Ctrl-C";
    api.release();
    EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_FALSE(api.fault_waited_out());
}

TEST(CheckWorkloadsOverlap, CtrlCWhileTheListingRunsOnAfterTheAdminRound) {
    // Every admin request of the round has been answered when Ctrl-C comes: the command is waiting
    // for the listing (or about to), whose first page is held until the run has returned.
    FakeLinkerd l5d(FakeMode::Healthy, servicemesh_proxy());
    const int round = admin_requests_of_a_round(l5d);
    FakeKubeApi api(cluster(l5d, ctrl_c_after(round)));
    auto r = run_mesh_command({"check", "--kubeconfig", write_fake_kubeconfig(api.url()), "--once", "--workloads", "-A",
                               "-o", "json", "--request-timeout", "120s"});
    EXPECT_TRUE(api.fault_holding()) << "the listing ended by its answer, not by Ctrl-C";
    api.release();
    EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_FALSE(api.fault_waited_out());
}

TEST(CheckWorkloadsOverlap, AnExecPluginRunsOnceForBothListings) {
    // The proxies' discovery and the workload listing (each with its own API client) share the
    // plugin's credential: it runs once, whichever asks first.
    FakeLinkerd l5d(FakeMode::Healthy, servicemesh_proxy());
    FakeKubeApi api(cluster(l5d));
    std::string counter = ::testing::TempDir() + "/overlap-exec-runs-" + std::to_string(::getpid());
    std::remove(counter.c_str());
    std::string script = ::testing::TempDir() + "/overlap-exec-" + std::to_string(::getpid()) + ".sh";
    std::string config =
        kubeconfig_with_exec_plugin(api.url(), script, "echo run >> \"$COUNTER\"\n", "COUNTER", counter);
    auto r = run_mesh_command({"check", "--kubeconfig", config, "--once", "--workloads", "-A", "-o", "json"});
    ASSERT_EQ(r.exit_code, 3) << r.err;
    EXPECT_EQ(json::parse(r.out)["workloads"]["pods"], 700);
    std::ifstream runs(counter);
    int lines = 0;
    for (std::string l; std::getline(runs, l);) ++lines;
    EXPECT_EQ(lines, 1);
    std::remove(counter.c_str());
    std::remove(script.c_str());
}

TEST(CheckWorkloadsOverlap, CtrlCWhileTheListingsExecPluginRunsEndsItAtOnce) {
    // The listing's second page gets a 401, so the listing thread runs the plugin again for a new
    // credential. That second run presses Ctrl-C and sleeps: a plugin has a process group of its
    // own, so the Ctrl-C reaches mesh alone, which must kill the plugin instead of waiting out its
    // 60 s limit.
    FakeLinkerd l5d(FakeMode::Healthy, servicemesh_proxy());
    const int round = admin_requests_of_a_round(l5d);
    FakeKubeApi api(
        cluster(l5d, WorkloadListFault{1, round, false, false, 401, "Unauthorized", "Unauthorized", false}));
    std::string mark = ::testing::TempDir() + "/overlap-exec-ran-" + std::to_string(::getpid());
    std::remove(mark.c_str());
    std::string script = ::testing::TempDir() + "/overlap-exec-sleeps-" + std::to_string(::getpid()) + ".sh";
    std::string config = kubeconfig_with_exec_plugin(
        api.url(), script, "if [ -e \"$MARK\" ]; then kill -INT $PPID; exec sleep 300; fi\ntouch \"$MARK\"\n", "MARK",
        mark);
    auto started = std::chrono::steady_clock::now();
    auto r = run_mesh_command({"check", "--kubeconfig", config, "--once", "--workloads", "-A", "-o", "json"});
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30)) << "mesh waited for the plugin";
    EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    std::remove(mark.c_str());
    std::remove(script.c_str());
}

TEST(CheckWorkloadsOverlap, VerboseLinesOfBothThreadsStayWhole) {
    FakeLinkerd l5d(FakeMode::Healthy, servicemesh_proxy());
    FakeKubeApi api(cluster(l5d));
    auto r = run_mesh_command(
        {"check", "--kubeconfig", write_fake_kubeconfig(api.url()), "--once", "--workloads", "-A", "-o", "json", "-v"});
    ASSERT_EQ(r.exit_code, 3) << r.err;
    const std::regex whole(R"(mesh: GET https://127\.0\.0\.1:\d+/\S+ \d{3} in \d+ milliseconds)");
    int listing = 0, admin = 0;
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);) {
        EXPECT_TRUE(std::regex_match(line, whole)) << line;
        listing += line.find("/api/v1/pods?limit=500") != std::string::npos;
        admin += line.find("/proxy/") != std::string::npos;
    }
    EXPECT_EQ(listing, 2);
    EXPECT_GT(admin, 0);
}

}  // namespace mesh::testing::overlap_test
