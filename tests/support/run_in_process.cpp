#include "tests/support/run_in_process.hpp"

#include <sstream>

#include "cli/run_main.hpp"

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
    InProcessResult r;
    r.exit_code = cli::run_main(args, io);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace mesh::testing
