#pragma once
// Running `mesh` in process with string streams.

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/io.hpp"
#include "cli/run_main.hpp"

namespace mesh::testing {

/// Captured result of one in-process run.
struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs `mesh <args...>` with empty stdin and only `env` as its environment.
inline RunResult run_mesh(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), "mesh");
    std::istringstream in;
    std::ostringstream out, err;
    cli::Io io{in, out, err};
    io.getenv = [env](const std::string& name) {
        auto it = env.find(name);
        return it == env.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
    };
    RunResult r;
    r.exit_code = cli::run_main(args, io);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace mesh::testing
