#pragma once
// Splitting a manifest stream into documents exactly where kubectl splits it.

#include <cstddef>
#include <string_view>
#include <vector>

#include "libmesh/core/error.hpp"
#include "libmesh/core/limits.hpp"

namespace mesh::manifest {

/// One document's bytes in the stream; everything between documents (separator lines, a BOM) is
/// not part of any document and is copied through untouched.
struct DocumentRange {
    std::size_t begin = 0;  ///< first byte of the document (after a BOM, if any)
    std::size_t end = 0;    ///< one past its last byte (the start of the next separator line)
    int first_line = 1;     ///< 1-based line number of `begin` in the stream
    bool json = false;      ///< a JSON value from a JSON stream
};

/// Splits `stream`: a JSON stream (first non-blank byte `{`) into its top-level values, anything else
/// at lines that start with `---` followed only by blanks or a comment, as apimachinery's YAMLReader
/// does. `file` names the input in errors.
core::Result<std::vector<DocumentRange>> split_stream(std::string_view stream, const std::string& file,
                                                      const core::Limits& limits);

}  // namespace mesh::manifest
