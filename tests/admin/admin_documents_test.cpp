#include <gtest/gtest.h>

#include "libmesh/admin/client_state.hpp"
#include "libmesh/admin/linker_config.hpp"
#include "libmesh/admin/server_info.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::admin;
using mesh::testing::read_testdata;

TEST(LinkerConfig, ParsesRealReserializedConfig) {
    auto c = parse_linker_config(read_testdata("admin/linkerd-config-json.json"));
    ASSERT_TRUE(c) << c.error().message;
    ASSERT_EQ(c->routers.size(), 2u);
    EXPECT_EQ(c->routers[0].label, "plain");  // no label: the protocol names it
    EXPECT_EQ(c->routers[0].server_ports, std::vector<int>{1});
    EXPECT_EQ(c->routers[1].protocol, "thrift");
    EXPECT_EQ(c->routers[1].server_ports, std::vector<int>{2});
    EXPECT_DOUBLE_EQ(c->routers[1].percent_can_retry, 0.2);
    ASSERT_EQ(c->namers.size(), 1u);
    EXPECT_EQ(c->namers[0].kind, "test");
    EXPECT_EQ(c->namers[0].prefix, "");
    EXPECT_FALSE(c->admin_port);
}

TEST(LinkerConfig, ReadsDtabAdminAndRetryBudget) {
    auto c = parse_linker_config(R"({"admin":{"ip":"0.0.0.0","port":9990},
      "routers":[{"protocol":"http","label":"outgoing","dtab":"/svc => /#/io.l5d.k8s/default/http;",
      "servers":[{"ip":"0.0.0.0","port":4140}],"service":{"retries":{"budget":{"percentCanRetry":0.5}}},
      "interpreter":{"kind":"io.l5d.namerd"}}]})");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->admin_ip, "0.0.0.0");
    EXPECT_EQ(c->admin_port, 9990);
    EXPECT_EQ(c->routers[0].label, "outgoing");
    EXPECT_EQ(c->routers[0].dtab, "/svc => /#/io.l5d.k8s/default/http;");
    EXPECT_DOUBLE_EQ(c->routers[0].percent_can_retry, 0.5);
    EXPECT_EQ(c->routers[0].interpreter, "io.l5d.namerd");
}

TEST(LinkerConfig, BadJsonIsLocated) {
    auto c = parse_linker_config("{\"routers\": [\n}");
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().location.line, 2);
    EXPECT_FALSE(parse_linker_config("[]"));
}

TEST(LinkerConfig, NumberOverflowIsAnErrorNotACrash) {
    // Found by fuzz/kubeconfig_fuzzer: nlohmann throws out_of_range, not parse_error, for this.
    auto c = parse_linker_config("{\"admin\":{\"port\":1e66666}}");
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().message.find("overflow"), std::string::npos) << c.error().message;
}

TEST(ClientState, ParsesStatesAndAddresses) {
    auto s = parse_client_state(
        R"({"/#/io.l5d.k8s/emojivoto/grpc/voting-svc":{"state":"bound","addresses":["172.17.0.8:8080","172.17.0.7:8080"]},
 "/$/inet/localhost/4100":{"state":"bound","addresses":["localhost:4100"]},
 "/#/io.l5d.k8s/default/http/gone":{"state":"Neg"}})");
    ASSERT_TRUE(s);
    ASSERT_EQ(s->size(), 3u);
    EXPECT_EQ((*s)[0].client, "/#/io.l5d.k8s/default/http/gone");
    EXPECT_EQ((*s)[0].state, "Neg");
    EXPECT_TRUE((*s)[0].addresses.empty());
    EXPECT_EQ((*s)[1].addresses.size(), 2u);
    EXPECT_FALSE(parse_client_state("\"x\""));
}

TEST(ServerInfo, VersionFromServerInfo) {
    EXPECT_EQ(version_from_server_info(R"({"name":"linkerd","version":"1.3.0","uptime":1})"), "1.3.0");
    EXPECT_FALSE(version_from_server_info(R"({"name":"unknown","version":"0.0"})"));
    // twitter-server's documented sample has a trailing comma: not JSON, so no version.
    EXPECT_FALSE(version_from_server_info(read_testdata("admin/twitter-server-admin-server_info-doc.txt")));
    EXPECT_FALSE(version_from_server_info("garbage"));
}

TEST(ServerInfo, VersionFromHtml) {
    EXPECT_EQ(version_from_html(R"(<div data-linkerd-version="1.7.5">)"), "1.7.5");
    EXPECT_EQ(version_from_html(R"(<li class="version">version 1.6.2</li>)"), "1.6.2");
    EXPECT_FALSE(version_from_html("<p>no version here, version unknown</p>"));
}

TEST(ServerInfo, Pong) {
    EXPECT_TRUE(is_pong("pong"));
    EXPECT_TRUE(is_pong("pong\n"));
    EXPECT_FALSE(is_pong(""));
    EXPECT_FALSE(is_pong("ping"));
}
