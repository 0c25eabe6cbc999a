// Running exec credential plugins: what they leave behind does not hold mesh up.

#include "libmesh/kube/exec_credential.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <future>

namespace mesh::kube {
namespace {

using namespace std::chrono_literals;

ExecConfig shell_plugin(const std::string& script) {
    ExecConfig config;
    config.api_version = "client.authentication.k8s.io/v1";
    config.interactive_mode = "Never";
    config.command = "sh";
    config.args = {"-c", script};
    return config;
}

// A plugin that succeeded but left a child holding its stdout (a credential cache daemon, say)
// is done when it exits, not when the child lets go (here 300 s; the plugin limit is 60 s).
TEST(ExecPlugin, APluginThatExitedIsDoneEvenIfItsChildHoldsStdout) {
    std::string pid_file = ::testing::TempDir() + "mesh-exec-plugin-child-" + std::to_string(::getpid());
    auto config = shell_plugin("echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                               "\"status\":{\"token\":\"t0k3n\"}}'; sleep 300 & echo $! > " +
                               pid_file + "; exit 0");
    ExecCredentialProvider provider(config, {}, [](const std::string&) { return std::nullopt; });
    auto pending = std::async(std::launch::async, [&] { return provider.get(); });
    ASSERT_EQ(pending.wait_for(30s), std::future_status::ready) << "mesh waited for the plugin's child";
    auto credential = pending.get();
    ASSERT_TRUE(credential) << credential.error().message;
    EXPECT_EQ(credential->token, "t0k3n");
    std::ifstream pid_in(pid_file);
    pid_t child = 0;
    if (pid_in >> child && child > 0) ::kill(child, SIGKILL);  // the test's own leftover
    std::remove(pid_file.c_str());
}

}  // namespace
}  // namespace mesh::kube
