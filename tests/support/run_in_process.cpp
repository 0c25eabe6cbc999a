#include "tests/support/run_in_process.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cli/run_main.hpp"

namespace mesh::testing {

InProcessResult run_mesh(const std::vector<std::string>& args, const std::string& input) {
    std::istringstream in(input);
    std::ostringstream out, err;
    cli::Io io{in, out, err};
    io.getenv = [](const std::string&) { return std::optional<std::string>(); };
    InProcessResult result;
    result.exit_code = cli::run_main(args, io);
    result.out = out.str();
    result.err = err.str();
    return result;
}

std::string read_test_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << file.rdbuf();
    return s.str();
}

std::string source_path(const std::string& relative) { return std::string(MESH_SOURCE_DIR) + "/" + relative; }

}  // namespace mesh::testing
