// `mesh inject`: route every workload's pods through the node-local Linkerd.

#include <fmt/format.h>

#include "commands/command.hpp"
#include "commands/manifest_pipeline.hpp"

namespace mesh::commands {

namespace {

struct InjectOptions {
    ManifestOptions manifest;
    inject::InjectConfig config;
    std::string mode = "http-proxy";
    std::string protocol = "http";
    int proxy_port = 0;
};

constexpr const char* k_description =
    "Rewrites Kubernetes manifests so that each workload's pods send their traffic through the "
    "Linkerd running on their node. Only the lines injection adds change: comments, key order, "
    "quoting and line endings stay as they were, and `mesh uninject` takes exactly those lines out "
    "again.\n\n"
    "Modes:\n"
    "  http-proxy  every app container gets NODE_NAME and POD_IP from the Downward API and\n"
    "              http_proxy=$(NODE_NAME):PORT (NODE_NAME first, so Kubernetes expands it).\n"
    "  iptables    an init container (linkerd-inject's image by default) DNATs outbound TCP to\n"
    "              the node's Linkerd.\n\n"
    "Kinds injected: Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet, ReplicationController, "
    "Job, CronJob, items of List and *List, and kinds given with --kind-path. Everything else "
    "passes through byte for byte and is reported as skipped. A pod template annotated "
    "`linkerd.io/inject: disabled` is skipped. hostNetwork pods in iptables mode and pods that "
    "already carry a Linkerd 2 or Istio sidecar are refused: exit 1 and nothing on stdout, unless "
    "--skip-refused.\n\n"
    "What was added is recorded in the pod template's `mesh.l5d.io/injected` annotation, so "
    "injecting twice changes nothing and different settings replace the old ones.";

constexpr const char* k_examples =
    "  mesh inject -f app.yml | kubectl apply -f -\n"
    "  kubectl kustomize overlays/prod | mesh inject -f - | kubectl apply -f -\n"
    "  mesh inject -R -f manifests/ --in-place\n"
    "  mesh inject -f app.yml --diff\n"
    "  mesh inject -f app.yml --mode iptables --use-service-vip\n"
    "  mesh inject -f rollout.yml --kind-path Rollout=spec.template --protocol h2\n";

int run_inject(Context& ctx, InjectOptions& o) {
    auto& c = o.config;
    c.mode = o.mode == "iptables" ? inject::Mode::Iptables : inject::Mode::HttpProxy;
    c.proxy_port = o.proxy_port > 0 ? o.proxy_port
                   : o.protocol == "h2" ? inject::k_h2_port
                   : o.protocol == "grpc" ? inject::k_grpc_port
                                          : inject::k_http_port;
    if (auto ok = apply_kind_paths(o.manifest.kind_paths, c); !ok) return report_error(ctx, ok.error());
    return run_manifest_command(ctx, o.manifest, inject::Operation::Inject, c);
}

}  // namespace

void register_inject(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<InjectOptions>();
    CLI::App* cmd = add_command(app, "inject", "Route workloads' traffic through the node-local Linkerd",
                                std::string(k_description) + "\n\n" + limits_help(o->config.limits), k_examples);
    add_manifest_flags(*cmd, o->manifest);
    cmd->add_option("--mode", o->mode, "How traffic reaches Linkerd: http-proxy or iptables")
        ->check(CLI::IsMember({"http-proxy", "iptables"}))
        ->capture_default_str();
    cmd->add_option("--protocol", o->protocol, "Linkerd router to use: http (4140), h2 (4240) or grpc (4340)")
        ->check(CLI::IsMember({"http", "h2", "grpc"}))
        ->capture_default_str();
    cmd->add_option("--proxy-port", o->proxy_port, "Port of the node's Linkerd router (wins over --protocol)")
        ->check(CLI::Range(1, 65535));
    cmd->add_option("--proxy-env", o->config.extra_proxy_env,
                    "Also set this variable to $(NODE_NAME):PORT (e.g. HTTP_PROXY, grpc_proxy); repeatable")
        ->type_name("NAME");
    cmd->add_option("--no-proxy", o->config.no_proxy, "Set no_proxy to this comma-separated list")->type_name("LIST");
    cmd->add_flag("--overwrite-env", o->config.overwrite_env,
                  "Replace variables the app already sets to other values (recorded, so uninject restores them)");
    cmd->add_option("--init-image", o->config.init_image, "iptables mode: the init container's image")->capture_default_str();
    cmd->add_option("--linkerd-svc-name", o->config.linkerd_svc_name, "iptables mode: the Linkerd DaemonSet's Service name")
        ->capture_default_str();
    cmd->add_flag("--use-service-vip", o->config.use_service_vip,
                  "iptables mode: DNAT to the Service's cluster IP instead of the node (no Downward API)");
    cmd->add_flag("--privileged", o->config.privileged, "iptables mode: run the init container privileged (OpenShift, SELinux)");
    cmd->add_option("--init-arg", o->config.init_args, "iptables mode: one more argument for the init container; repeatable")
        ->type_name("ARG")
        ->allow_extra_args(false);
    cmd->add_flag("--skip-refused", o->config.skip_refused,
                  "Pass workloads that must not be injected through unchanged (reported) instead of failing");
    cmd->add_flag("--allow-host-network", o->config.allow_host_network, "iptables mode: inject hostNetwork pods anyway");
    cmd->callback([&ctx, o] { ctx.exit_code = run_inject(ctx, *o); });
}

}  // namespace mesh::commands
