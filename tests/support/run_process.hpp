#pragma once
// Running a real program with given stdin, capturing stdout, stderr and the exit code.

#include <string>
#include <vector>

namespace mesh::testing {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs argv[0] with the arguments (no shell), feeding `input` on stdin.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {},
                          const std::vector<std::string>& extra_env = {});

}  // namespace mesh::testing
