#pragma once
// Turning byte offsets in a text into line/column and the line itself, for error messages.

#include <cstddef>
#include <string>
#include <string_view>

#include "libmesh/core/error.hpp"

namespace mesh::core {

/// 1-based line and column (in bytes) of a byte offset.
struct LineColumn {
    int line = 1;
    int column = 1;
};

/// Line and column of `offset` in `text` (offset is clamped to the text's size).
LineColumn line_column_at(std::string_view text, std::size_t offset);

/// The line containing `offset`, without its line ending.
std::string line_at(std::string_view text, std::size_t offset);

/// The 1-based `line` of `text`, without its line ending; empty if out of range.
std::string line_number(std::string_view text, int line);

/// Where byte `offset` of `text` is in `file`, when `text` starts at line `first_line` of it.
SourceLocation location_at(std::string_view text, std::size_t offset, const std::string& file, int first_line = 1);

/// An error at byte `offset` of `text` (see location_at), with that line for the caret.
Error error_at_offset(ErrorCode code, std::string message, std::string_view text, std::size_t offset,
                      const std::string& file, int first_line = 1);

}  // namespace mesh::core
