#include "commands/command.hpp"

namespace mesh::commands {

// One line per command; each lives in its own file.
void register_inject(CLI::App& app, Context& ctx);
void register_uninject(CLI::App& app, Context& ctx);
void register_version(CLI::App& app, Context& ctx);
void register_webhook(CLI::App& app, Context& ctx);

void register_all_commands(CLI::App& app, Context& ctx) {
    register_inject(app, ctx);
    register_uninject(app, ctx);
    register_version(app, ctx);
    register_webhook(app, ctx);
}

}  // namespace mesh::commands
