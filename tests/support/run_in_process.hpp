#pragma once
// Running `mesh` in process with string streams.

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

/// Runs `mesh <args...>` with empty stdin and no environment (getenv sees nothing).
inline RunResult run_mesh(std::vector<std::string> args) {
    args.insert(args.begin(), "mesh");
    std::istringstream in;
    std::ostringstream out, err;
    cli::Io io{in, out, err};
    io.getenv = [](const std::string&) { return std::optional<std::string>(); };
    RunResult r;
    r.exit_code = cli::run_main(args, io);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace mesh::testing
