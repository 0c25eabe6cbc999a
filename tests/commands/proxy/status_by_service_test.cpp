// `mesh status --by service` against fake Linkerd admin servers on loopback.

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <thread>

#include "tests/support/fake_linkerd.hpp"
#include "tests/support/interrupting_admin.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/run_in_process.hpp"

using mesh::testing::FakeLinkerd;
using mesh::testing::FakeLinkerdOptions;
using mesh::testing::FakeMode;
using mesh::testing::run_mesh_command;
using nlohmann::json;

namespace {

const char* const k_client_id = "/%/io.l5d.k8s.daemonset/default/incoming/l5d/#/io.l5d.k8s/default/http/hello";

}  // namespace

TEST(StatusByService, SumsTheFleetPerServiceAndClient) {
    FakeLinkerdOptions oa, ob;
    oa.success_step = 90;
    oa.failure_step = 10;
    oa.p99_ms = 41;
    ob.success_step = 95;
    ob.failure_step = 5;
    ob.p99_ms = 80;
    FakeLinkerd a(FakeMode::Healthy, oa), b(FakeMode::Healthy, ob);
    auto r = run_mesh_command({"status", "--by", "service", "--proxy", a.address(), "--proxy", b.address(),
                               "--interval", "0.2", "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out);
    ASSERT_EQ(j["services"].size(), 1u) << r.out;
    const json& s = j["services"][0];
    EXPECT_EQ(s["router"], "outgoing");
    EXPECT_EQ(s["service"], "/svc/hello");
    EXPECT_EQ(s["proxies"], 2);
    // Each fake advanced once between the samples: 90 + 95 successes of 200 requests.
    EXPECT_EQ(s["requests"], 200);
    EXPECT_NEAR(s["success_rate"].get<double>(), 185.0 / 200.0, 1e-12);
    EXPECT_GT(s["rps"].get<double>(), 0);
    EXPECT_EQ(s["latency_ms"]["p99"], 80);
    EXPECT_EQ(s["retries"], 0);  // the fakes' retries/total does not move
    ASSERT_EQ(s["clients"].size(), 1u);
    const json& c = s["clients"][0];
    EXPECT_EQ(c["id"], k_client_id);
    EXPECT_EQ(c["display"], "/#/io.l5d.k8s/default/http/hello");
    EXPECT_EQ(c["proxies"], 2);
    EXPECT_EQ(c["requests"], 200);
    EXPECT_NEAR(c["success_rate"].get<double>(), 185.0 / 200.0, 1e-12);
    EXPECT_EQ(c["requeues"], 0);
    EXPECT_NE(j["latency_ms_is"].get<std::string>().find("highest of the proxies"), std::string::npos);
    EXPECT_EQ(j["summary"]["up"], 2);
    EXPECT_EQ(j["summary"]["services"], 1);
    EXPECT_TRUE(j["down"].empty());
}

TEST(StatusByService, TextShowsServiceThenClientAndNamesTheDownProxy) {
    FakeLinkerd good, refused(FakeMode::Refused);
    auto r = run_mesh_command(
        {"status", "--by", "service", "--once", "--proxy", good.address(), "--proxy", refused.address()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    std::istringstream lines(r.out);
    std::string header, service, client;
    std::getline(lines, header);
    std::getline(lines, service);
    std::getline(lines, client);
    EXPECT_NE(header.find("P99_MAX"), std::string::npos) << r.out;
    EXPECT_EQ(service.rfind("outgoing", 0), 0u) << r.out;
    EXPECT_NE(service.find("/svc/hello"), std::string::npos) << r.out;
    EXPECT_NE(client.find("-> /#/io.l5d.k8s/default/http/hello"), std::string::npos) << r.out;
    // --once: cumulative counters, 100000 successes of 101000.
    EXPECT_NE(service.find("99.01%"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2 proxies: 1 up, 1 down"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(refused.address() + ": /admin/metrics.json?tree=1: connection refused"), std::string::npos)
        << r.out;
}

TEST(StatusByService, FlatMetricsGiveTheSameRows) {
    // A proxy that ignores ?tree=1 is read through the flat parser; the rows must not change.
    FakeLinkerd model;
    httplib::Server flat;
    int tick = 0;
    flat.Get("/admin/metrics.json", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(mesh::testing::flatten_metrics(model.metrics_tree(tick++)).dump(), "application/json");
    });
    std::thread thread;
    int port = mesh::testing::start_loopback_server(flat, thread);
    auto tree_run = run_mesh_command({"status", "--by", "service", "--once", "--proxy", model.address(), "-o", "json"});
    auto flat_run = run_mesh_command(
        {"status", "--by", "service", "--once", "--proxy", "127.0.0.1:" + std::to_string(port), "-o", "json"});
    mesh::testing::stop_loopback_server(flat, thread);
    ASSERT_EQ(tree_run.exit_code, 0) << tree_run.err;
    ASSERT_EQ(flat_run.exit_code, 0) << flat_run.err;
    json t = json::parse(tree_run.out), f = json::parse(flat_run.out);
    EXPECT_EQ(t["services"], f["services"]);
    EXPECT_EQ(f["services"][0]["clients"][0]["id"], k_client_id);
}

TEST(StatusByService, WideIsAUsageErrorAndByIsChecked) {
    FakeLinkerd a;
    auto wide = run_mesh_command({"status", "--by", "service", "--proxy", a.address(), "-o", "wide"});
    EXPECT_EQ(wide.exit_code, 2);
    EXPECT_EQ(wide.out, "");
    EXPECT_NE(wide.err.find("-o wide is for --by proxy"), std::string::npos) << wide.err;
    auto bad = run_mesh_command({"status", "--by", "client", "--proxy", a.address()});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.out, "");
    EXPECT_EQ(a.metrics_requests(), 0);
}

// --watch: every frame is one JSON document over one interval, and each frame's second sample
// is the next frame's first (4 metrics requests give 3 frames' worth; the 4th request presses
// Ctrl-C, so exactly two frames were printed and the run exits 130).
TEST(StatusByService, WatchPrintsAFramePerIntervalUntilCtrlC) {
    mesh::testing::InterruptingAdmin admin(3);
    auto r = run_mesh_command({"status", "--by", "service", "--watch", "--proxy", admin.address(), "--interval", "0.1",
                               "--timeout", "60", "-o", "json"});
    admin.release();
    EXPECT_EQ(r.exit_code, 130) << r.err;
    EXPECT_EQ(admin.metrics_requests(), 4);
    // Two documents, one after the other.
    std::size_t frames = 0;
    std::string rest = r.out;
    while (!rest.empty() && rest.find_first_not_of("\n") != std::string::npos) {
        std::size_t end = rest.find("\n}\n");
        ASSERT_NE(end, std::string::npos) << r.out;
        json frame = json::parse(rest.substr(0, end + 3));
        EXPECT_EQ(frame["services"][0]["service"], "/svc/hello");
        EXPECT_EQ(frame["services"][0]["requests"], 100);  // one tick of 95 + 5 per frame
        ++frames;
        rest = rest.substr(end + 3);
    }
    EXPECT_EQ(frames, 2u);
}
