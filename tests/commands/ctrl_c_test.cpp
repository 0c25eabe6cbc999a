// Ctrl-C ends a command waiting on the network at once, not when its request times out: every
// command but status and check (which stop their rounds themselves, tested with them) keeps
// SIGINT's default action, so the process ends there and then.

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/build_paths.hpp"

namespace {

// A server on 127.0.0.1 that lets clients connect and never answers (nothing accepts them).
class SilentServer {
public:
    SilentServer() {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&address), size) != 0 || ::listen(m_fd, 16) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &size) != 0)
            ADD_FAILURE() << "cannot listen on 127.0.0.1";
        m_port = ntohs(address.sin_port);
    }
    ~SilentServer() { ::close(m_fd); }
    int port() const { return m_port; }
    /// True once a client has connected (within 60 s).
    bool client_connected() const {
        pollfd p{m_fd, POLLIN, 0};
        return ::poll(&p, 1, 60000) == 1;
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

// Runs mesh with SIGINT's default action (a test runner started in the background ignores it, and
// that would be inherited), waits until it has connected, presses Ctrl-C and returns its wait status.
int interrupt_once_connected(const SilentServer& server, std::vector<std::string> args) {
    args.insert(args.begin(), mesh::testing::mesh_binary());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int spawned = posix_spawn(&pid, argv[0], &quiet, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&quiet);
    if (spawned != 0) return -1;
    bool connected = server.client_connected();
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return connected ? status : -1;
}

bool ended_by_ctrl_c(int status) {
    return (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) || (WIFEXITED(status) && WEXITSTATUS(status) == 130);
}

TEST(CtrlC, EndsANamerdRequest) {
    SilentServer namerd;
    std::string url = "http://127.0.0.1:" + std::to_string(namerd.port());
    int status = interrupt_once_connected(namerd, {"dtab", "list", "--namerd", url, "--request-timeout", "120s"});
    EXPECT_TRUE(ended_by_ctrl_c(status)) << "wait status " << status;
}

TEST(CtrlC, EndsADtabWatch) {
    SilentServer namerd;
    std::string url = "http://127.0.0.1:" + std::to_string(namerd.port());
    int status = interrupt_once_connected(namerd, {"dtab", "watch", "default", "--namerd", url});
    EXPECT_TRUE(ended_by_ctrl_c(status)) << "wait status " << status;
}

TEST(CtrlC, EndsAnInjectFetchingAnHttpsUrl) {
    SilentServer site;
    std::string url = "https://127.0.0.1:" + std::to_string(site.port()) + "/app.yml";
    int status = interrupt_once_connected(site, {"inject", "-f", url});
    EXPECT_TRUE(ended_by_ctrl_c(status)) << "wait status " << status;
}

TEST(CtrlC, EndsKubernetesDiscovery) {
    for (const char* command : {"status", "check"}) {
        SilentServer api;
        std::string kubeconfig = ::testing::TempDir() + "mesh-ctrl-c-kubeconfig-" + std::to_string(::getpid());
        std::ofstream(kubeconfig) << "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "
                                     "\"http://127.0.0.1:"
                                  << api.port()
                                  << "\"}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\nusers:\n"
                                     "- name: u\n  user: {token: abc}\ncurrent-context: x\n";
        int status = interrupt_once_connected(api, {command, "--kubeconfig", kubeconfig});
        EXPECT_TRUE(ended_by_ctrl_c(status)) << command << ": wait status " << status;
        std::remove(kubeconfig.c_str());
    }
}

}  // namespace
