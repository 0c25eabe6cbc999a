// What `man mesh` and `mesh --help` say about the program as a whole, and its global manners.

#include "cli/command.hpp"
#include "cli/terminal.hpp"

namespace mesh::cli {

void register_program(CLI::App& app, Context&) {
    describe_command(app,
                     "mesh is one executable for people who run a Linkerd 1.x-style service mesh on Kubernetes. "
                     "It injects the Linkerd proxy into Kubernetes manifests (and takes it out again) by editing "
                     "the text, so comments, key order and quoting survive; it formats, checks and explains "
                     "dtabs and talks to namerd; and it diagnoses live proxies through their admin endpoints.\n"
                     "\n"
                     "Data goes to standard output, errors and progress to standard error. When any input fails, "
                     "nothing is written to standard output, so a pipeline into kubectl apply never applies half "
                     "a change. Colour and check marks appear only on a terminal, never with NO_COLOR set or "
                     "with --no-color.\n"
                     "\n"
                     "Invoked under another name, mesh takes that tool's part: as kubectl-mesh it is a kubectl "
                     "plugin (kubectl mesh inject ...), as linkerd-inject and namerctl it accepts those tools' "
                     "command lines.",
                     "  mesh inject -f app.yml | kubectl apply -f -\n"
                     "  kubectl kustomize overlays/prod | mesh inject -f - | kubectl apply -f -\n"
                     "  mesh inject --diff -R -f manifests/\n"
                     "  kubectl mesh version\n"
                     "  mesh completion bash > ~/.local/share/bash-completion/completions/mesh\n");
}

}  // namespace mesh::cli
