#include "tests/support/run_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

extern char** environ;

namespace mesh::testing {

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          const std::vector<std::string>& extra_env) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
        posix_spawn_file_actions_addclose(&actions, fd);

    // extra_env replaces variables of the same name: with duplicates, programs disagree on
    // which one counts (bash takes the last, Go programs such as kubectl the first).
    std::vector<std::string> env_strings;
    auto overridden = [&extra_env](const std::string& entry) {
        std::string name = entry.substr(0, entry.find('=') + 1);
        for (const auto& e : extra_env)
            if (e.compare(0, name.size(), name) == 0) return true;
        return false;
    };
    for (char** e = environ; *e; ++e)
        if (!overridden(*e)) env_strings.emplace_back(*e);
    for (const auto& e : extra_env) env_strings.push_back(e);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = argv;
    std::vector<char*> c_args;
    for (auto& a : args) c_args.push_back(a.data());
    c_args.push_back(nullptr);

    pid_t pid;
    int rc = posix_spawn(&pid, c_args[0], &actions, nullptr, c_args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (rc != 0) throw std::runtime_error(std::string("spawn: ") + std::strerror(rc));

    ProcessResult result;
    std::size_t written = 0;
    int in_fd = in_pipe[1];
    if (input.empty()) {
        close(in_fd);
        in_fd = -1;
    } else {
        fcntl(in_fd, F_SETFL, O_NONBLOCK);
    }
    bool out_open = true, err_open = true;
    char buffer[65536];
    while (out_open || err_open) {
        std::vector<pollfd> fds;
        if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
        if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
        if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
        if (poll(fds.data(), fds.size(), -1) < 0) continue;
        for (auto& p : fds) {
            if (p.fd == in_fd && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
                ssize_t n = write(in_fd, input.data() + written, input.size() - written);
                if (n > 0) written += static_cast<std::size_t>(n);
                if (n < 0 || written == input.size()) {
                    close(in_fd);
                    in_fd = -1;
                }
            } else if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
                ssize_t n = read(p.fd, buffer, sizeof buffer);
                std::string& target = p.fd == out_pipe[0] ? result.out : result.err;
                if (n > 0) {
                    target.append(buffer, static_cast<std::size_t>(n));
                } else {
                    (p.fd == out_pipe[0] ? out_open : err_open) = false;
                }
            }
        }
    }
    if (in_fd >= 0) close(in_fd);
    close(out_pipe[0]);
    close(err_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

}  // namespace mesh::testing
