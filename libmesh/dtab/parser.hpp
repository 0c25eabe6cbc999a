#pragma once
// Finagle's dtab grammar (NameTreeParsers) with its exact error messages, plus the location and
// source line of an error, and the comments it skipped (so a formatter can keep them).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "libmesh/core/error.hpp"
#include "libmesh/dtab/dtab.hpp"

namespace mesh::dtab {

/// How to parse and how to report errors.
struct ParseOptions {
    std::string file;                         ///< name used in error locations (empty: no location)
    bool full_context = false;                ///< quote the whole input in messages even when it has many lines
    std::size_t max_nesting = 200;            ///< deepest `(` nesting accepted
    std::size_t max_input_bytes = 64u << 20;  ///< longest text accepted
};

/// A `#` comment the parser skipped: [begin, end) covers `#...` without the newline.
struct Comment {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string text;  ///< the comment including its `#`, without the line ending
};

/// A dtab with the comments that surrounded its dentries.
struct ParsedDtab {
    Dtab dtab;
    std::vector<Comment> comments;
};

/// Finagle's `Path.read`: a whole text holding one path (whitespace and comments around it).
core::Result<Path> parse_path(std::string_view text, const ParseOptions& options = {});

/// Finagle's `NameTree.read`: a whole text holding one name tree.
core::Result<NameTree> parse_name_tree(std::string_view text, const ParseOptions& options = {});

/// Finagle's `Dentry.read`: a whole text holding one dentry.
core::Result<Dentry> parse_dentry(std::string_view text, const ParseOptions& options = {});

/// Finagle's `Dtab.read`: `;`-separated dentries, one trailing `;` allowed.
core::Result<Dtab> parse_dtab(std::string_view text, const ParseOptions& options = {});

/// Like parse_dtab, also returning the comments in source order.
core::Result<ParsedDtab> parse_dtab_with_comments(std::string_view text, const ParseOptions& options = {});

/// True for Java's Character.isWhitespace of the code point.
bool is_java_whitespace(char32_t c);

}  // namespace mesh::dtab
