// Two clients that share an exec plugin (the pod listing and its sibling on another thread) and
// both get a 401 for the same credential run the plugin once more between them, not once each:
// the second sees that the credential it was refused has already been replaced.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "libmesh/kube/api_client.hpp"
#include "libmesh/kube/exec_credential.hpp"
#include "tests/kube/shell_plugin.hpp"

namespace mesh::kube {
namespace {

// Answers 401 to the plugin's first token ("t1") and 200 to any other, without a network. Before
// answering its first request it runs `before_first_answer`, which is how a test makes another
// client's whole request happen in between.
class TokenCheckingHttp : public net::HttpClient {
public:
    std::function<void()> before_first_answer;
    std::vector<std::string> tokens_seen;

    void run(const std::vector<net::Request>& requests, const net::BatchOptions&,
             const net::CompletionHandler& done) override {
        for (std::size_t i = 0; i < requests.size(); ++i) {
            tokens_seen.push_back(requests[i].auth.bearer_token);
            if (auto first = std::exchange(before_first_answer, nullptr)) first();
            net::Response r;
            r.status = requests[i].auth.bearer_token == "t1" ? 401 : 200;
            done(i, std::move(r));
        }
    }
};

int lines_in(const std::string& path) {
    std::ifstream in(path);
    int n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
}

TEST(ExecRefresh, TwoClientsRefusedTheSameCredentialRunThePluginOnceMore) {
    std::string counter = ::testing::TempDir() + "mesh-exec-refresh-" + std::to_string(::getpid());
    std::remove(counter.c_str());
    // Each run hands out the next token: t1, t2, t3...
    ExecConfig exec =
        shell_plugin("echo run >> '" + counter +
                     "'; printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                     "\"status\":{\"token\":\"t%s\"}}' \"$(wc -l < '" +
                     counter + "')\"");
    RestConfig config;
    config.server = "https://127.0.0.1:1";
    config.exec = exec;
    KubeEnvironment env;
    env.getenv = [](const std::string&) { return std::nullopt; };

    TokenCheckingHttp first_http, second_http;
    ApiClient first(config, first_http, env, {});
    auto second = first.sibling(second_http, {}, {});
    // The first client's request carries t1; while it waits, the second client sends t1 too, is
    // refused, refreshes (t2) and succeeds. Then the first client is refused.
    first_http.before_first_answer = [&] {
        auto r = second->get("/api/v1/pods");
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(r->status, 200);
    };
    auto r = first.get("/api/v1/pods");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(second_http.tokens_seen, (std::vector<std::string>{"t1", "t2"}));
    EXPECT_EQ(first_http.tokens_seen, (std::vector<std::string>{"t1", "t2"})) << "it takes the refreshed t2";
    EXPECT_EQ(lines_in(counter), 2) << "the plugin ran once, then once after the 401s";
    std::remove(counter.c_str());
}

// A credential refused with a 401 is dropped when the refresh starts: if that plugin run fails (or
// is cancelled with the listing that asked), the next request runs the plugin again rather than
// send the refused credential.
TEST(ExecRefresh, ARefusedCredentialIsNotUsedAgainWhenItsRefreshFails) {
    std::string counter = ::testing::TempDir() + "mesh-exec-refresh-fails-" + std::to_string(::getpid());
    std::remove(counter.c_str());
    ExecConfig exec =
        shell_plugin("echo run >> '" + counter + "'; n=$(wc -l < '" + counter +
                     "'); [ \"$n\" -eq 2 ] && exit 1; printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
                     "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t%s\"}}' \"$n\"");
    ExecCredentialProvider provider(exec, {}, [](const std::string&) { return std::nullopt; });
    auto first = provider.get();
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->token, "t1");
    EXPECT_FALSE(provider.get(true)) << "the second run exits 1";
    auto third = provider.get();
    ASSERT_TRUE(third) << third.error().message;
    EXPECT_EQ(third->token, "t3") << "the refused t1 was handed out again";
    std::remove(counter.c_str());
}

}  // namespace
}  // namespace mesh::kube
