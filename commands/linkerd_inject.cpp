#include "commands/command.hpp"
namespace mesh::commands {
int run_linkerd_inject(const std::vector<std::string>&, Context& ctx) {
    ctx.io.err << "linkerd-inject: not yet\n";
    return 1;
}
}  // namespace mesh::commands
