#pragma once
// Running mesh in process with string streams and a fixed environment.

#include <map>
#include <string>
#include <vector>

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

/// Reads a whole file (test helper; throws on failure).
std::string read_test_file(const std::string& path);

/// Absolute path of a file under the source tree.
std::string source_path(const std::string& relative);

/// Linkerd's hello-world app from the real corpus: the manifest most tests inject.
std::string hello_world_manifest();

}  // namespace mesh::testing
