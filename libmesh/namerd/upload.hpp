#pragma once
// Reading a dtab meant for namerd: the text form with its `# version` line, or namerctl's JSON.

#include <cstddef>
#include <optional>
#include <string>

#include "libmesh/core/error.hpp"
#include "libmesh/dtab/dtab.hpp"

namespace mesh::namerd {

/// A dtab file meant for namerd, with the version it was read at, if it says.
struct UploadedDtab {
    dtab::Dtab dtab;
    std::optional<std::string> version;
};

/// Parses a dtab text (its `# version <etag>` comment gives the version) or a JSON dtab
/// (`{"version":..,"dtab":[...]}` or a bare array); errors name `name`. Text longer than
/// `max_input_bytes` is refused.
core::Result<UploadedDtab> parse_upload(const std::string& text, const std::string& name, std::size_t max_input_bytes);

}  // namespace mesh::namerd
