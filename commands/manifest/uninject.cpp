// `mesh uninject`: take out exactly what `mesh inject` added.

#include "cli/command.hpp"
#include "commands/manifest/pipeline.hpp"

namespace mesh::commands {

void register_uninject(CLI::App& app, cli::Context& ctx) {
    auto options = std::make_shared<ManifestOptions>();
    auto config = std::make_shared<inject::InjectConfig>();
    CLI::App* cmd = cli::add_command(
        app, "uninject", "Remove what mesh inject added",
        "Removes from each pod template exactly what its `mesh.l5d.io/injected` annotation records: the "
        "env variables, the init container, the keys injection created and the annotation itself. "
        "Variables the app already had are left alone, and replaced values are restored. For a manifest "
        "that was only injected, the result is the original file, byte for byte. Workloads without "
        "the annotation pass through unchanged and are reported as skipped.\n\n" +
            limits_help(config->limits),
        "  mesh uninject -f app.yml | kubectl apply -f -\n  mesh uninject -R -f manifests/ --in-place\n");
    add_manifest_flags(*cmd, *options);
    cmd->callback([&ctx, options, config] {
        if (auto ok = apply_kind_paths(options->kind_paths, *config); !ok) {
            ctx.exit_code = cli::report_error(ctx, ok.error());
            return;
        }
        ctx.exit_code = run_manifest_command(ctx, *options, inject::Operation::Uninject, *config);
    });
}

}  // namespace mesh::commands
