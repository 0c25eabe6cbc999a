#pragma once
// Running mesh in process with string streams.

#include <string>
#include <vector>

namespace mesh::testing {

struct InProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// run_main with `args` (args[0] is the program name), `input` on stdin and no terminal.
InProcessResult run_mesh(const std::vector<std::string>& args, const std::string& input = {});

/// Reads a whole file (test helper; throws on failure).
std::string read_test_file(const std::string& path);

/// Absolute path of a file under the source tree.
std::string source_path(const std::string& relative);

}  // namespace mesh::testing
