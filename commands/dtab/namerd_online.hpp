#pragma once
// How `mesh dtab get` and `mesh dtab edit` print a namespace's dtab.

#include <string>

#include "cli/output_format.hpp"
#include "libmesh/namerd/client.hpp"

namespace mesh::commands {

/// `get`'s output: text (`# version` + aligned dentries), compact or json.
std::string render_get(const namerd::VersionedDtab& got, cli::OutputFormat output);

}  // namespace mesh::commands
