#pragma once
// Replacing a file atomically: readers see the old or the new content, never a mix.

#include <string>
#include <string_view>

#include "libmesh/core/error.hpp"

namespace mesh::core {

/// Writes `content` to a temporary file beside `path`, fsyncs it, keeps the old file's mode and
/// renames it over `path`.
Result<void> write_file_atomically(const std::string& path, std::string_view content);

}  // namespace mesh::core
