// `mesh uninject`: take out exactly what `mesh inject` added.

#include "cli/command.hpp"
#include "commands/manifest/pipeline.hpp"

namespace mesh::commands {

namespace {

struct UninjectOptions {
    ManifestOptions manifest;
    inject::InjectConfig config;
};

cli::Outcome run_uninject(const UninjectOptions& options, cli::Io& io) {
    inject::InjectConfig config = options.config;
    if (auto ok = apply_kind_paths(options.manifest.kind_paths, config); !ok) return tl::unexpected(ok.error());
    return run_manifest_command(io, options.manifest, inject::Operation::Uninject, config);
}

}  // namespace

void register_uninject(CLI::App& app, cli::Context& ctx) {
    auto options = std::make_shared<UninjectOptions>();
    CLI::App* cmd = cli::add_command(
        app, "uninject", "Remove what mesh inject added",
        "Removes from each pod template exactly what its `mesh.l5d.io/injected` annotation records: the "
        "env variables, the init container, the keys injection created and the annotation itself. "
        "Variables the app already had are left alone, and replaced values are restored. For a manifest "
        "that was only injected, the result is the original file, byte for byte. Workloads without "
        "the annotation pass through unchanged and are reported as skipped.\n\n" +
            limits_help(options->config.limits),
        "  mesh uninject -f app.yml | kubectl apply -f -\n  mesh uninject -R -f manifests/ --in-place\n");
    add_manifest_flags(*cmd, options->manifest);
    cli::set_run(*cmd, ctx, options, run_uninject);
}

}  // namespace mesh::commands
