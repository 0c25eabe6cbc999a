// Running exec credential plugins: what they leave behind does not hold mesh up.

#include "libmesh/kube/exec_credential.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <future>
#include <thread>

#include "tests/kube/shell_plugin.hpp"
#include "tests/support/process_state.hpp"

namespace mesh::kube {
namespace {

using namespace std::chrono_literals;

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

// The plugin's child (here a `sleep` it started in the background) ends with it; a zombie waiting
// for its reaper counts as ended.
bool ended_within_10s(pid_t pid) {
    for (int i = 0; i < 500; ++i) {
        if (mesh::testing::process_ended(pid)) return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

pid_t read_pid(const std::string& file) {
    std::ifstream in(file);
    pid_t pid = 0;
    in >> pid;
    std::remove(file.c_str());
    return pid;
}

// Runs a plugin whose script first starts `sleep 300` in the background (its pid written to a
// file) and then does `then`; the plugin must fail with `message` and take its child with it.
void expect_killed_with_its_child(const std::string& then, std::chrono::milliseconds timeout,
                                  const std::string& message, const std::function<bool()>& cancelled = {}) {
    std::string pid_file = ::testing::TempDir() + "mesh-exec-plugin-child-" + std::to_string(::getpid());
    auto config = shell_plugin("sleep 300 & echo $! > " + pid_file + "; " + then);
    ExecCredentialProvider provider(
        config, {}, [](const std::string&) { return std::nullopt; }, timeout);
    auto credential = provider.get(false, cancelled);
    ASSERT_FALSE(credential);
    EXPECT_NE(credential.error().message.find(message), std::string::npos) << credential.error().message;
    pid_t child = read_pid(pid_file);
    ASSERT_GT(child, 0);
    bool ended = ended_within_10s(child);
    EXPECT_TRUE(ended) << "the plugin's child " << child << " outlived it";
    if (!ended) ::kill(child, SIGKILL);
}

TEST(ExecPlugin, ATimedOutPluginIsKilledWithEveryProcessItStarted) {
    expect_killed_with_its_child("sleep 300", 500ms, "did not finish within 0.5 s");
}

// A plugin runs in a process group of its own, so the terminal's Ctrl-C does not reach it: mesh
// kills it when its caller gives up (here 300 ms in, far inside the 60 s limit).
TEST(ExecPlugin, ACancelledPluginIsKilledWithEveryProcessItStarted) {
    auto started = std::chrono::steady_clock::now();
    auto after_300ms = [started] { return std::chrono::steady_clock::now() - started > 300ms; };
    expect_killed_with_its_child("sleep 300", 60s, "was stopped: cancelled", after_300ms);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 20s);
}

TEST(ExecPlugin, APluginThatWritesTooMuchIsKilledWithEveryProcessItStarted) {
    expect_killed_with_its_child("exec yes credential", 60s, "wrote more than 1 MiB");
}

}  // namespace
}  // namespace mesh::kube
