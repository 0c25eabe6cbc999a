// `mesh install namerd`: the seed's namerd.yml for current Kubernetes, with the dtabs.l5d.io CRD
// its io.l5d.k8s storage needs printed apart (--crds).

#include "commands/install/common_flags.hpp"
#include "commands/install/register.hpp"
#include "libmesh/install/objects.hpp"

namespace mesh::commands {

namespace {

struct NamerdFlags {
    install::NamerdOptions namerd;
    std::string output = "yaml";
};

constexpr const char* k_install_namerd_description =
    "Prints namerd (the seed's namerd.yml) for Kubernetes 1.25+: its ServiceAccount and RBAC, the "
    "namerd-config ConfigMap, a Deployment and the namerd Service (thrift 4100 for Linkerd's "
    "io.l5d.namerd interpreters, http 4180 for `mesh dtab --namerd`, mesh 4321). namerd 1.7 stores "
    "dtabs as l5d.io/v1alpha1 DTab objects in its namespace (io.l5d.k8s storage), through a "
    "`kubectl proxy` sidecar, with a Role that may manage only those.\n\n"
    "--crds prints instead what must exist first and outlive namerd: the dtabs.l5d.io "
    "CustomResourceDefinition (apiextensions.k8s.io/v1) and the Namespace. Kept apart, "
    "`mesh install namerd | kubectl delete -f -` never deletes the stored dtabs.";

constexpr const char* k_install_namerd_examples = "  mesh install namerd --crds | kubectl apply -f -\n"
                                                  "  mesh install namerd | kubectl apply -f -\n"
                                                  "  mesh install --namerd | kubectl apply -f -\n";

}  // namespace

void register_install_namerd(CLI::App& parent, cli::Context& ctx) {
    auto f = std::make_shared<NamerdFlags>();
    CLI::App* cmd = cli::add_command(parent, "namerd", "Print namerd and its Kubernetes objects",
                                     k_install_namerd_description, k_install_namerd_examples);
    add_install_common_flags(*cmd, f->namerd.common, f->output);
    cmd->add_flag("--crds", f->namerd.crds_only, "Print only the DTab CRD and the Namespace, which outlive namerd");
    cli::set_run(*cmd, ctx,
                 [f](cli::Io& io) { return print_objects(io, install::namerd_objects(f->namerd), f->output); });
}

}  // namespace mesh::commands
