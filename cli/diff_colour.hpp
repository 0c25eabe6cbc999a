#pragma once
// Unified diffs coloured as `git diff` colours them, for a terminal.

#include <string>

namespace mesh::cli {

/// `diff` with git's default colours: file headers bold, hunk headers cyan, removed lines red,
/// added lines green, context plain; each line's colour is reset before its newline.
std::string colour_diff(const std::string& diff);

}  // namespace mesh::cli
