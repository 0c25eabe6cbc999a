#pragma once
// Pieces of the online dtab commands that `mesh dtab diff` and the namerctl personality reuse.

#include <optional>
#include <string>

#include "libmesh/core/error.hpp"
#include "libmesh/dtab/dtab.hpp"
#include "libmesh/namerd/client.hpp"

namespace mesh::commands {

/// A dtab file meant for namerd, with the version it was read at, if it says.
struct UploadedDtab {
    dtab::Dtab dtab;
    std::optional<std::string> version;
};

/// Parses a dtab text (its `# version <etag>` comment gives the version) or a JSON dtab
/// (`{"version":..,"dtab":[...]}` or a bare array).
core::Result<UploadedDtab> parse_upload(const std::string& text, const std::string& name);

/// `get`'s output: pretty (`# version` + aligned dentries), compact or json.
std::string render_get(const namerd::VersionedDtab& got, const std::string& output);

}  // namespace mesh::commands
