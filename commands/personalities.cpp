#include "commands/personalities.hpp"

namespace mesh::commands {

int run_linkerd_inject(const std::vector<std::string>& args, Context& ctx);
int run_namerctl(const std::vector<std::string>& args, Context& ctx);

Personality find_personality(const std::string& program_name) {
    if (program_name == "linkerd-inject") return run_linkerd_inject;
    if (program_name == "namerctl") return run_namerctl;
    return {};
}

}  // namespace mesh::commands
