#pragma once
// Edits expressed on the original bytes: everything outside an edit is copied through unchanged.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mesh::manifest {

/// Replace `remove` bytes at `offset` with `insert`.
struct TextEdit {
    std::size_t offset = 0;
    std::size_t remove = 0;
    std::string insert;
};

/// Applies non-overlapping edits (in any order) to `text`. Two inserts at the same offset keep
/// the order in which they were given.
std::string apply_edits(std::string_view text, std::vector<TextEdit> edits);

}  // namespace mesh::manifest
