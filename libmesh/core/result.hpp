#pragma once
// One named constructor per kind of failure, and MESH_TRY / MESH_TRY_ASSIGN to pass a failure up
// unchanged (ccache's TRY idiom), so a function reads as its happy path.

#include <string>
#include <utility>

#include "libmesh/core/error.hpp"

namespace mesh::core {

/// A failure of the input's content (syntax, shape, values).
inline tl::unexpected<Error> input_error(std::string message, SourceLocation location = {},
                                         std::string source_line = {}) {
    return fail(ErrorCode::Input, std::move(message), std::move(location), std::move(source_line));
}

/// A peer understood the request and said no (a conflict, a precondition, a denial).
inline tl::unexpected<Error> refused_error(std::string message, SourceLocation location = {}) {
    return fail(ErrorCode::Refused, std::move(message), std::move(location));
}

/// A file or stream could not be opened, read or written.
inline tl::unexpected<Error> io_error(std::string message, SourceLocation location = {}) {
    return fail(ErrorCode::Io, std::move(message), std::move(location));
}

/// A peer could not be reached or answered outside the protocol.
inline tl::unexpected<Error> network_error(std::string message, SourceLocation location = {}) {
    return fail(ErrorCode::Network, std::move(message), std::move(location));
}

/// A size, depth or count limit was reached.
inline tl::unexpected<Error> limit_error(std::string message, SourceLocation location = {}) {
    return fail(ErrorCode::Limit, std::move(message), std::move(location));
}

/// The command line asked for something impossible (exit code 2).
inline tl::unexpected<Error> usage_error(std::string message, SourceLocation location = {}) {
    return fail(ErrorCode::Usage, std::move(message), std::move(location));
}

/// Something that should not happen did (a library could not start, an invariant broke).
inline tl::unexpected<Error> internal_error(std::string message, SourceLocation location = {}) {
    return fail(ErrorCode::Internal, std::move(message), std::move(location));
}

}  // namespace mesh::core

#define MESH_TRY_CONCAT_INNER(a, b) a##b
#define MESH_TRY_CONCAT(a, b) MESH_TRY_CONCAT_INNER(a, b)

/// Evaluates `expr` (a Result) and returns its error from the enclosing function when it failed.
#define MESH_TRY(expr)                                                                                                 \
    do {                                                                                                               \
        auto&& mesh_try_result_ = (expr);                                                                              \
        if (!mesh_try_result_)                                                                                         \
            return ::tl::unexpected(std::forward<decltype(mesh_try_result_)>(mesh_try_result_).error());               \
    } while (false)

/// Evaluates `expr` (a Result) and either returns its error or moves its value into `declaration`,
/// e.g. `MESH_TRY_ASSIGN(auto text, read_file(path, limit));`.
#define MESH_TRY_ASSIGN(declaration, expr)                                                                             \
    MESH_TRY_ASSIGN_IMPL(MESH_TRY_CONCAT(mesh_try_result_, __LINE__), declaration, expr)
#define MESH_TRY_ASSIGN_IMPL(result, declaration, expr)                                                                \
    auto&& result = (expr);                                                                                            \
    if (!result) return ::tl::unexpected(std::forward<decltype(result)>(result).error());                              \
    declaration = std::forward<decltype(result)>(result).value()
