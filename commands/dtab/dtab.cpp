// `mesh dtab`: the parent command; each verb lives in its own file beside this one.

#include "commands/dtab/register.hpp"

namespace mesh::commands {

void register_dtab(CLI::App& app, cli::Context& ctx) {
    CLI::App* dtab =
        cli::add_command(app, "dtab", "Format, lint, diff and delegate Finagle dtabs; manage namerd's dtabs",
                         "Works with Linkerd 1.x delegation tables exactly as Finagle 21.4.0 (Linkerd 1.7) reads "
                         "them. Offline: fmt, lint, diff and delegate need no running Linkerd. Online: list, get, "
                         "create, update, delete, watch, edit and diff NS FILE talk to namerd's HTTP API "
                         "(--namerd URL, else $NAMERD_URL, else $NAMERCTL_BASE_URL).",
                         "  mesh dtab fmt -w routing.dtab\n"
                         "  mesh dtab lint routing.dtab\n"
                         "  mesh dtab delegate /svc/web --dtab-file routing.dtab\n"
                         "  mesh dtab get default --namerd http://namerd:4180\n");
    dtab->require_subcommand(1);
    register_dtab_fmt(*dtab, ctx);
    register_dtab_lint(*dtab, ctx);
    register_dtab_delegate(*dtab, ctx);
    register_dtab_diff(*dtab, ctx);
    register_dtab_namerd(*dtab, ctx);
}

}  // namespace mesh::commands
