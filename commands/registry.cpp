#include "commands/command.hpp"

namespace mesh::commands {

// One line per command; each lives in its own file.
void register_dtab(CLI::App& app, Context& ctx);
void register_inject(CLI::App& app, Context& ctx);
void register_uninject(CLI::App& app, Context& ctx);
void register_version(CLI::App& app, Context& ctx);
void register_status(CLI::App& app, Context& ctx);
void register_check(CLI::App& app, Context& ctx);

void register_all_commands(CLI::App& app, Context& ctx) {
    register_dtab(app, ctx);
    register_inject(app, ctx);
    register_uninject(app, ctx);
    register_status(app, ctx);
    register_check(app, ctx);
    register_version(app, ctx);
}

}  // namespace mesh::commands
