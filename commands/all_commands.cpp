#include "commands/all_commands.hpp"

#include "cli/builtin_commands.hpp"
#include "commands/dtab/register.hpp"
#include "commands/install/register.hpp"
#include "commands/manifest/register.hpp"
#include "commands/proxy/register.hpp"
#include "commands/webhook/register.hpp"

namespace mesh::commands {

const cli::CommandSet& all_commands() {
    static const cli::CommandSet commands{
        {
            {"dtab", register_dtab},
            {"install", register_install},
            {"inject", register_inject},
            {"uninject", register_uninject},
            {"status", register_status},
            {"check", register_check},
            {"version", cli::register_version},
            {"webhook", register_webhook},
            {"", cli::register_completion},
            {"", cli::register_program},
        },
        {{"linkerd-inject", run_linkerd_inject}, {"namerctl", run_namerctl}},
    };
    return commands;
}

}  // namespace mesh::commands
