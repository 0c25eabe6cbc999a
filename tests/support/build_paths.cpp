#include "tests/support/build_paths.hpp"

namespace mesh::testing {

const char* source_dir() { return MESH_SOURCE_DIR; }

const char* mesh_binary() { return MESH_BINARY; }

}  // namespace mesh::testing
