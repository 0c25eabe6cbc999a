#pragma once
// Turning byte offsets in a text into line/column and the line itself, for error messages.

#include <cstddef>
#include <string>
#include <string_view>

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

}  // namespace mesh::core
