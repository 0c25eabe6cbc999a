#pragma once
// Linkerd's io.l5d.rewrite namer, which needs nothing live: the path after its prefix is matched
// against `pattern` and rewritten to `name`, and delegation goes on with the new path.

#include <functional>
#include <string>

#include "libmesh/dtab/namers.hpp"

namespace mesh::dtab {

/// The namer of `pattern` and `name`, for NamerConfig::mounted, as linkerd's PathMatcher reads
/// them. Pattern segments are `*` (any one element), literals, or text with `{var}` captures
/// (`{port}`, `{svc}.com`: searched for in the element, each capture `(.*)`); a path longer than
/// the pattern matches by its start and the rest is dropped. A match gives `name` with each
/// `{var}` replaced, read as a path (Rewrite); a mismatch is Neg. Elements are compared and
/// captured as Finagle shows them.
std::function<NamerResult(const Path&)> rewrite_namer(const std::string& pattern, const std::string& name);

}  // namespace mesh::dtab
