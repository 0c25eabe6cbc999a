#include "tests/support/build_paths.hpp"

namespace mesh::testing {

const char* source_dir() { return MESH_SOURCE_DIR; }

const char* mesh_binary() { return MESH_BINARY; }

const char* k8s_yaml_oracle() { return MESH_K8S_ORACLE; }

}  // namespace mesh::testing
