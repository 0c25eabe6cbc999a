#pragma once
// Creating a file that must be nobody else's: a private key. Never through a planted symlink,
// never into a file someone else created, never seen half-written.

#include <string>
#include <string_view>

#include <sys/types.h>

#include "libmesh/core/error.hpp"

namespace mesh::core {

/// Writes `content` with `mode` to a new, unnamed file beside `path`, syncs it, and links it at
/// `path` in one step. Fails if `path` exists (a file, a directory or a symlink, even a dangling
/// one) unless `replace`, which swaps the name itself for the new file (a symlink is replaced,
/// its target never written).
Result<void> create_file_exclusively(const std::string& path, std::string_view content, mode_t mode, bool replace);

}  // namespace mesh::core
