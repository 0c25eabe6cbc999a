// `mesh dtab delegate --proxy` and `--dtab-from-proxy` against the fake Linkerd admin server.

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <thread>

#include "tests/support/fake_cluster.hpp"
#include "tests/support/fake_linkerd.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/test_files.hpp"

using mesh::testing::FakeLinkerd;
using mesh::testing::FakeLinkerdOptions;
using mesh::testing::FakeMode;
using mesh::testing::run_mesh_command;
using nlohmann::json;

namespace {

// DelegateApiHandlerTest's dtab, as a router's config would carry it.
const char* const k_handler_test_dtab = "/beh => /#/error ; /bah/humbug => /$/inet/127.1/8080 ; "
                                        "/foo => /bah | /beh | /$/fail ; /foo => /bar ; /boo => /foo ; "
                                        "/meh => /heh ; /neg => ~ ;";

std::string recorded() {
    return mesh::testing::read_test_file("testdata/admin/linkerd-delegator-json-delegate-tree.json");
}

}  // namespace

TEST(DelegateOnProxy, SendsTheRoutersDtabAndPrintsTheProxysAnswer) {
    FakeLinkerdOptions o;
    o.dtab = k_handler_test_dtab;
    o.delegator_json = recorded();
    FakeLinkerd proxy(FakeMode::Healthy, o);
    auto r = run_mesh_command({"dtab", "delegate", "/boo/humbug", "--proxy", proxy.address(), "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string expected = recorded();
    if (expected.back() != '\n') expected += '\n';
    EXPECT_EQ(r.out, expected);
    // The dashboard's request: the router's label and its own dtab (Finagle's shown form).
    json sent = json::parse(proxy.last_delegation_request());
    EXPECT_EQ(sent["namespace"], "outgoing");  // the first router
    EXPECT_EQ(sent["path"], "/boo/humbug");
    EXPECT_EQ(sent["dtab"], "/beh=>/#/error;/bah/humbug=>/$/inet/127.1/8080;/foo=>/bah | /beh | /$/fail;"
                            "/foo=>/bar;/boo=>/foo;/meh=>/heh;/neg=>~");
}

// The text is the offline command's tree; only the proxy knows that its /#/error namer throws,
// where offline the name binds symbolically.
TEST(DelegateOnProxy, TextIsTheOfflineTreeWithTheProxysNamers) {
    FakeLinkerdOptions o;
    o.dtab = k_handler_test_dtab;
    o.delegator_json = recorded();
    FakeLinkerd proxy(FakeMode::Healthy, o);
    auto live =
        run_mesh_command({"dtab", "delegate", "/boo/humbug", "--proxy", proxy.address(), "--router", "incoming"});
    ASSERT_EQ(live.exit_code, 0) << live.err;
    auto offline = run_mesh_command({"dtab", "delegate", "/boo/humbug", "--dtab", k_handler_test_dtab});
    ASSERT_EQ(offline.exit_code, 0) << offline.err;
    std::string offline_line = "      /#/error/humbug (/beh=>/#/error)  => /#/error/humbug residual / [address "
                               "unknown offline: namer error needs live service discovery]\n";
    std::string live_line = "      /#/error/humbug (/beh=>/#/error)  error: error naming /#/error/humbug\n";
    std::string expected = offline.out;
    auto at = expected.find(offline_line);
    ASSERT_NE(at, std::string::npos) << offline.out;
    expected.replace(at, offline_line.size(), live_line);
    EXPECT_EQ(live.out, expected);
    EXPECT_EQ(json::parse(proxy.last_delegation_request())["namespace"], "incoming");
}

TEST(DelegateOnProxy, ExtraDtabIsAppendedToTheRoutersAndNothingElseIsSent) {
    FakeLinkerd proxy;  // dtab "/svc => /#/io.l5d.k8s/default/http;"; answers a Neg of the path
    auto r = run_mesh_command({"dtab", "delegate", "/svc/web", "--proxy", proxy.address(), "--dtab",
                               "/svc/web => /srv/web-v2", "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "{\"type\":\"neg\",\"path\":\"/svc/web\"}\n");
    json sent = json::parse(proxy.last_delegation_request());
    EXPECT_EQ(sent["dtab"], "/svc=>/#/io.l5d.k8s/default/http;/svc/web=>/srv/web-v2");
    auto text = run_mesh_command({"dtab", "delegate", "/svc/web", "--proxy", proxy.address()});
    EXPECT_EQ(text.out, "/svc/web  ~ neg: no dentry or namer matches\nresult: neg\n");
}

TEST(DelegateOnProxy, FailuresSayWhyWithNothingOnStdout) {
    FakeLinkerdOptions o;
    o.delegator_json = "{\"type\":\"delegate\",";
    FakeLinkerd broken(FakeMode::Healthy, o), refused(FakeMode::Refused), plain;
    struct Case {
        std::vector<std::string> args;
        std::string message;
    } cases[] = {
        {{"--proxy", broken.address()}, "/delegator.json"},
        {{"--proxy", refused.address()}, "connection refused"},
        {{"--proxy", plain.address(), "--router", "nope"},
         "no router labelled \"nope\"; the routers are outgoing, incoming"},
        {{"--dtab-from-proxy", refused.address()}, "connection refused"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args{"dtab", "delegate", "/svc/web"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        auto r = run_mesh_command(args);
        EXPECT_EQ(r.exit_code, 1) << c.args[1];
        EXPECT_EQ(r.out, "") << c.args[1];
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    }
    EXPECT_EQ(plain.last_delegation_request(), "");  // an unknown router is never asked
    auto bad_path = run_mesh_command({"dtab", "delegate", "svc/web", "--proxy", plain.address()});
    EXPECT_EQ(bad_path.exit_code, 1);
    EXPECT_EQ(bad_path.out, "");
    EXPECT_EQ(plain.last_delegation_request(), "");
}

TEST(DelegateOnProxy, ConflictingFlagsAreUsageErrors) {
    FakeLinkerd proxy;
    std::vector<std::vector<std::string>> cases{
        {"--proxy", proxy.address(), "--dtab-from-proxy", proxy.address()},
        {"--router", "outgoing"},
        {"--proxy", proxy.address(), "--resolve"},
        {"--proxy", proxy.address(), "--namerd", "http://127.0.0.1:1", "--namerd-namespace", "default"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args{"dtab", "delegate", "/svc/web"};
        args.insert(args.end(), c.begin(), c.end());
        auto r = run_mesh_command(args);
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_EQ(r.out, "");
    }
    EXPECT_EQ(proxy.metrics_requests(), 0);
    EXPECT_EQ(proxy.last_delegation_request(), "");
}

// --dtab-from-proxy delegates offline exactly as if the router's dtab had been given by hand,
// with the extra entries after it (tried first).
TEST(DtabFromProxy, DelegatesOfflineWithTheRoutersDtabThenTheExtraOnes) {
    FakeLinkerd proxy;
    for (std::vector<std::string> extra : {std::vector<std::string>{}, {"--dtab", "/svc/hello=>/$/inet/127.1/8080"}}) {
        std::vector<std::string> from{"dtab",          "delegate", "/svc/hello", "--dtab-from-proxy",
                                      proxy.address(), "-o",       "json"};
        std::vector<std::string> by_hand{
            "dtab", "delegate", "/svc/hello", "--dtab", "/svc => /#/io.l5d.k8s/default/http;", "-o", "json"};
        from.insert(from.end(), extra.begin(), extra.end());
        by_hand.insert(by_hand.end(), extra.begin(), extra.end());
        auto a = run_mesh_command(from), b = run_mesh_command(by_hand);
        ASSERT_EQ(a.exit_code, 0) << a.err;
        EXPECT_EQ(a.out, b.out);
        EXPECT_NE(a.out.find(extra.empty() ? "io.l5d.k8s" : "127.0.0.1"), std::string::npos) << a.out;
    }
    EXPECT_EQ(proxy.last_delegation_request(), "");  // offline: the proxy is not asked to delegate
}

// servicemesh.yml's routers send /portNsSvc through its io.l5d.rewrite namer (/#/portNsSvcToK8s),
// which --dtab-from-proxy runs offline from /config.json as linkerd does: the path goes on as
// /k8s/<ns>/<port>/<svc>; a path the pattern does not match is neg, not bound symbolically.
TEST(DtabFromProxy, RunsTheProxysRewriteNamers) {
    FakeLinkerd proxy(FakeMode::Healthy, mesh::testing::servicemesh_proxy());
    auto r = run_mesh_command(
        {"dtab", "delegate", "/svc/hello.default", "--dtab-from-proxy", proxy.address(), "--router", "http-outgoing"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("    /portNsSvc/http/default/hello (/host=>/portNsSvc/http)\n"
                         "      /k8s/default/http/hello (/portNsSvc=>/#/portNsSvcToK8s)\n"
                         "        /#/io.l5d.k8s.http/default/http/hello (/k8s=>/#/io.l5d.k8s.http)  => "
                         "/#/io.l5d.k8s.http/default residual /http/hello"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\nresult: /#/io.l5d.k8s.http/default residual /http/hello"), std::string::npos) << r.out;
    auto short_path = run_mesh_command(
        {"dtab", "delegate", "/portNsSvc/http", "--dtab-from-proxy", proxy.address(), "--router", "http-incoming"});
    ASSERT_EQ(short_path.exit_code, 0) << short_path.err;
    EXPECT_EQ(short_path.out, "/portNsSvc/http\n  /#/portNsSvcToK8s/http (/portNsSvc=>/#/portNsSvcToK8s)  ~ neg: no "
                              "dentry or namer matches\nresult: neg\n");
}

TEST(DtabFromProxy, RefusesARouterWhoseDtabLivesInNamerd) {
    FakeLinkerdOptions o;
    o.incoming_interpreter = "io.l5d.namerd";
    FakeLinkerd proxy(FakeMode::Healthy, o);
    auto r = run_mesh_command(
        {"dtab", "delegate", "/svc/hello", "--dtab-from-proxy", proxy.address(), "--router", "incoming"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("router incoming resolves names with interpreter io.l5d.namerd"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--namerd URL"), std::string::npos) << r.err;
    auto outgoing = run_mesh_command({"dtab", "delegate", "/svc/hello", "--dtab-from-proxy", proxy.address()});
    EXPECT_EQ(outgoing.exit_code, 0) << outgoing.err;
}

// A router whose interpreter cannot delegate: linkerd answers 501 with its reason, which the error
// carries (and nothing reaches stdout).
TEST(DelegateOnProxy, TheProxysOwnRefusalIsTheError) {
    httplib::Server admin;
    admin.Get("/config.json", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"routers":[{"protocol":"http","label":"outgoing","dtab":"/svc=>/$/nil"}]})",
                        "application/json");
    });
    admin.Post("/delegator.json", [](const httplib::Request&, httplib::Response& res) {
        res.status = 501;
        res.set_content("Name Interpreter for outgoing cannot show delegations", "text/plain");
    });
    std::thread thread;
    int port = mesh::testing::start_loopback_server(admin, thread);
    auto r = run_mesh_command({"dtab", "delegate", "/svc/a", "--proxy", "127.0.0.1:" + std::to_string(port)});
    mesh::testing::stop_loopback_server(admin, thread);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("/delegator.json: HTTP 501: Name Interpreter for outgoing cannot show delegations"),
              std::string::npos)
        << r.err;
}
