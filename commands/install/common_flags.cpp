#include "commands/install/common_flags.hpp"

#include "libmesh/install/render.hpp"

namespace mesh::commands {

void add_install_common_flags(CLI::App& cmd, install::CommonOptions& o, std::string& output) {
    cmd.add_option("-n,--namespace", o.namespace_, "Namespace to install into")->capture_default_str();
    cmd.add_option("--linkerd-version", o.linkerd_version, "Linkerd and namerd image tag")->capture_default_str();
    cmd.add_option("--registry", o.registry, "Registry path of the linkerd and namerd images, for a mirror")
        ->capture_default_str();
    cmd.add_option("--kubectl-image", o.kubectl_image, "Image of the `kubectl proxy` sidecar")->capture_default_str();
    cmd.add_option("--service-type", o.service_type, "Type of the Service: ClusterIP, NodePort or LoadBalancer")
        ->check(CLI::IsMember({"ClusterIP", "NodePort", "LoadBalancer"}))
        ->capture_default_str();
    cmd.add_option("-o,--output", output, "Output format: yaml or json (a v1 List)")
        ->check(CLI::IsMember({"yaml", "json"}))
        ->capture_default_str();
}

cli::Outcome print_objects(cli::Io& io, const core::Result<std::vector<nlohmann::ordered_json>>& objects,
                           const std::string& output) {
    if (!objects) return tl::unexpected(objects.error());
    io.out << (output == "json" ? install::render_json(*objects) : install::render_yaml(*objects));
    return cli::k_exit_ok;
}

}  // namespace mesh::commands
