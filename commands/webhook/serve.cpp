// `mesh webhook serve`: the mutating admission webhook's HTTPS server.

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <ctime>
#include <functional>
#include <mutex>
#include <thread>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "commands/manifest/inject_flags.hpp"
#include "commands/webhook/capacity_flags.hpp"
#include "libmesh/webhook/server.hpp"

namespace mesh::commands {

namespace {

struct ServeOptions {
    InjectFlags inject;
    std::string listen = ":8443";
    std::string tls_cert;
    std::string tls_key;
    std::size_t max_body_bytes = 4u << 20;
    int read_timeout = 10;
    int keep_alive_timeout = 5;
    std::size_t threads = 2;
    int max_connections = 1024;
    int cert_reload_interval = 10;
};

constexpr const char* k_serve_description =
    "Serves Kubernetes' mutating admission webhook for Pods over HTTPS: POST /inject takes an "
    "admission.k8s.io/v1 AdmissionReview and answers with the same injection `mesh inject` makes "
    "of the pod, as a base64 JSON Patch. Pods annotated `linkerd.io/inject: disabled`, pods "
    "already injected, other kinds and other operations are allowed unchanged. Pods `mesh inject` "
    "would refuse (hostNetwork in iptables mode, a Linkerd 2 or Istio sidecar) or cannot edit are "
    "allowed unchanged with the reason in the response's warnings, which kubectl shows. A body "
    "that is not such a review gets 400 (413 when over --max-body-bytes).\n\n"
    "Which namespaces are injected is the MutatingWebhookConfiguration's namespaceSelector "
    "(`mesh webhook manifests` selects linkerd.io/inject=enabled), so the server needs no API "
    "access.\n\n"
    "The certificate and key are read again when their files change (cert-manager rotates them "
    "in place); a changed pair that does not load is logged and the previous pair kept.\n\n"
    "Every client is untrusted: the TLS handshake must finish within 5 s, a request's line and "
    "headers within --read-timeout (after up to --keep-alive-timeout idle), and its body within "
    "another --read-timeout. A request line and headers over 64 KiB or 100 fields get 431 and the "
    "connection closed, as soon as the limit is passed. Waiting connections hold no thread, so idle "
    "clients never delay reviews or health probes; past --max-connections open, new ones are "
    "closed at once. --threads reviews are answered at once, and bodies are read only while fewer "
    "than --threads x --max-body-bytes bytes of them are held, and a pod's JSON may hold one node "
    "per 16 bytes of --max-body-bytes (more: admitted without injection, with a warning), so memory "
    "stays near --threads x 10 x --max-body-bytes whatever the clients do: raise --threads with "
    "the pod's memory limit.\n\n"
    "Also served: /healthz, /readyz (503 once shutting down) and /metrics (Prometheus text: "
    "mesh_webhook_reviews_total by result, mesh_webhook_review_duration_seconds). SIGTERM stops "
    "accepting, closes idle connections, finishes the requests in flight (20 s at most, within "
    "a pod's 30 s grace period) and exits 0; SIGINT does the same and exits 130. "
    "Log lines go to stderr.";

constexpr const char* k_serve_examples =
    "  mesh webhook serve --tls-cert /etc/tls/tls.crt --tls-key /etc/tls/tls.key\n"
    "  mesh webhook serve --listen 127.0.0.1:9443 --tls-cert tls.crt --tls-key tls.key --mode iptables\n";

// Turns SIGTERM and SIGINT into a call of `on_signal` on a thread of its own. The signals are
// blocked before the server's threads start (they inherit the mask), so only this thread sees them.
class SignalWatcher {
public:
    explicit SignalWatcher(std::function<void(int)> on_signal) : m_on_signal(std::move(on_signal)) {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGTERM);
        sigaddset(&m_set, SIGINT);
        pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
    }
    void start() {
        m_thread = std::thread([this] {
            timespec tick{0, 100'000'000};
            while (!m_done) {
                int sig = sigtimedwait(&m_set, nullptr, &tick);
                if (sig > 0) {
                    m_signal = sig;
                    m_on_signal(sig);
                    return;
                }
            }
        });
    }
    ~SignalWatcher() {
        finish();
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    /// Waits for the watching thread, and so for an `on_signal` that is still running.
    void finish() {
        m_done = true;
        if (m_thread.joinable()) m_thread.join();
    }
    int signal() const { return m_signal; }

private:
    std::function<void(int)> m_on_signal;
    sigset_t m_set{};
    sigset_t m_old{};
    std::thread m_thread;
    std::atomic<bool> m_done{false};
    std::atomic<int> m_signal{0};
};

cli::Outcome run_serve(const ServeOptions& given, cli::Io& io) {
    ServeOptions o = given;
    resolve_inject_flags(o.inject);
    auto address = webhook::parse_listen_address(o.listen);
    if (!address) return tl::unexpected(address.error());
    auto log_mutex = std::make_shared<std::mutex>();
    std::ostream& err = io.err;
    auto log = [log_mutex, &err](const std::string& line) {
        std::time_t now = std::time(nullptr);
        std::tm tm{};
        gmtime_r(&now, &tm);
        std::lock_guard lock(*log_mutex);
        err << fmt::format("{:%Y-%m-%dT%H:%M:%SZ} mesh webhook: {}\n", tm, line) << std::flush;
    };
    webhook::ServerOptions options;
    options.host = address->first;
    options.port = address->second;
    options.cert_file = o.tls_cert;
    options.key_file = o.tls_key;
    options.inject = o.inject.config;
    options.max_body_bytes = o.max_body_bytes;
    options.read_timeout = std::chrono::seconds(o.read_timeout);
    options.keep_alive_timeout = std::chrono::seconds(o.keep_alive_timeout);
    options.threads = o.threads;
    options.max_connections = static_cast<std::size_t>(o.max_connections);
    options.cert_reload_interval = std::chrono::seconds(o.cert_reload_interval);
    options.log = log;

    webhook::WebhookServer* running = nullptr;
    SignalWatcher signals([&](int sig) {
        log(fmt::format("received {}: finishing the requests in flight (20 s at most)",
                        sig == SIGTERM ? "SIGTERM" : "SIGINT"));
        if (running) running->stop();
    });
    auto server = webhook::WebhookServer::create(std::move(options));
    if (!server) return tl::unexpected(server.error());
    running = server->get();
    signals.start();
    auto result = (*server)->run();
    // run() returns once the stop that the signal asked for has run, which can be before the
    // signal's thread is out of stop() (it may still hold a reference into the server's
    // io_context, as asio's post leaves one behind): the server must outlive that thread.
    signals.finish();
    if (!result) return tl::unexpected(result.error());
    log("stopped");
    return signals.signal() == SIGINT ? cli::k_exit_interrupted : cli::k_exit_ok;
}

}  // namespace

void register_webhook_serve(CLI::App& parent, cli::Context& ctx) {
    auto o = std::make_shared<ServeOptions>();
    CLI::App* cmd = cli::add_command(parent, "serve", "Serve the mutating admission webhook over HTTPS",
                                     k_serve_description, k_serve_examples);
    cmd->add_option("--listen", o->listen, "Address to listen on: :PORT, HOST:PORT or [IPv6]:PORT")
        ->capture_default_str();
    cmd->add_option("--tls-cert", o->tls_cert, "PEM certificate (chain) to serve; reloaded when it changes")
        ->required()
        ->type_name("FILE");
    cmd->add_option("--tls-key", o->tls_key, "PEM private key of --tls-cert; reloaded when it changes")
        ->required()
        ->type_name("FILE");
    cmd->add_option("--read-timeout", o->read_timeout, "Seconds a read may wait before the client is dropped")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();
    cmd->add_option("--keep-alive-timeout", o->keep_alive_timeout, "Seconds an idle kept-alive connection stays open")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();
    add_capacity_flags(*cmd, o->threads, o->max_body_bytes);
    cmd->add_option("--max-connections", o->max_connections, "Open connections kept; more are closed at once")
        ->check(CLI::Range(1, 65536))
        ->capture_default_str();
    cmd->add_option("--cert-reload-interval", o->cert_reload_interval,
                    "Seconds between checks of the certificate files")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    add_inject_flags(*cmd, o->inject, false);
    cli::set_run(*cmd, ctx, o, run_serve);
}

}  // namespace mesh::commands
