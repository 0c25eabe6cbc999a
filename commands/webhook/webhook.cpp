// `mesh webhook`: injection inside the cluster, as a mutating admission webhook.

#include "commands/webhook/register.hpp"

namespace mesh::commands {

void register_webhook(CLI::App& app, cli::Context& ctx) {
    CLI::App* cmd = cli::add_command(
        app, "webhook", "Inject pods as they are created: a mutating admission webhook",
        "Runs injection inside the cluster: Kubernetes sends every new pod in the selected namespaces "
        "to `mesh webhook serve`, which answers with the same injection `mesh inject` makes, as a "
        "JSON Patch. `mesh webhook manifests` prints what it takes to run it.",
        "  mesh webhook manifests --image registry.example/mesh:0.1.0 --generate-certs ./webhook-pki | kubectl apply -f -\n"
        "  kubectl label namespace shop linkerd.io/inject=enabled\n");
    cmd->require_subcommand(1);
    register_webhook_serve(*cmd, ctx);
    register_webhook_manifests(*cmd, ctx);
}

}  // namespace mesh::commands
