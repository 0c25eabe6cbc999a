// `mesh install`: the seed's Linkerd DaemonSet (linkerd-examples' servicemesh.yml) and its
// variants, as objects current Kubernetes accepts.

#include "commands/install/common_flags.hpp"
#include "commands/install/register.hpp"
#include "libmesh/install/objects.hpp"

namespace mesh::commands {

namespace {

struct InstallFlags {
    install::LinkerdOptions linkerd;
    bool tls = false;
    std::string tls_secret = "l5d-tls";
    std::string zipkin;
    bool ingress = false;
    std::string output = "yaml";
};

constexpr const char* k_install_description =
    "Prints the Namespace, ServiceAccount and RBAC, the l5d-config ConfigMap, the l5d DaemonSet and "
    "the l5d Service of the Linkerd 1 service mesh (linkerd-examples' servicemesh.yml) for "
    "Kubernetes 1.25+, ready for `kubectl apply -f -`. Each node runs Linkerd with the routers "
    "http 4140 (outgoing, a hostPort) and 4141 (incoming), h2 4240/4241 and grpc 4340/4341, the "
    "ports `mesh inject --protocol` points apps at; the admin port 9990, where `mesh status` and "
    "`mesh check` look, stays off the Service. Linkerd 1.7 reaches the Kubernetes API only through "
    "a `kubectl proxy` sidecar on localhost:8001 (--kubectl-image), with a ServiceAccount that may "
    "read endpoints and services. Every pod template is annotated linkerd.io/inject: disabled.\n\n"
    "Variants: --cni runs on the host network (for CNI plugins that bypass hostPorts); --tls "
    "encrypts the hop between nodes with the Secret --tls-secret (tls.crt, tls.key in PKCS#8, "
    "ca.crt; common name linkerd); --zipkin sends traces; --namerd makes the routers ask namerd "
    "(`mesh install namerd`) for their dtabs, and leaves the Namespace to `mesh install namerd "
    "--crds`. The seed's ingress routers are not installed: Linkerd 1.7's ingress identifier reads "
    "extensions/v1beta1 Ingresses, which Kubernetes no longer serves, so --ingress is refused.";

constexpr const char* k_install_examples = "  mesh install | kubectl apply -f -\n"
                                           "  mesh install --cni --zipkin zipkin.tracing:9410 | kubectl apply -f -\n"
                                           "  mesh install --registry registry.example/buoyantio -o json > l5d.json\n"
                                           "  mesh install | kubectl delete -f -\n";

cli::Outcome run_install(const InstallFlags& f, cli::Io& io) {
    if (f.ingress)
        return core::fail(core::ErrorCode::Refused,
                          "--ingress: Linkerd 1.7's io.l5d.ingress identifier watches extensions/v1beta1 "
                          "Ingresses, which Kubernetes has not served since 1.22; route an ingress "
                          "controller's traffic to the l5d Service instead (docs/install.md)");
    install::LinkerdOptions linkerd = f.linkerd;
    if (f.tls) linkerd.tls_secret = f.tls_secret;
    if (!f.zipkin.empty()) linkerd.zipkin = f.zipkin;
    return print_objects(io, install::linkerd_objects(linkerd), f.output);
}

}  // namespace

void register_install(CLI::App& app, cli::Context& ctx) {
    auto f = std::make_shared<InstallFlags>();
    CLI::App* cmd = cli::add_command(app, "install", "Print the Linkerd DaemonSet and its Kubernetes objects",
                                     k_install_description, k_install_examples);
    add_install_common_flags(*cmd, f->linkerd.common, f->output);
    cmd->add_flag("--cni", f->linkerd.cni, "Run on the host network, as the seed's linkerd-cni.yml");
    CLI::Option* tls = cmd->add_flag("--tls", f->tls, "Encrypt traffic between nodes' Linkerds");
    cmd->add_option("--tls-secret", f->tls_secret, "Secret with tls.crt, tls.key (PKCS#8) and ca.crt for --tls")
        ->needs(tls)
        ->capture_default_str();
    cmd->add_option("--zipkin", f->zipkin, "Send traces to the Zipkin collector at HOST:PORT")->type_name("HOST:PORT");
    CLI::Option* namerd = cmd->add_flag("--namerd", f->linkerd.namerd, "Routers take their dtabs from namerd");
    cmd->add_option("--namerd-address", f->linkerd.namerd_address,
                    "namerd's thrift interface (default namerd.NAMESPACE.svc.cluster.local:4100)")
        ->type_name("HOST:PORT")
        ->needs(namerd);
    cmd->add_flag("--ingress", f->ingress, "Refused: Linkerd 1.7's ingress identifier needs an API Kubernetes removed");
    register_install_namerd(*cmd, ctx);
    // Parsed after `install namerd`'s callback: the parent runs only when no subcommand was chosen.
    cmd->callback([&ctx, cmd, f] {
        if (cmd->get_subcommands().empty()) ctx.chosen = [f](cli::Io& io) { return run_install(*f, io); };
    });
}

}  // namespace mesh::commands
