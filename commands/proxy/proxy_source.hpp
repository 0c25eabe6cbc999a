#pragma once
// Flags shared by `mesh status` and `mesh check`: where the proxies are (given directly or found
// through Kubernetes) and how to talk to them.

#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "libmesh/health/check_report.hpp"
#include "libmesh/health/interval_sampling.hpp"
#include "libmesh/health/kube_discovery.hpp"
#include "libmesh/health/proxy_sample.hpp"
#include "libmesh/health/proxy_target.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::commands {

/// Values of the shared flags.
struct ProxySourceOptions {
    std::vector<std::string> proxies;
    std::string proxies_file;
    // Kubernetes discovery (used when no proxy is given directly).
    std::string kubeconfig, context, cluster, user, server, token, request_timeout;
    bool insecure_skip_tls_verify = false;
    std::string namespace_name = "linkerd";
    std::string selector = "app=l5d";
    int admin_port = 9990;
    bool direct = false;
    bool kube_checks = false;                        ///< also run the cluster checks of `mesh check`
    std::optional<health::WorkloadScope> workloads;  ///< also list these application pods
    // Talking to the admin servers.
    bool insecure = false;
    std::string ca_file;
    std::size_t parallel = 32;
    double timeout_s = 5;
    double overall_timeout_s = 0;
    std::size_t max_body_mib = 32;
    bool verbose = false;
};

/// Adds the shared flags to `cmd`.
void add_proxy_source_options(CLI::App* cmd, ProxySourceOptions& options);

/// Proxies found for the options, plus any Kubernetes checks made on the way (for `mesh check`;
/// empty when the proxies were given directly).
using ResolvedProxies = health::DiscoveredProxies;

/// Finds the proxies: --proxy/--proxies-file, else Kubernetes pods.
core::Result<ResolvedProxies> resolve_proxies(const ProxySourceOptions& options, cli::Io& io, net::HttpClient& client);

/// Sample options for the flags (parallelism, timeouts, the -v log to stderr).
health::SampleOptions sample_options(const ProxySourceOptions& options, cli::Io& io);

/// Samples every target, showing "probing proxies: done/total" on stderr when it is a terminal.
std::vector<health::ProxySample> sample_with_progress(net::HttpClient& client,
                                                      const std::vector<health::ProxyTarget>& targets,
                                                      health::SampleOptions options, cli::Io& io);

/// How the last round went, for the wait that follows it.
struct RoundTally {
    std::size_t answered = 0, total = 0;
};

/// The wait between the two rounds: on a terminal, what the first round found and a countdown
/// to the rates ("2 of 3 proxies answered; rates in 4s"); a plain wait otherwise.
health::CancellableWait rates_countdown(cli::Io& io, const RoundTally& last_round);

/// Counts the proxies that answered a round into `tally`.
void tally_round(const std::vector<health::ProxySample>& samples, RoundTally& tally);

}  // namespace mesh::commands
