// posix_spawnp, not system() or popen(): arguments go to the plugin exactly as written in the
// kubeconfig, with no shell to reinterpret them.

#include "libmesh/kube/exec_credential.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <vector>

#include "libmesh/core/result.hpp"

extern char** environ;

namespace mesh::kube {

using nlohmann::json;

namespace {

constexpr std::size_t k_max_output = 1u << 20;

int digits(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

struct Output {
    std::string out;
    int status = -1;
    bool timed_out = false;
    bool cancelled = false;
};

core::Result<Output> run_plugin(const std::string& command, const std::vector<std::string>& args,
                                const std::vector<std::string>& env, std::chrono::milliseconds timeout,
                                const std::function<bool()>& cancelled) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) return core::io_error(std::string("pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(command.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    // A process group of its own, so a timeout ends whatever the plugin started too.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, command.c_str(), &actions, &attributes, argv.data(), envp.data());
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (rc != 0) {
        close(pipe_fds[0]);
        return core::input_error(fmt::format("cannot run exec plugin '{}': {}", command, std::strerror(rc)));
    }
    Output o;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[4096];
    int status = 0;
    bool exited = false;
    auto kill_group = [&] {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
    };
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            o.timed_out = true;
            break;
        }
        if (cancelled && cancelled()) {  // checked at every wake, at least every 50 ms
            o.cancelled = true;
            break;
        }
        // Wake now and then to see whether the plugin exited: a child it left behind may hold the
        // pipe open long after it succeeded.
        pollfd p{pipe_fds[0], POLLIN, 0};
        int pr = poll(&p, 1, exited ? 0 : static_cast<int>(std::min<long>(left.count(), 50)));
        if (pr < 0 && errno == EINTR) continue;
        if (pr < 0) break;
        if (pr == 0) {
            if (exited) break;  // exited and nothing more to read
            pid_t done = waitpid(pid, &status, WNOHANG);
            if (done == pid) exited = true;
            continue;
        }
        ssize_t n = read(pipe_fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (o.out.size() + static_cast<std::size_t>(n) > k_max_output) {
            close(pipe_fds[0]);
            kill_group();
            if (!exited) waitpid(pid, nullptr, 0);
            return core::limit_error(fmt::format("exec plugin '{}' wrote more than 1 MiB", command));
        }
        o.out.append(buf, static_cast<std::size_t>(n));
    }
    close(pipe_fds[0]);
    if (o.timed_out || o.cancelled) kill_group();
    if (!exited)
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    o.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return o;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)
    int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if (s.size() < 20 || year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 60 || s[4] != '-' || s[7] != '-' ||
        (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        return std::nullopt;
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
    if (pos >= s.size()) return std::nullopt;
    long offset_s = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        if (pos + 1 != s.size()) return std::nullopt;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
        if (oh < 0 || om < 0 || s.size() != pos + 6 || s[pos + 3] != ':') return std::nullopt;
        offset_s = (oh * 3600L + om * 60L) * (s[pos] == '+' ? 1 : -1);
    } else {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    time_t t = timegm(&tm) - offset_s;
    // system_clock counts nanoseconds in 64 bits: years 1678 to 2262. A time outside that (a plugin
    // saying "6017") is clamped rather than overflowing: never or always expired.
    using Clock = std::chrono::system_clock;
    constexpr auto k_range = std::chrono::duration_cast<std::chrono::seconds>(Clock::duration::max()).count() - 86400;
    if (t > k_range) return Clock::time_point::max();
    if (t < -k_range) return Clock::time_point::min();
    return Clock::from_time_t(t);
}

core::Result<ExecCredential> parse_exec_credential(std::string_view text, const std::string& expected) {
    if (text.size() > k_max_output) return core::limit_error("exec credential larger than 1 MiB");
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return core::input_error("exec plugin output is not a JSON ExecCredential");
    std::string api = j.value("apiVersion", "");
    if (api != expected)
        return core::input_error(
            fmt::format("exec plugin returned apiVersion '{}', the kubeconfig asks for '{}'", api, expected));
    if (j.value("kind", "") != "ExecCredential")
        return core::input_error("exec plugin output is not of kind ExecCredential");
    auto status = j.find("status");
    if (status == j.end() || !status->is_object()) return core::input_error("exec plugin output has no status");
    ExecCredential c;
    auto str = [&](const char* key) {
        auto it = status->find(key);
        return it != status->end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    c.token = str("token");
    c.client_certificate_data = str("clientCertificateData");
    c.client_key_data = str("clientKeyData");
    if (c.client_certificate_data.empty() != c.client_key_data.empty())
        return core::input_error(
            "exec plugin returned a client certificate without its key, or a key without its certificate");
    if (c.token.empty() && c.client_certificate_data.empty())
        return core::input_error("exec plugin returned neither a token nor a client certificate");
    std::string expiry = str("expirationTimestamp");
    if (!expiry.empty()) {
        c.expiry = parse_rfc3339(expiry);
        if (!c.expiry) return core::input_error(fmt::format("exec plugin: bad expirationTimestamp '{}'", expiry));
    }
    return c;
}

ExecCredentialProvider::ExecCredentialProvider(ExecConfig config, ExecClusterInfo cluster,
                                               std::function<std::optional<std::string>(const std::string&)> getenv,
                                               std::chrono::milliseconds timeout)
    : m_config(std::move(config)), m_cluster(std::move(cluster)), m_getenv(std::move(getenv)), m_timeout(timeout) {}

core::Result<ExecCredential> ExecCredentialProvider::get(bool refresh, const std::function<bool()>& cancelled) {
    if (m_cached && !refresh && (!m_cached->expiry || *m_cached->expiry > std::chrono::system_clock::now()))
        return *m_cached;
    if (refresh) m_cached.reset();  // refused: never handed out again, even if this run fails
    const auto& api = m_config.api_version;
    if (api != "client.authentication.k8s.io/v1" && api != "client.authentication.k8s.io/v1beta1")
        return core::input_error(fmt::format("exec plugin apiVersion '{}' is not supported "
                                             "(use client.authentication.k8s.io/v1 or v1beta1)",
                                             api));
    if (api == "client.authentication.k8s.io/v1" && m_config.interactive_mode.empty())
        return core::input_error("exec plugin: interactiveMode is required for client.authentication.k8s.io/v1");
    if (m_config.interactive_mode == "Always")
        return core::input_error("exec plugin needs an interactive terminal (interactiveMode: Always); "
                                 "mesh runs plugins non-interactively");
    json info = {{"apiVersion", api}, {"kind", "ExecCredential"}, {"spec", {{"interactive", false}}}};
    if (m_config.provide_cluster_info) {
        json cluster = {{"server", m_cluster.server}};
        if (!m_cluster.ca_data_b64.empty()) cluster["certificate-authority-data"] = m_cluster.ca_data_b64;
        if (!m_cluster.tls_server_name.empty()) cluster["tls-server-name"] = m_cluster.tls_server_name;
        if (!m_cluster.proxy_url.empty()) cluster["proxy-url"] = m_cluster.proxy_url;
        if (m_cluster.insecure) cluster["insecure-skip-tls-verify"] = true;
        info["spec"]["cluster"] = cluster;
    }
    // Our environment, plus the plugin's own variables, plus the exec info.
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
    for (const auto& [name, value] : m_config.env) env.push_back(name + "=" + value);
    env.push_back("KUBERNETES_EXEC_INFO=" + info.dump());
    ++m_runs;
    auto out = run_plugin(m_config.command, m_config.args, env, m_timeout, cancelled);
    if (!out) {
        core::Error e = out.error();
        if (!m_config.install_hint.empty()) e.message += "\n" + m_config.install_hint;
        return tl::unexpected(e);
    }
    if (out->cancelled)
        return core::fail(core::ErrorCode::Network,
                          fmt::format("exec plugin '{}' was stopped: cancelled", m_config.command));
    if (out->timed_out)
        return core::input_error(fmt::format("exec plugin '{}' did not finish within {} s", m_config.command,
                                             std::chrono::duration<double>(m_timeout).count()));
    if (out->status != 0)
        return core::input_error(
            fmt::format("exec plugin '{}' failed with exit status {}", m_config.command, out->status));
    auto cred = parse_exec_credential(out->out, api);
    if (!cred) return cred;
    m_cached = *cred;
    return cred;
}

}  // namespace mesh::kube
