#pragma once
// Small POSIX helpers the file writers share: a path's directory, a full write, errno as an Error.

#include <string>
#include <string_view>

#include "libmesh/core/error.hpp"

namespace mesh::core {

/// The directory part of `path`: "." for a bare name, "/" for a file at the root.
std::string directory_of(const std::string& path);

/// Writes all of `content` to `fd`, retrying after EINTR; false on an error (errno says which).
bool write_all(int fd, std::string_view content);

/// An I/O error "<what> <path>: <strerror(error)>", located at `path`.
Error errno_error(const std::string& what, const std::string& path, int error);

}  // namespace mesh::core
