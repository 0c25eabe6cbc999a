#pragma once
// Files of the source tree that tests read (no link to the command tree needed).

#include <string>

namespace mesh::testing {

/// Reads a whole file (test helper; throws on failure).
std::string read_test_file(const std::string& path);

/// Absolute path of a file under the source tree.
std::string source_path(const std::string& relative);

/// Linkerd's hello-world app from the real corpus: the manifest most tests inject.
std::string hello_world_manifest();

}  // namespace mesh::testing
