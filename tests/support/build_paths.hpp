#pragma once
// Where the source tree and the built executable are. Defined in one file, so only that file's
// compile line names this checkout (the rest of the tests compile the same in any clone).

namespace mesh::testing {

/// The source tree's absolute path (testdata/ and the committed docs are read from it).
const char* source_dir();

/// The absolute path of the built `mesh` executable.
const char* mesh_binary();

}  // namespace mesh::testing
