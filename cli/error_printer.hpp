#pragma once
// Printing libmesh errors the way ninja and compilers do: file:line:col, message, line, caret.

#include <ostream>

#include "libmesh/core/error.hpp"

namespace mesh::cli {

/// Writes `mesh: error: <file>:<line>:<col>: <message>` and, when known, the source line with a caret.
void print_error(std::ostream& err, const core::Error& error);

/// Exit code for an error: 2 for usage errors, 1 for everything else.
int exit_code_for(const core::Error& error);

}  // namespace mesh::cli
