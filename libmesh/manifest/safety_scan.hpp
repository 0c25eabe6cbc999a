#pragma once
// A cheap byte scan run before the parser sees a document, for errors that say "binary input?"
// where libyaml would only say "invalid leading UTF-8 octet" or "control characters are not allowed".

#include <string>
#include <string_view>

#include "libmesh/core/error.hpp"

namespace mesh::manifest {

/// Fails on invalid UTF-8 (overlong, surrogates, beyond U+10FFFF), NUL and the other control
/// bytes libyaml (and so Kubernetes) rejects, with the position in `stream`.
core::Result<void> check_document_bytes(std::string_view stream, std::size_t begin, std::size_t end,
                                        const std::string& file);

/// Fails unless stream[begin, end) is one valid JSON value: a JSON stream is decoded as JSON by
/// kubectl, while a YAML parser would read invalid JSON as lenient YAML flow (a stray quote, say).
core::Result<void> check_json_value(std::string_view stream, std::size_t begin, std::size_t end,
                                    const std::string& file);

}  // namespace mesh::manifest
