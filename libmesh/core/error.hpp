#pragma once
// Errors and results shared by every libmesh module.

#include <string>
#include <tl/expected.hpp>

namespace mesh::core {

/// What kind of failure an Error is; the CLI maps every kind to exit code 1 except Usage (2).
enum class ErrorCode { Input, Refused, Io, Network, Limit, Usage, Internal };

/// Where in a source text something happened; line and column are 1-based, 0 means unknown.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
};

/// A failure with a message, an optional location and, for parse errors, the offending source line.
struct Error {
    ErrorCode code = ErrorCode::Input;
    std::string message;
    SourceLocation location;
    std::string source_line;  // shown under the message with a caret at location.column
};

/// Result of an operation that may fail.
template <typename T> using Result = tl::expected<T, Error>;

/// Shorthand for returning a failure from a function that returns Result<T>.
inline tl::unexpected<Error> fail(ErrorCode code, std::string message, SourceLocation location = {},
                                  std::string source_line = {}) {
    return tl::unexpected<Error>(Error{code, std::move(message), std::move(location), std::move(source_line)});
}

}  // namespace mesh::core
