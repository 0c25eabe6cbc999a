#pragma once
// A cheap byte scan run before yaml-cpp sees a document: yaml-cpp accepts invalid UTF-8 and
// buffers a whole flow collection before its own depth guard fires, so both are checked here.

#include <string>
#include <string_view>

#include "libmesh/core/error.hpp"
#include "libmesh/core/limits.hpp"

namespace mesh::manifest {

/// Fails on invalid UTF-8 (overlong, surrogates, beyond U+10FFFF), NUL and other control bytes
/// Kubernetes rejects, flow nesting deeper than limits.max_depth, more flow entries than a
/// document may hold, and a `%` directive line after the document's content (without `...`). `base` is the document's offset in `stream`, for error positions.
core::Result<void> check_document_bytes(std::string_view stream, std::size_t begin, std::size_t end,
                                        const std::string& file, const core::Limits& limits);

/// Fails unless stream[begin, end) is one valid JSON value: a JSON stream is decoded as JSON by
/// kubectl, while yaml-cpp would read invalid JSON as lenient YAML flow (a stray quote, say).
core::Result<void> check_json_value(std::string_view stream, std::size_t begin, std::size_t end,
                                    const std::string& file);

}  // namespace mesh::manifest
