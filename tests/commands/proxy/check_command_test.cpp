// `mesh check` against fake Linkerd admin servers on loopback.

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/commands/proxy/check_json.hpp"
#include "tests/support/fake_linkerd.hpp"
#include "tests/support/interrupting_admin.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/run_in_process.hpp"

using mesh::testing::FakeLinkerd;
using mesh::testing::FakeLinkerdOptions;
using mesh::testing::FakeMode;
using mesh::testing::run_mesh_command;
using nlohmann::json;

using mesh::testing::find_check;

namespace {

FakeLinkerdOptions healthy() {
    FakeLinkerdOptions o;
    o.success_step = 100;
    o.failure_step = 0;
    return o;
}

}  // namespace

TEST(CheckCommand, HealthyMeshPassesInLinkerdCheckStyle) {
    FakeLinkerd a(FakeMode::Healthy, healthy()), b(FakeMode::Healthy, healthy());
    auto r = run_mesh_command({"check", "--proxy", a.address(), "--proxy", b.address(), "--interval", "0.1"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("linkerd-admin\n-------------\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[ok] proxy admin endpoints are reachable (2/2)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[ok] success rates are at least 99.00%"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Status check results are ok\n"), std::string::npos);
}

TEST(CheckCommand, LowSuccessRateFailsAndNamesTheProxyAndClient) {
    FakeLinkerdOptions o;
    o.success_step = 80;
    o.failure_step = 20;
    FakeLinkerd a(FakeMode::Healthy, o);
    auto r = run_mesh_command({"check", "--proxy", a.address(), "--interval", "0.1", "-o", "json"});
    EXPECT_EQ(r.exit_code, 3) << r.out;
    json j = json::parse(r.out);
    EXPECT_FALSE(j["success"].get<bool>());
    const json* sr = find_check(j, "success rates");
    ASSERT_NE(sr, nullptr);
    EXPECT_EQ((*sr)["result"], "error");
    std::string error = (*sr)["error"];
    EXPECT_NE(error.find(a.address() + " router outgoing: success rate 80.00%"), std::string::npos) << error;
    EXPECT_NE(error.find("client io.l5d.k8s/default/http/hello"), std::string::npos) << error;
    // The hint sends the reader to `mesh status -o wide`: that view must show the failing client.
    std::string hint = (*sr)["hint"];
    ASSERT_NE(hint.find("(mesh status -o wide)"), std::string::npos) << hint;
    auto wide = run_mesh_command({"status", "--proxy", a.address(), "--interval", "0.1", "-o", "wide"});
    ASSERT_EQ(wide.exit_code, 0) << wide.err;
    auto client_row = wide.out.find("io.l5d.k8s/default/http/hello");
    ASSERT_NE(client_row, std::string::npos) << wide.out;
    std::string row = wide.out.substr(client_row, wide.out.find('\n', client_row) - client_row);
    EXPECT_NE(row.find("80.00%"), std::string::npos) << wide.out;
}

TEST(CheckCommand, WarningsPassUnlessFailOnWarning) {
    FakeLinkerdOptions o;
    o.success_step = 95;
    o.failure_step = 5;
    FakeLinkerd a(FakeMode::Healthy, o);
    auto r = run_mesh_command({"check", "--proxy", a.address(), "--interval", "0.1", "-o", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    json j = json::parse(r.out);
    EXPECT_TRUE(j["success"].get<bool>());
    EXPECT_EQ((*find_check(j, "success rates"))["result"], "warning");
    r = run_mesh_command({"check", "--proxy", a.address(), "--interval", "0.1", "--fail-on-warning"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.out.find("[warn] success rates"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Status check results are failed"), std::string::npos);
    // A lower threshold makes the same traffic pass.
    r = run_mesh_command({"check", "--proxy", a.address(), "--interval", "0.1", "--fail-on-warning",
                          "--success-rate-warn", "90", "--success-rate-error", "50"});
    EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(CheckCommand, EndpointsEjectionsAndNegClientState) {
    FakeLinkerdOptions o = healthy();
    o.lb_available = 0;
    o.removals_step = 2;
    o.client_state_state = "Neg";
    FakeLinkerd a(FakeMode::Healthy, o);
    auto r = run_mesh_command({"check", "--proxy", a.address(), "--interval", "0.1", "-o", "json"});
    EXPECT_EQ(r.exit_code, 3);
    json j = json::parse(r.out);
    const json* ep = find_check(j, "clients have endpoints");
    ASSERT_NE(ep, nullptr);
    EXPECT_EQ((*ep)["result"], "error");
    EXPECT_NE((*ep)["error"].get<std::string>().find("0/3 endpoints available"), std::string::npos);
    EXPECT_NE((*ep)["error"].get<std::string>().find("no such name (Neg)"), std::string::npos);
    const json* ej = find_check(j, "no endpoints were ejected");
    EXPECT_EQ((*ej)["result"], "warning");
    EXPECT_NE((*ej)["error"].get<std::string>().find("2 endpoints ejected"), std::string::npos) << (*ej)["error"];
}

TEST(CheckCommand, DtabAndVersionSkewAcrossProxies) {
    FakeLinkerdOptions other = healthy();
    other.dtab = "/svc => /#/io.l5d.fs;";
    other.version = "1.6.4";
    FakeLinkerd a(FakeMode::Healthy, healthy()), b(FakeMode::Healthy, other);
    auto r = run_mesh_command({"check", "--once", "--proxy", a.address(), "--proxy", b.address(), "-o", "json"});
    EXPECT_EQ(r.exit_code, 3);
    json j = json::parse(r.out);
    EXPECT_EQ((*find_check(j, "proxies route with the same dtab"))["result"], "error");
    EXPECT_EQ((*find_check(j, "proxy versions are consistent"))["result"], "warning");
    EXPECT_NE((*find_check(j, "proxy versions"))["error"].get<std::string>().find(b.address() + " (1.6.4)"),
              std::string::npos);
}

TEST(CheckCommand, UnreachableAndRecentlyRestartedProxies) {
    FakeLinkerdOptions young = healthy();
    young.uptime_ms = 30000;
    FakeLinkerd a(FakeMode::Healthy, young), refused(FakeMode::Refused);
    auto r = run_mesh_command({"check", "--once", "--proxy", a.address(), "--proxy", refused.address(), "-o", "json"});
    EXPECT_EQ(r.exit_code, 3);
    json j = json::parse(r.out);
    const json* reach = find_check(j, "proxy admin endpoints are reachable");
    EXPECT_EQ((*reach)["result"], "error");
    EXPECT_NE((*reach)["error"].get<std::string>().find(refused.address() +
                                                        ": /admin/metrics.json?tree=1: connection refused"),
              std::string::npos);
    EXPECT_FALSE((*reach)["hint"].get<std::string>().empty());
    const json* restarts = find_check(j, "proxies were not restarted recently");
    EXPECT_EQ((*restarts)["result"], "warning");
    EXPECT_NE((*restarts)["error"].get<std::string>().find("up for only 30s"), std::string::npos);
}

TEST(CheckCommand, ProxiesDownForOneReasonShareALineAndJsonNamesEach) {
    std::vector<std::unique_ptr<FakeLinkerd>> down;
    std::vector<std::string> args{"check", "--once"};
    for (int i = 0; i < 5; ++i) {
        down.push_back(std::make_unique<FakeLinkerd>(FakeMode::Refused));
        args.insert(args.end(), {"--proxy", down.back()->address()});
    }
    auto text = run_mesh_command(args);
    EXPECT_EQ(text.exit_code, 3) << text.err;
    std::string line = "    * /admin/metrics.json?tree=1: connection refused: 5 (" + down[0]->address() + ", " +
                       down[1]->address() + ", " + down[2]->address() + " and 2 more)\n";
    EXPECT_NE(text.out.find(line), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find(down[4]->address()), std::string::npos) << text.out;

    args.insert(args.end(), {"-o", "json"});
    auto doc = run_mesh_command(args);
    EXPECT_EQ(doc.exit_code, 3);
    std::string error = (*find_check(json::parse(doc.out), "proxy admin endpoints are reachable"))["error"];
    for (const auto& proxy : down) EXPECT_NE(error.find(proxy->address() + ": "), std::string::npos) << error;
}

TEST(CheckCommand, NamerdReachability) {
    FakeLinkerd a(FakeMode::Healthy, healthy()), namerd, dead(FakeMode::Refused);
    auto r = run_mesh_command(
        {"check", "--once", "--proxy", a.address(), "--min-uptime", "0", "--namerd-admin", namerd.address()});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("[ok] namerd is reachable"), std::string::npos);
    r = run_mesh_command({"check", "--once", "--proxy", a.address(), "--namerd-admin", dead.address(), "-o", "short"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.out.find("[FAIL] namerd is reachable"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("[ok]"), std::string::npos) << "short output shows only problems";
    // A 404 on /admin/ping: namerd answers, with its admin path blocked (issue 11, item 17); asked
    // with the old name of the flag, which still works but is no longer listed.
    FakeLinkerd blocked(FakeMode::NotFound);
    r = run_mesh_command(
        {"check", "--once", "--proxy", a.address(), "--min-uptime", "0", "--namerd", blocked.address()});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("[ok] namerd is reachable"), std::string::npos) << r.out;
    auto help = run_mesh_command({"check", "--help"});
    EXPECT_NE(help.out.find("--namerd-admin HOST:PORT"), std::string::npos) << help.out;
    EXPECT_EQ(help.out.find("--namerd "), std::string::npos) << help.out;
}

// Ctrl-C in check's second round (the metrics requests after --interval) ends that round at once
// and exits 130: no verdict from half a round (it used to wait out --timeout and exit 3). The
// admin server answers the first round, then presses Ctrl-C itself while holding the second
// round's answer until the run has returned, so only the interruption can end the run early.
TEST(CheckCommand, CtrlCInTheSecondRoundExits130) {
    mesh::testing::InterruptingAdmin admin(1);
    auto r = run_mesh_command({"check", "--proxy", admin.address(), "--interval", "0.1", "--timeout", "60"});
    admin.release();
    EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(admin.metrics_requests(), 2);
}
