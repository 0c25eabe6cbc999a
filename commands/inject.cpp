#include "commands/command.hpp"
namespace mesh::commands {
void register_inject(CLI::App& app, Context&) { add_command(app, "inject", "Inject", "", ""); }
void register_uninject(CLI::App& app, Context&) { add_command(app, "uninject", "Uninject", "", ""); }
}  // namespace mesh::commands
