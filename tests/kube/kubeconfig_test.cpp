#include "libmesh/kube/kubeconfig.hpp"

#include <gtest/gtest.h>

#include "libmesh/kube/rest_config.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::kube;
using mesh::testing::read_testdata;

namespace {

KubeEnvironment fake_env(std::map<std::string, std::string> vars, std::map<std::string, std::string> files) {
    KubeEnvironment env;
    env.getenv = [vars](const std::string& n) {
        auto it = vars.find(n);
        return it == vars.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
    };
    env.read_file = [files](const std::string& path) -> mesh::core::Result<std::string> {
        auto it = files.find(path);
        if (it == files.end()) return mesh::core::fail(mesh::core::ErrorCode::Io, path + ": cannot open file");
        return it->second;
    };
    env.service_account_dir = "/sa";
    return env;
}

}  // namespace

TEST(Kubeconfig, ExecPluginConfigWithPathsResolvedAgainstTheFile) {
    auto kc = parse_kubeconfig(read_testdata("kube/kubeconfig-exec-plugin.yaml"), "/home/u/.kube/config");
    ASSERT_TRUE(kc) << kc.error().message;
    EXPECT_TRUE(kc->current_context.empty());
    ASSERT_EQ(kc->users.size(), 3u);
    const auto& search = kc->users.at("system:admin:exec-search-path").exec;
    ASSERT_TRUE(search);
    EXPECT_EQ(search->command, "example-exec-plugin");  // bare names are looked up on PATH
    EXPECT_EQ(search->api_version, "client.authentication.k8s.io/v1beta1");
    const auto& relative = kc->users.at("system:admin:exec-relative-path").exec;
    ASSERT_TRUE(relative);
    EXPECT_EQ(relative->command.rfind("/home/u/.kube/", 0), 0u) << relative->command;
    EXPECT_EQ(relative->command, "/home/u/.kube/dir/example-exec-plugin");
    ASSERT_EQ(search->env.size(), 1u);
    EXPECT_EQ(search->env[0], (std::pair<std::string, std::string>{"FOO", "bar"}));
    EXPECT_EQ(search->args, (std::vector<std::string>{"arg1", "arg2"}));
    EXPECT_EQ(kc->users.at("system:admin:exec-absolute-path").exec->command, "/abs/path/example-exec-plugin");
    EXPECT_EQ(kc->contexts.at("localhost/system:admin:exec-search-path").namespace_name, "default");
}

TEST(Kubeconfig, AuthProviderConfigAndServerPathPrefix) {
    auto kc = parse_kubeconfig(read_testdata("kube/kubeconfig-gcp-authprovider-multi.yaml"), "/k/config");
    ASSERT_TRUE(kc) << kc.error().message;
    EXPECT_EQ(kc->clusters.size(), 6u);
    EXPECT_EQ(kc->contexts.size(), 7u);
    EXPECT_FALSE(kc->current_context.empty());
    bool found_prefix = false;
    for (const auto& [name, c] : kc->clusters) found_prefix |= c.server == "https://162.128.50.12/k8s/clusters/c-fhjws";
    EXPECT_TRUE(found_prefix);
    bool found_token = false;
    for (const auto& [name, u] : kc->users)
        if (u.auth_provider) found_token |= u.auth_provider->config.count("access-token") > 0;
    EXPECT_TRUE(found_token);
}

TEST(Kubeconfig, EmbeddedCertificatesDecodeAndABadKeyIsALocatedError) {
    // The corpus replaced the private key with a placeholder that is not base64.
    auto kc = parse_kubeconfig(read_testdata("kube/kubeconfig-client-cert-data.yaml"), "cfg.yaml");
    ASSERT_FALSE(kc);
    EXPECT_NE(kc.error().message.find("client-key-data"), std::string::npos);
    EXPECT_EQ(kc.error().location.file, "cfg.yaml");
    EXPECT_GT(kc.error().location.line, 0);
    std::string text = read_testdata("kube/kubeconfig-client-cert-data.yaml");
    auto pos = text.find("REDACTED-FAKE-PLACEHOLDER-NOT-A-KEY");
    ASSERT_NE(pos, std::string::npos);
    text.replace(pos, 35, "");
    auto ok = parse_kubeconfig(text, "cfg.yaml");
    ASSERT_TRUE(ok) << ok.error().message;
    const auto& cluster = ok->clusters.begin()->second;
    EXPECT_EQ(cluster.ca_data.rfind("-----BEGIN CERTIFICATE-----", 0), 0u);
    EXPECT_EQ(ok->users.begin()->second.cert_data.rfind("-----BEGIN CERTIFICATE-----", 0), 0u);
}

TEST(Kubeconfig, GarbageAndWrongShapesFail) {
    EXPECT_FALSE(parse_kubeconfig("clusters: [\n", "x"));
    EXPECT_FALSE(parse_kubeconfig("- a\n- b\n", "x"));
    EXPECT_FALSE(parse_kubeconfig("clusters: {a: 1}\n", "x"));
    EXPECT_FALSE(parse_kubeconfig("users:\n- user: {token: x}\n", "x"));  // no name
    EXPECT_TRUE(parse_kubeconfig("", "x"));
}

TEST(Kubeconfig, MergeFirstWinsWholeEntries) {
    auto a = parse_kubeconfig("current-context: a\nusers:\n- name: u\n  user: {token: first}\n", "a");
    auto b = parse_kubeconfig("current-context: b\nusers:\n- name: u\n  user: {token: second, username: x}\n"
                              "- name: v\n  user: {token: v}\n",
                              "b");
    auto m = merge_kubeconfigs({*a, *b});
    EXPECT_EQ(m.current_context, "a");
    EXPECT_EQ(m.users.at("u").token, "first");
    EXPECT_TRUE(m.users.at("u").username.empty());
    EXPECT_EQ(m.users.at("v").token, "v");
}

// client-go's NewDefaultClientConfigLoadingRules and Load: the explicit file alone, else KUBECONFIG's
// entries (empty ones and repeats dropped), else filepath.Join(os.Getenv("HOME"), ".kube", "config").
TEST(Kubeconfig, FilesAsKubectlFindsThem) {
    using Paths = std::vector<std::string>;
    EXPECT_EQ(kubeconfig_paths(std::string("/k"), std::string("/a:/b"), std::string("/h")), Paths{"/k"});
    EXPECT_EQ(kubeconfig_paths(std::string(""), std::string("/a"), std::string("/h")), Paths{"/a"});
    EXPECT_EQ(kubeconfig_paths(std::nullopt, std::string("/a::/b"), std::string("/h")), (Paths{"/a", "/b"}));
    EXPECT_EQ(kubeconfig_paths(std::nullopt, std::string("/a:/b:/a:"), std::string("/h")), (Paths{"/a", "/b"}));
    EXPECT_TRUE(kubeconfig_paths(std::nullopt, std::string(":"), std::string("/h")).empty());
    EXPECT_EQ(kubeconfig_paths(std::nullopt, std::string(""), std::string("/h")), Paths{"/h/.kube/config"});
    EXPECT_EQ(kubeconfig_paths(std::nullopt, std::nullopt, std::string("/h")), Paths{"/h/.kube/config"});
    EXPECT_EQ(kubeconfig_paths(std::nullopt, std::nullopt, std::string("")), Paths{".kube/config"});
    EXPECT_EQ(kubeconfig_paths(std::nullopt, std::nullopt, std::nullopt), Paths{".kube/config"});
}

TEST(RestConfig, ReadsTheSameFilesAsTheContextList) {
    const std::string one = "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k}\n"
                            "clusters:\n- name: k\n  cluster: {server: 'https://api:6443/'}\n";
    auto rc = load_rest_config({}, fake_env({{"KUBECONFIG", "/a/one:/a/one"}}, {{"/a/one", one}}));
    ASSERT_TRUE(rc) << rc.error().message;
    EXPECT_EQ(rc->source, "kubeconfig /a/one (context c)");  // read once, as kubectl does
    rc = load_rest_config({}, fake_env({{"HOME", "/h"}}, {{"/h/.kube/config", one}}));
    ASSERT_TRUE(rc) << rc.error().message;
    EXPECT_EQ(rc->source, "kubeconfig /h/.kube/config (context c)");
    rc = load_rest_config({}, fake_env({}, {{".kube/config", one}}));
    ASSERT_TRUE(rc) << rc.error().message;
    EXPECT_EQ(rc->source, "kubeconfig .kube/config (context c)");
}

TEST(RestConfig, KubeconfigListMergedAndFlagsOverride) {
    const std::string one =
        "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u, namespace: ns}\n"
        "clusters:\n- name: k\n  cluster: {server: 'https://api:6443/'}\n";
    const std::string two = "users:\n- name: u\n  user: {tokenFile: tok}\n";
    auto env = fake_env({{"KUBECONFIG", "/a/one::/b/two:/missing"}}, {{"/a/one", one}, {"/b/two", two}});
    auto rc = load_rest_config({}, env);
    ASSERT_TRUE(rc) << rc.error().message;
    EXPECT_EQ(rc->server, "https://api:6443");
    EXPECT_EQ(rc->token_file, "/b/tok");  // relative to the file that defined it
    EXPECT_EQ(rc->namespace_name, "ns");
    KubeOverrides o;
    o.server = "https://other:1";
    o.token = "flag-token";
    o.request_timeout = "1m";
    rc = load_rest_config(o, env);
    ASSERT_TRUE(rc);
    EXPECT_EQ(rc->server, "https://other:1");
    EXPECT_EQ(rc->auth.bearer_token, "flag-token");
    EXPECT_TRUE(rc->token_file.empty());
    EXPECT_EQ(rc->timeout, std::chrono::minutes(1));
    o = {};
    o.context = "nope";
    EXPECT_FALSE(load_rest_config(o, env));
    o = {};
    o.request_timeout = "soon";
    EXPECT_FALSE(load_rest_config(o, env));
}

TEST(RestConfig, ConflictsAndLegacyAuthProvider) {
    auto env = fake_env(
        {{"HOME", "/h"}},
        {{"/h/.kube/config",
          "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nclusters:\n- name: k\n"
          "  cluster: {server: 'https://api', insecure-skip-tls-verify: true, certificate-authority: /ca.pem}\n"
          "users:\n- name: u\n  user: {token: t, username: a, password: b}\n"}});
    auto rc = load_rest_config({}, env);
    ASSERT_FALSE(rc);
    auto env2 =
        fake_env({}, {{"/k", "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n"
                             "clusters:\n- name: k\n  cluster: {server: 'https://api'}\nusers:\n- name: u\n"
                             "  user:\n    auth-provider:\n      name: gcp\n      config: {access-token: cached}\n"}});
    KubeOverrides o;
    o.kubeconfig = "/k";
    rc = load_rest_config(o, env2);
    ASSERT_TRUE(rc) << rc.error().message;
    EXPECT_EQ(rc->auth.bearer_token, "cached");
    o.kubeconfig = "/missing";
    EXPECT_FALSE(load_rest_config(o, env2));
}

TEST(RestConfig, InClusterServiceAccount) {
    auto env = fake_env({{"KUBERNETES_SERVICE_HOST", "10.96.0.1"}, {"KUBERNETES_SERVICE_PORT", "443"}},
                        {{"/sa/namespace", "linkerd\n"}});
    auto rc = load_rest_config({}, env);
    ASSERT_TRUE(rc) << rc.error().message;
    EXPECT_EQ(rc->server, "https://10.96.0.1:443");
    EXPECT_EQ(rc->token_file, "/sa/token");
    EXPECT_EQ(rc->tls.ca_file, "/sa/ca.crt");
    EXPECT_EQ(rc->namespace_name, "linkerd");
    auto none = load_rest_config({}, fake_env({}, {}));
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("--proxy"), std::string::npos);
}
