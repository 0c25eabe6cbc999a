// `mesh completion SHELL` prints a completion script; the hidden `__generate` writes the man pages
// and scripts into the source tree (the `docs` build target), and the hidden `__complete` answers
// the scripts' questions that need a file read (kubeconfig contexts).

#include <filesystem>

#include "cli/command.hpp"
#include "cli/docgen/completion_scripts.hpp"
#include "cli/docgen/generated_docs.hpp"
#include "libmesh/core/atomic_write.hpp"
#include "libmesh/kube/contexts.hpp"
#include "libmesh/namerd/client.hpp"

namespace mesh::cli {

namespace fs = std::filesystem;

static void register_completion_command(CLI::App& app, Context& ctx) {
    auto shell = std::make_shared<std::string>();
    CLI::App* cmd =
        add_command(app, "completion", "Print a shell completion script (bash, zsh or fish)",
                    "Prints a script that teaches the shell to complete mesh's commands, flags, the values of "
                    "flags that take one of a fixed set (-o, --mode), file names for -f/--filename, and the "
                    "contexts and namespaces of the reachable kubeconfig for --context and -n/--namespace "
                    "(namespaces only when kubectl is installed).\n"
                    "\n"
                    "The Debian package installs the scripts already; this command is for other installs. The "
                    "scripts also complete kubectl-mesh, and `kubectl mesh` through kubectl's own completion "
                    "when kubectl_complete-mesh is on the PATH.",
                    "  # bash, for this shell, then for good\n"
                    "  source <(mesh completion bash)\n"
                    "  mesh completion bash > ~/.local/share/bash-completion/completions/mesh\n"
                    "  # zsh: a file named _mesh in a directory of $fpath\n"
                    "  mesh completion zsh > \"${fpath[1]}/_mesh\"\n"
                    "  # fish\n"
                    "  mesh completion fish > ~/.config/fish/completions/mesh.fish\n");
    cmd->add_option("shell", *shell, "The shell to print the script for")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    set_run(*cmd, ctx, [&app, shell](Io& io) -> Outcome {
        io.out << render_completion(*shell, describe_tree(app));
        return k_exit_ok;
    });
}

// Writes every generated file under `root_dir` and removes man pages of commands that are gone.
static Outcome write_generated(CLI::App& app, const std::string& root_dir) {
    auto files = generated_files(describe_tree(app), MESH_VERSION);
    std::error_code ec;
    for (const char* dir : {"man", "completions"}) fs::create_directories(fs::path(root_dir) / dir, ec);
    for (const auto& entry : fs::directory_iterator(fs::path(root_dir) / "man", ec)) {
        std::string name = entry.path().filename().string();
        bool ours = name.rfind("mesh", 0) == 0 && entry.path().extension() == ".1";
        if (ours && !files.count("man/" + name)) fs::remove(entry.path(), ec);
    }
    for (const auto& [relative, content] : files) {
        auto written = core::write_file_atomically((fs::path(root_dir) / relative).string(), content);
        if (!written) return tl::unexpected(written.error());
    }
    return cli::k_exit_ok;
}

static void register_generate_command(CLI::App& app, Context& ctx) {
    auto dir = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("__generate", "Write man/ and completions/ into DIR");
    cmd->group("");  // hidden: a build step, not a user command
    cmd->add_option("dir", *dir, "The source tree")->required();
    set_run(*cmd, ctx, [&app, dir](Io&) { return write_generated(app, *dir); });
}

// namerd's dtab namespaces, from --namerd, NAMERD_URL or NAMERCTL_BASE_URL as the dtab commands
// find it; nothing (and no error) when namerd is unknown or does not answer within 2 s.
static void print_dtab_namespaces(const std::string& namerd, Io& io) {
    std::string url = namerd;
    if (url.empty()) url = io.getenv("NAMERD_URL").value_or("");
    if (url.empty()) url = io.getenv("NAMERCTL_BASE_URL").value_or("");
    if (url.empty()) return;
    auto base = namerd::normalize_base_url(url);
    if (!base) return;
    namerd::ClientOptions options;
    options.base_url = *base;
    options.timeout_ms = 2000;
    options.connect_timeout_ms = 2000;
    namerd::Client client(options);
    if (auto names = client.list())
        for (const auto& name : *names) io.out << name << '\n';
}

static void register_complete_command(CLI::App& app, Context& ctx) {
    auto what = std::make_shared<std::string>();
    auto kubeconfig = std::make_shared<std::string>();
    auto context = std::make_shared<std::string>();
    auto namerd = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("__complete", "Values for the completion scripts");
    cmd->group("");
    cmd->add_option("what", *what, "contexts or dtab-namespaces")
        ->required()
        ->check(CLI::IsMember({"contexts", "dtab-namespaces"}));
    // The scripts pass every one of these along, whichever values are asked for.
    cmd->add_option("--kubeconfig", *kubeconfig, "Kubeconfig file");
    cmd->add_option("--context", *context, "Ignored");
    cmd->add_option("--namerd", *namerd, "namerd base URL");
    // The lambda owns every bound variable: CLI11 writes into them during parsing.
    set_run(*cmd, ctx, [what, kubeconfig, context, namerd](Io& io) -> Outcome {
        (void)context;
        if (*what == "dtab-namespaces") {
            print_dtab_namespaces(*namerd, io);
            return k_exit_ok;
        }
        auto paths = kube::kubeconfig_paths(kubeconfig->empty() ? std::nullopt : std::optional(*kubeconfig),
                                            io.getenv("KUBECONFIG"), io.getenv("HOME"));
        for (const auto& name : kube::context_names_of_files(paths)) io.out << name << '\n';
        return k_exit_ok;
    });
}

void register_completion(CLI::App& app, Context& ctx) {
    register_completion_command(app, ctx);
    register_generate_command(app, ctx);
    register_complete_command(app, ctx);
}

}  // namespace mesh::cli
