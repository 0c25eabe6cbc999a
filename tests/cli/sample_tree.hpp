#pragma once
// A command tree shaped like mesh's will be after every command lands (nested commands, kubectl
// flags, enum values, files, a hidden command), so the generators are tested on more than the
// commands that exist today.

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace mesh::testing {

/// Owns the App and the storage its options bind to.
struct SampleTree {
    std::istringstream in;
    std::ostringstream out, err;
    cli::Io io{in, out, err};
    cli::Context ctx{io};
    CLI::App app{"mesh: a sample tree for the generators", "mesh"};
    std::string text;
    std::vector<std::string> files;
    bool flag = false;

    SampleTree() {
        using cli::add_command;
        app.set_version_flag("--version", "mesh version test", "Print the version and exit");
        CLI::App* inject =
            add_command(app, "inject", "Add the Linkerd proxy to manifests",
                        "Injects the proxy.\n\nA second paragraph with a backslash \\ and -dashes.\n\n"
                        "  mesh inject -f app.yml\n  .starts with a dot\n\n- a bullet\n- another 'quoted' one",
                        "  mesh inject -f app.yml | kubectl apply -f -\n");
        inject->add_option("-f,--filename", files, "Manifests to read; - for stdin");
        inject->add_flag("-R,--recursive", flag, "Read directories recursively");
        inject->add_option("--mode", text, "Where the proxy runs")->check(CLI::IsMember({"sidecar", "daemonset"}));
        inject->add_option("--context", text, "Kubeconfig context");
        inject->add_option("--kubeconfig", text, "Kubeconfig file");
        inject->add_option("-n,--namespace", text, "Namespace [with brackets]: and a colon");
        CLI::App* dtab = add_command(app, "dtab", "Work with dtabs", "", "");
        CLI::App* fmt = add_command(*dtab, "fmt", "Format dtab files", "Formats dtabs.", "");
        fmt->add_option("-o,--output", text, "Output format")->check(CLI::IsMember({"text", "json"}));
        fmt->add_option("files", files, "Dtab files");
        CLI::App* lookup = add_command(*dtab, "lookup", "Look a path up", "", "");
        lookup->add_option("dir", text, "A directory")->check(CLI::ExistingDirectory);
        lookup->add_option("path", text, "The path");
        CLI::App* hidden = app.add_subcommand("__secret", "Hidden");
        hidden->group("");
        hidden->add_option("--leak", text, "Must not appear");
    }
};

}  // namespace mesh::testing
