#pragma once
// Dentries (`prefix => tree`) and dtabs (ordered lists of dentries), with Finagle's printer and
// its one-step `lookup` semantics.

#include <cstddef>
#include <string>
#include <vector>

#include "libmesh/dtab/name_tree.hpp"
#include "libmesh/dtab/path.hpp"

namespace mesh::dtab {

/// One element of a dentry prefix: a label, or the wildcard `*` matching exactly one element.
struct PrefixElement {
    std::string label;
    bool wildcard = false;
    friend bool operator==(const PrefixElement&, const PrefixElement&) = default;
};

/// The left-hand side of a dentry; `/` (no elements) matches every path.
struct Prefix {
    std::vector<PrefixElement> elems;
    /// Number of elements.
    std::size_t size() const { return elems.size(); }
    friend bool operator==(const Prefix&, const Prefix&) = default;
};

/// The prefix as Finagle prints it (`*` for wildcards, `/` when empty).
std::string show(const Prefix& prefix);

/// True when the prefix matches the first elements of `path` (a `*` matches any one element).
bool matches(const Prefix& prefix, const Path& path);

/// A prefix with no wildcards made from a path.
Prefix prefix_of(const Path& path);

/// One delegation rule; the offsets locate it in the parsed text and are not part of equality.
struct Dentry {
    Prefix prefix;
    NameTree dst;
    std::size_t begin = NameTree::k_no_offset;  ///< offset of the prefix's `/`
    std::size_t end = NameTree::k_no_offset;    ///< offset just past the dst
};

/// Equality of prefix and dst.
bool operator==(const Dentry& a, const Dentry& b);

/// Finagle's dentry form `prefix=>dst`.
std::string show(const Dentry& dentry);

/// An ordered list of dentries; later entries are tried first.
struct Dtab {
    std::vector<Dentry> dentries;
    /// Number of dentries.
    std::size_t size() const { return dentries.size(); }
    friend bool operator==(const Dtab&, const Dtab&) = default;
};

/// Finagle's `Dtab.show`: dentries joined with `;`.
std::string show(const Dtab& dtab);

/// Finagle's debug `Dtab.print`: `Dtab(N)` then a tab-indented line per entry.
std::string debug_print(const Dtab& dtab);

/// `a ++ b`: the dentries of a, then those of b.
Dtab concat(const Dtab& a, const Dtab& b);

/// Finagle's `stripPrefix`: `dtab` without a leading copy of `prefix`, or `dtab` unchanged.
Dtab strip_prefix(const Dtab& dtab, const Dtab& prefix);

/// The rewritten tree of dentry `d` for `path` (which `d` must match): residual appended to leaves.
NameTree rewrite(const Dentry& d, const Path& path);

/// Finagle's `Dtab.lookup` by scanning every dentry (the reference the index is tested against).
NameTree lookup_linear(const Dtab& dtab, const Path& path);

}  // namespace mesh::dtab
