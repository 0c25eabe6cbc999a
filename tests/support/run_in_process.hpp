#pragma once
// Running mesh in process with string streams and a fixed environment.

#include <map>
#include <string>
#include <vector>

#include "tests/support/test_files.hpp"

namespace mesh::testing {

struct InProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs `mesh` (or the personality named by args[0]) with `input` on stdin, no terminal, and an
/// environment that holds only `env`.
InProcessResult run_mesh(const std::vector<std::string>& args, const std::string& input = {},
                         const std::map<std::string, std::string>& env = {});

using RunResult = InProcessResult;

/// Runs `mesh <args...>` (the program name is added) with empty stdin and only `env` set.
inline RunResult run_mesh_command(const std::vector<std::string>& args,
                                  const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> argv{"mesh"};
    argv.reserve(args.size() + 1);
    for (const auto& arg : args) argv.push_back(arg);
    return run_mesh(argv, {}, env);
}

}  // namespace mesh::testing
