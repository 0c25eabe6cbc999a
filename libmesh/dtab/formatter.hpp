#pragma once
// The two printed forms of a dtab file: namerctl's aligned one-dentry-a-line form that keeps the
// user's comments, and Finagle's compact `show` form.

#include <string>
#include <string_view>

#include "libmesh/dtab/parser.hpp"

namespace mesh::dtab {

/// One dentry a line, `=>` aligned as namerctl printed (`/foo  => /bar ;`), comments kept where
/// they were (leading comment lines above their dentry, trailing comments at its line end) and
/// one blank line kept where the source had blank lines. Parses back to the same dtab.
std::string format_pretty(const ParsedDtab& parsed, std::string_view source);

/// namerctl's pretty form without comments (what `namerctl dtab get` printed).
std::string format_namerctl(const Dtab& dtab);

/// Finagle's compact form plus a newline (`/a=>/b;/c=>/d`); comments cannot be kept there.
std::string format_compact(const Dtab& dtab);

}  // namespace mesh::dtab
