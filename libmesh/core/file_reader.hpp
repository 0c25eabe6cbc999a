#pragma once
// The one way libmesh reads a whole file or stream: bounded while reading, so an endless or
// enormous input (/dev/zero, a runaway pipe) stops at the limit instead of filling memory.

#include <cstddef>
#include <istream>
#include <string>

#include <tl/expected.hpp>

#include "libmesh/core/error.hpp"

namespace mesh::core {

/// Why a bounded read gave no text; callers word the error for their own users.
struct ReadFailure {
    enum class Kind {
        CannotOpen,  ///< the file could not be opened (`error_number` says why)
        TooLarge,    ///< more than the limit was there
        ReadFailed,  ///< opened, then reading failed
    };
    Kind kind = Kind::ReadFailed;
    int error_number = 0;  ///< errno when the system reported one, else 0
};

/// The whole text of a bounded read, or why there is none.
using BoundedText = tl::expected<std::string, ReadFailure>;

/// Reads `in` to its end; fails with TooLarge once more than `max_bytes` arrive, having read at
/// most `max_bytes + 1` bytes. `size_hint` (clamped to the limit) reserves the buffer up front;
/// without one (a pipe) the stream is read in chunks joined once at the end, so that memory peaks
/// at about the input's size rather than twice it.
BoundedText read_bounded(std::istream& in, std::size_t max_bytes, std::size_t size_hint = 0);

/// Opens `path` and reads it as read_bounded does; a regular file already larger than the limit
/// fails before any byte is read.
BoundedText read_file_bounded(const std::string& path, std::size_t max_bytes);

/// read_file_bounded with errors that name the file in their message ("<path>: cannot open file",
/// "<path>: larger than N MiB"), for small files given by flags (tokens, proxy lists, kubeconfigs).
Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes);

}  // namespace mesh::core
