#pragma once
// Where the source tree and the built executable are. Defined in one file, so only that file's
// compile line names this checkout (the rest of the tests compile the same in any clone).

namespace mesh::testing {

/// The source tree's absolute path (testdata/ and the committed docs are read from it).
const char* source_dir();

/// The absolute path of the built `mesh` executable.
const char* mesh_binary();

/// The built Kubernetes YAML oracle (tests/support/k8s_yaml_oracle.go), or "" where Go is not installed.
const char* k8s_yaml_oracle();

}  // namespace mesh::testing
