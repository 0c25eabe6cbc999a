#include "cli/personalities.hpp"

namespace mesh::cli {

Personality find_personality(const CommandSet& commands, const std::string& program_name) {
    auto it = commands.personalities.find(program_name);
    return it == commands.personalities.end() ? Personality{} : it->second;
}

}  // namespace mesh::cli
