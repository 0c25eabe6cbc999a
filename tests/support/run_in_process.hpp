#pragma once
// Running `mesh` in process with string streams and a fixed environment.

#include <map>
#include <string>
#include <vector>

namespace mesh::testing {

struct InProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs `mesh` (or the program named by args[0]) with `input` on stdin; getenv sees only `env`.
InProcessResult run_mesh(const std::vector<std::string>& args, const std::string& input = {},
                         const std::map<std::string, std::string>& env = {});

}  // namespace mesh::testing
