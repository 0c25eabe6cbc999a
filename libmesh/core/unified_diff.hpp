#pragma once
// A unified diff of two texts, line by line (Myers' algorithm), as `diff -u` prints it.

#include <string>
#include <string_view>

namespace mesh::core {

/// `--- a/<name>` / `+++ b/<name>` and hunks with `context` lines around each change; empty when
/// the texts are equal. A last line without a newline gets `\ No newline at end of file`.
std::string unified_diff(std::string_view before, std::string_view after, const std::string& name, int context = 3);

/// Only the hunks, with line numbers shifted by `a_offset` / `b_offset` lines: for diffing one
/// document of a larger file.
std::string unified_diff_hunks(std::string_view before, std::string_view after, std::size_t a_offset,
                               std::size_t b_offset, int context = 3);

}  // namespace mesh::core
