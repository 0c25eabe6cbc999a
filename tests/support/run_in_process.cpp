#include "tests/support/run_in_process.hpp"
#include "tests/support/build_paths.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cli/run_main.hpp"
#include "commands/all_commands.hpp"

namespace mesh::testing {

InProcessResult run_mesh(const std::vector<std::string>& args, const std::string& input,
                         const std::map<std::string, std::string>& env) {
    std::istringstream in(input);
    std::ostringstream out, err;
    cli::Io io{in, out, err};
    io.getenv = [env](const std::string& name) -> std::optional<std::string> {
        auto it = env.find(name);
        if (it == env.end()) return std::nullopt;
        return it->second;
    };
    InProcessResult result;
    result.exit_code = cli::run_main(args, io, commands::all_commands());
    result.out = out.str();
    result.err = err.str();
    return result;
}

}  // namespace mesh::testing
