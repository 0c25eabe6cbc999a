#pragma once
// A unified diff of two texts, line by line (Myers' algorithm), as `diff -u` prints it.

#include <string>
#include <string_view>
#include <vector>

namespace mesh::core {

/// `--- a/<name>` / `+++ b/<name>` and hunks with `context` lines around each change; empty when
/// the texts are equal. A last line without a newline gets `\ No newline at end of file`.
std::string unified_diff(std::string_view before, std::string_view after, const std::string& name, int context = 3);

/// A piece of a text before and after a change; equal pieces cost no diffing.
struct DiffSegment {
    std::string_view before;
    std::string_view after;
};

/// The diff of the concatenated segments, each of which starts at a line start; only unequal
/// segments are diffed, so the cost follows the change, not the file's size.
std::string unified_diff_segments(const std::vector<DiffSegment>& segments, const std::string& name, int context = 3);

}  // namespace mesh::core
