#include "commands/command.hpp"
#include "commands/terminal.hpp"

namespace mesh::commands {

// One line per command; each lives in its own file.
void register_program(CLI::App& app, Context& ctx);
void register_dtab(CLI::App& app, Context& ctx);
void register_inject(CLI::App& app, Context& ctx);
void register_uninject(CLI::App& app, Context& ctx);
void register_status(CLI::App& app, Context& ctx);
void register_check(CLI::App& app, Context& ctx);
void register_version(CLI::App& app, Context& ctx);
void register_webhook(CLI::App& app, Context& ctx);
void register_completion(CLI::App& app, Context& ctx);

void register_all_commands(CLI::App& app, Context& ctx) {
    register_dtab(app, ctx);
    register_inject(app, ctx);
    register_uninject(app, ctx);
    register_status(app, ctx);
    register_check(app, ctx);
    register_version(app, ctx);
    register_webhook(app, ctx);
    register_completion(app, ctx);
    // After the commands: CLI11 copies the parent's footer into each new subcommand, and the
    // program's examples belong to `mesh --help` only.
    register_program(app, ctx);
    // Last, so it reaches every command registered above.
    add_no_color_everywhere(app, ctx);
}

}  // namespace mesh::commands
