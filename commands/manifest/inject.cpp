// `mesh inject`: route every workload's pods through the node-local Linkerd.

#include <fmt/format.h>

#include "cli/command.hpp"
#include "commands/manifest/inject_flags.hpp"
#include "commands/manifest/pipeline.hpp"
#include "libmesh/inject/workloads.hpp"

namespace mesh::commands {

namespace {

struct InjectOptions {
    ManifestOptions manifest;
    InjectFlags inject;
};

// The kinds sentence comes from libmesh's table of workload kinds, so help and behaviour agree.
std::string description() {
    return "Rewrites Kubernetes manifests so that each workload's pods send their traffic through the "
           "Linkerd running on their node. Only the lines injection adds change: comments, key order, "
           "quoting and line endings stay as they were, and `mesh uninject` takes exactly those lines "
           "out again.\n\n"
           "Modes:\n"
           "  http-proxy  every app container gets NODE_NAME and POD_IP from the Downward\n"
           "              API and http_proxy=$(NODE_NAME):PORT (NODE_NAME first, so\n"
           "              Kubernetes expands it).\n"
           "  iptables    an init container (linkerd-inject's image by default) DNATs\n"
           "              outbound TCP to the node's Linkerd.\n\n"
           "Kinds injected, each in its API group: " +
           inject::workload_kinds_sentence() +
           ", items of List and *List, and kinds given with --kind-path (KIND.GROUP=PATH, or KIND=PATH "
           "for any group). A custom resource named like a workload (a batch.volcano.sh Job) is skipped. "
           "Everything else passes through byte for byte and is reported as skipped. A pod template "
           "annotated `linkerd.io/inject: disabled` is skipped. hostNetwork pods in iptables mode and "
           "pods that already carry a Linkerd 2 or Istio sidecar are refused: exit 1 and nothing on "
           "stdout, unless --skip-refused.\n\n"
           "What was added is recorded in the pod template's `mesh.l5d.io/injected` annotation, so "
           "injecting twice changes nothing and different settings replace the old ones.";
}

constexpr const char* k_inject_examples =
    "  mesh inject -f app.yml | kubectl apply -f -\n"
    "  kubectl kustomize overlays/prod | mesh inject -f - | kubectl apply -f -\n"
    "  mesh inject -R -f manifests/ --in-place\n"
    "  mesh inject -f app.yml --diff\n"
    "  mesh inject -f app.yml --mode iptables --use-service-vip\n"
    "  mesh inject -f rollout.yml --kind-path Rollout.argoproj.io=spec.template --protocol h2\n";

cli::Outcome run_inject(const InjectOptions& options, cli::Io& io) {
    InjectFlags flags = options.inject;
    resolve_inject_flags(flags);
    if (auto ok = apply_kind_paths(options.manifest.kind_paths, flags.config); !ok) return tl::unexpected(ok.error());
    return run_manifest_command(io, options.manifest, inject::Operation::Inject, flags.config);
}

}  // namespace

void register_inject(CLI::App& app, cli::Context& ctx) {
    auto o = std::make_shared<InjectOptions>();
    CLI::App* cmd = cli::add_command(app, "inject", "Route workloads' traffic through the node-local Linkerd",
                                     description() + "\n\n" + limits_help(o->inject.config.limits), k_inject_examples);
    add_manifest_flags(*cmd, o->manifest);
    add_inject_flags(*cmd, o->inject, true);
    cmd->add_flag("--fail-on-warning", o->manifest.fail_on_warning,
                  "Exit 3 when a workload has a warning or is not routed (a container keeps its own http_proxy), "
                  "after writing the output as usual: for CI");
    cli::set_run(*cmd, ctx, o, run_inject);
}

}  // namespace mesh::commands
