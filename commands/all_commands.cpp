#include "commands/all_commands.hpp"

#include "cli/builtin_commands.hpp"
#include "commands/dtab/register.hpp"
#include "commands/install/register.hpp"
#include "commands/manifest/register.hpp"
#include "commands/proxy/register.hpp"
#include "commands/webhook/register.hpp"

namespace mesh::commands {

static void register_every_command(CLI::App& app, cli::Context& ctx) {
    register_dtab(app, ctx);
    register_install(app, ctx);
    register_inject(app, ctx);
    register_uninject(app, ctx);
    register_status(app, ctx);
    register_check(app, ctx);
    cli::register_version(app, ctx);
    register_webhook(app, ctx);
    cli::register_completion(app, ctx);
    cli::register_program(app, ctx);
}

const cli::CommandSet& all_commands() {
    static const cli::CommandSet commands{
        register_every_command,
        {{"linkerd-inject", run_linkerd_inject}, {"namerctl", run_namerctl}},
    };
    return commands;
}

}  // namespace mesh::commands
