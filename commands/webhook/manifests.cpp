// `mesh webhook manifests`: the objects that run the webhook, optionally with its certificates.

#include <filesystem>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "commands/manifest/inject_flags.hpp"
#include "commands/webhook/capacity_flags.hpp"
#include "libmesh/core/new_file.hpp"
#include "libmesh/webhook/manifests.hpp"

namespace mesh::commands {

namespace {

struct ManifestsOptions {
    webhook::ManifestOptions manifests;
    InjectFlags inject;  // parsed only to validate them; forwarded as given
    std::string generate_certs;
    int cert_days = 365;
    bool force = false;
};

constexpr const char* k_webhook_manifests_description =
    "Prints the Deployment, Service and MutatingWebhookConfiguration that run `mesh webhook serve` "
    "in the cluster, ready for `kubectl apply -f -`. The webhook is called for Pod CREATE in "
    "namespaces labelled linkerd.io/inject=enabled, with admissionReviewVersions [v1], "
    "sideEffects None and, by default, failurePolicy Ignore (a webhook that is down never blocks "
    "pods; they start uninjected). Injection flags given here are passed on to `mesh webhook "
    "serve`.\n\n"
    "Certificates: by default the MutatingWebhookConfiguration asks cert-manager's CA injector "
    "(annotation cert-manager.io/inject-ca-from: NAMESPACE/NAME) for its caBundle, and a "
    "cert-manager Certificate named NAME must write the Secret NAME-tls. With --generate-certs "
    "DIR, mesh makes a CA and a serving certificate for NAME.NAMESPACE.svc itself (ECDSA P-256), "
    "writes ca.crt, tls.crt and tls.key (mode 0600) into DIR, prints the Secret NAME-tls and fills "
    "in the caBundle. Each file is created new and whole (never through a symlink, never into a "
    "file someone else created); files already there are refused unless --force, which replaces "
    "them. The CA's key is not kept: to renew, generate again with --force.\n\n"
    "Memory: the container's limit is 64Mi plus --threads x 10 x --max-body-bytes (what the "
    "reviews answered at once may hold), at least 256Mi; both flags are passed on to `mesh webhook "
    "serve` and printed beside the limit.";

constexpr const char* k_webhook_manifests_examples =
    "  mesh webhook manifests --image registry.example/mesh:0.1.0 --generate-certs ./pki | kubectl apply -f -\n"
    "  mesh webhook manifests --image registry.example/mesh:0.1.0 --mode iptables --failure-policy Fail\n";

core::Result<void> generate_certs(ManifestsOptions& o) {
    std::error_code ec;
    std::filesystem::create_directories(o.generate_certs, ec);
    if (ec) return core::fail(core::ErrorCode::Io, fmt::format("cannot create {}: {}", o.generate_certs, ec.message()));
    auto ca = webhook::make_ca(fmt::format("{}.{} CA", o.manifests.name, o.manifests.namespace_), o.cert_days);
    if (!ca) return tl::unexpected(ca.error());
    auto serving = webhook::make_serving_cert(*ca, webhook::service_dns_names(o.manifests), o.cert_days);
    if (!serving) return tl::unexpected(serving.error());
    std::filesystem::path dir(o.generate_certs);
    // Checked together first, so a refusal writes nothing; each file is then created exclusively
    // (a symlink or a file planted in between still makes it fail).
    if (!o.force)
        for (const char* name : {"ca.crt", "tls.crt", "tls.key"})
            if (std::filesystem::exists(std::filesystem::symlink_status(dir / name)))
                return core::fail(
                    core::ErrorCode::Io,
                    fmt::format("{} already exists; remove it or pass --force to replace it", (dir / name).string()));
    if (auto ok = core::create_file_exclusively((dir / "ca.crt").string(), ca->cert, 0644, o.force); !ok) return ok;
    if (auto ok = core::create_file_exclusively((dir / "tls.crt").string(), serving->cert, 0644, o.force); !ok)
        return ok;
    if (auto ok = core::create_file_exclusively((dir / "tls.key").string(), serving->key, 0600, o.force); !ok)
        return ok;
    o.manifests.ca_bundle = ca->cert;
    o.manifests.serving = *serving;
    return {};
}

// Records the injection flags exactly as given, so serve applies its own defaults and checks.
void record_serve_args(const CLI::App& cmd, ManifestsOptions& o) {
    o.manifests.serve_args.clear();
    for (const char* name : {"--mode", "--protocol", "--proxy-port", "--proxy-env", "--no-proxy", "--init-image",
                             "--linkerd-svc-name", "--init-arg"}) {
        for (const auto& value : cmd.get_option(name)->results())
            o.manifests.serve_args.push_back(fmt::format("{}={}", name, value));
    }
    for (const char* name : {"--overwrite-env", "--use-service-vip", "--privileged", "--allow-host-network"})
        if (cmd.get_option(name)->count() > 0) o.manifests.serve_args.emplace_back(name);
}

cli::Outcome run_manifests(const ManifestsOptions& options, cli::Io& io) {
    ManifestsOptions o = options;
    if (!o.generate_certs.empty())
        if (auto ok = generate_certs(o); !ok) return tl::unexpected(ok.error());
    auto text = webhook::render_manifests(o.manifests);
    if (!text) return tl::unexpected(text.error());
    io.out << *text;
    return cli::k_exit_ok;
}

}  // namespace

void register_webhook_manifests(CLI::App& parent, cli::Context& ctx) {
    auto o = std::make_shared<ManifestsOptions>();
    CLI::App* cmd = cli::add_command(parent, "manifests", "Print the Kubernetes objects that run the webhook",
                                     k_webhook_manifests_description, k_webhook_manifests_examples);
    cmd->add_option("--image", o->manifests.image, "Container image with the mesh binary")->required();
    cmd->add_option("--name", o->manifests.name, "Name of the Deployment, Service, Secret and webhook configuration")
        ->capture_default_str();
    cmd->add_option("-n,--namespace", o->manifests.namespace_, "Namespace to run the webhook in")
        ->capture_default_str();
    cmd->add_option("--replicas", o->manifests.replicas, "Webhook pods")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    cmd->add_option("--failure-policy", o->manifests.failure_policy,
                    "What the API server does when the webhook fails: Ignore or Fail")
        ->check(CLI::IsMember({"Ignore", "Fail"}))
        ->capture_default_str();
    cmd->add_option("--timeout-seconds", o->manifests.timeout_seconds, "How long the API server waits for an answer")
        ->check(CLI::Range(1, 30))
        ->capture_default_str();
    cmd->add_option("--generate-certs", o->generate_certs,
                    "Make a CA and serving certificate in DIR and fill in the caBundle")
        ->type_name("DIR");
    cmd->add_option("--cert-days", o->cert_days, "Validity of generated certificates, in days")
        ->check(CLI::Range(1, 3650))
        ->capture_default_str();
    cmd->add_flag("--force", o->force,
                  "With --generate-certs, replace files already in DIR (never writing through a symlink)");
    add_capacity_flags(*cmd, o->manifests.threads, o->manifests.max_body_bytes);
    add_inject_flags(*cmd, o->inject, false);
    cmd->callback([&ctx, cmd, o] {
        record_serve_args(*cmd, *o);
        ctx.chosen = [o](cli::Io& io) { return run_manifests(*o, io); };
    });
}

}  // namespace mesh::commands
