// `mesh status` against fake Linkerd admin servers on loopback.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>

#include "tests/support/fake_linkerd.hpp"
#include "tests/support/run_in_process.hpp"

using mesh::testing::FakeLinkerd;
using mesh::testing::FakeLinkerdOptions;
using mesh::testing::FakeMode;
using mesh::testing::run_mesh_command;
using nlohmann::json;

TEST(StatusCommand, TwoSamplesGiveExactSuccessRateAndPositiveRps) {
    FakeLinkerdOptions o;
    o.success_step = 90;
    o.failure_step = 10;
    FakeLinkerd a(FakeMode::Healthy, o), b;
    auto r = run_mesh_command(
        {"status", "--proxy", a.address(), "--proxy", "http://" + b.address(), "--interval", "0.2", "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out);
    ASSERT_EQ(j["proxies"].size(), 2u);
    const json& pa = j["proxies"][0];
    EXPECT_TRUE(pa["up"].get<bool>());
    EXPECT_EQ(pa["version"], "1.7.5");
    // Two routers' servers each advance 90 successes and 10 failures per sample.
    EXPECT_NEAR(pa["success_rate"].get<double>(), 0.90, 1e-9);
    EXPECT_NEAR(j["proxies"][1]["success_rate"].get<double>(), 0.95, 1e-9);
    EXPECT_GT(pa["rps"].get<double>(), 0);
    EXPECT_EQ(pa["latency_ms"]["p99"], 41);
    EXPECT_EQ(pa["connections"], 24);
    // The time between the two samples; the interval counts from the first round's start, so how
    // long that round took (load, sanitizers) comes off it.
    EXPECT_GT(j["window_s"].get<double>(), 0);
    EXPECT_EQ(j["summary"]["up"], 2);
    EXPECT_EQ(a.metrics_requests(), 2);
}

TEST(StatusCommand, OnceUsesCumulativeCountersAndHistogramWindow) {
    FakeLinkerd a;
    auto r = run_mesh_command({"status", "--proxy", a.address(), "--once", "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out);
    const json& p = j["proxies"][0];
    EXPECT_TRUE(j["window_s"].is_null());
    EXPECT_NEAR(p["success_rate"].get<double>(), 100000.0 / 101000.0, 1e-9);
    EXPECT_NEAR(p["rps"].get<double>(), 2 * 600 / 60.0, 1e-9);  // two servers, count 600 each
    EXPECT_EQ(a.metrics_requests(), 1);
}

TEST(StatusCommand, DownProxiesAreNamedWithReasonAndExit3) {
    FakeLinkerd good, refused(FakeMode::Refused), garbage(FakeMode::Garbage), missing(FakeMode::NotFound);
    FakeLinkerdOptions slow_options;
    slow_options.slow_ms = 3000;
    FakeLinkerd slow(FakeMode::Slow, slow_options);
    auto r = run_mesh_command({"status", "--once", "--timeout", "0.3", "--proxy", good.address(), "--proxy",
                               refused.address(), "--proxy", garbage.address(), "--proxy", missing.address(), "--proxy",
                               slow.address(), "-o", "json"});
    ASSERT_EQ(r.exit_code, 3) << r.err;
    json j = json::parse(r.out);
    EXPECT_TRUE(j["proxies"][0]["up"].get<bool>());
    EXPECT_EQ(j["proxies"][1]["error"]["kind"], "refused");
    EXPECT_EQ(j["proxies"][2]["error"]["kind"], "bad json");
    EXPECT_EQ(j["proxies"][3]["error"]["kind"], "http 404");
    EXPECT_EQ(j["proxies"][4]["error"]["kind"], "timeout");
    EXPECT_TRUE(j["proxies"][1]["success_rate"].is_null());
    EXPECT_EQ(j["summary"]["down"], 4);
    for (int i = 1; i < 5; ++i) EXPECT_FALSE(j["proxies"][i]["error"]["hint"].get<std::string>().empty());
}

TEST(StatusCommand, TextTableNamesEveryProxyAndTheDownReason) {
    FakeLinkerd good, refused(FakeMode::Refused);
    auto r = run_mesh_command({"status", "--once", "--proxy", good.address(), "--proxy", refused.address()});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.out.find("NAME"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("LATENCY_P99"), std::string::npos);
    EXPECT_NE(r.out.find(good.address()), std::string::npos);
    // One request a proxy: text output of proxies given directly asks no version, so no column.
    EXPECT_EQ(r.out.find("VERSION"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("1.7.5"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("99.01%"), std::string::npos);  // 100000/101000
    EXPECT_NE(r.out.find("down " + refused.address() + ": /admin/metrics.json?tree=1: connection refused"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colour without a terminal";
}

TEST(StatusCommand, ProxiesDownForOneReasonShareAnEntry) {
    FakeLinkerd good, a(FakeMode::Refused), b(FakeMode::Refused), c(FakeMode::Refused), d(FakeMode::Refused);
    std::vector<std::string> args{"status", "--once"};
    for (const auto* p : {&good, &a, &b, &c, &d}) args.insert(args.end(), {"--proxy", p->address()});
    auto r = run_mesh_command(args);
    EXPECT_EQ(r.exit_code, 3);
    std::string entry = "down /admin/metrics.json?tree=1: connection refused: 4 (" + a.address() + ", " + b.address() +
                        ", " + c.address() + " and 1 more)\n    hint: ";
    EXPECT_NE(r.out.find(entry), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("hint:", r.out.find("hint:") + 1), std::string::npos) << "one hint for the group";
    args.insert(args.end(), {"-o", "json"});
    auto j = json::parse(run_mesh_command(args).out);
    EXPECT_EQ(j["proxies"].size(), 5u);
    EXPECT_EQ(j["proxies"][4]["name"], d.address());
    EXPECT_EQ(j["proxies"][4]["error"]["kind"], "refused");
}

TEST(StatusCommand, WideShowsClientsWithEndpointsAndFlatFallbackVersionFromHelp) {
    FakeLinkerdOptions o;
    o.lb_available = 2;
    o.version = "0.0";  // 1.7.3+: server_info has no version, /help does
    FakeLinkerd a(FakeMode::Healthy, o);
    auto r = run_mesh_command({"status", "--once", "--proxy", a.address(), "-o", "wide"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("io.l5d.k8s/default/http/hello"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2/3"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1.7.5"), std::string::npos) << r.out;
}

TEST(StatusCommand, ProxiesFileAndVerboseLog) {
    FakeLinkerd a, b;
    std::string path = ::testing::TempDir() + "/mesh-proxies.txt";
    {
        std::ofstream f(path);
        f << "# proxies\n" << a.address() << "\n\n  " << b.address() << "  # second\n";
    }
    auto r = run_mesh_command({"status", "--once", "--proxies-file", path, "-v", "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json::parse(r.out)["proxies"].size(), 2u);
    EXPECT_NE(r.err.find("GET http://" + a.address() + "/admin/metrics.json?tree=1 200"), std::string::npos) << r.err;
    std::remove(path.c_str());
}

TEST(StatusCommand, BadAddressesAndFilesFailWithNothingOnStdout) {
    auto r = run_mesh_command({"status", "--once", "--proxy", "ftp://x:1"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("bad proxy address"), std::string::npos);
    r = run_mesh_command({"status", "--once", "--proxies-file", "/nonexistent/proxies"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(r.out.empty());
    r = run_mesh_command({"status", "-o", "yaml", "--proxy", "a:1"});
    EXPECT_EQ(r.exit_code, 2);
}
