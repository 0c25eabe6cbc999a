#include "tests/support/test_files.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/support/build_paths.hpp"

namespace mesh::testing {

std::string read_test_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << file.rdbuf();
    return s.str();
}

std::string source_path(const std::string& relative) {
    return std::string(mesh::testing::source_dir()) + "/" + relative;
}

std::string hello_world_manifest() {
    return read_test_file(source_path("testdata/manifests/real/linkerd-linkerd-examples-hello-world.yaml"));
}

}  // namespace mesh::testing
