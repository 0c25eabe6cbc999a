#pragma once
// Reading files under testdata/ for tests.

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/build_paths.hpp"

namespace mesh::testing {

/// The content of testdata/<relative>; empty if it cannot be read.
inline std::string read_testdata(const std::string& relative) {
    std::ifstream in(std::string(mesh::testing::source_dir()) + "/testdata/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace mesh::testing
