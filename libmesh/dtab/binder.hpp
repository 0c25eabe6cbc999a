#pragma once
// Finagle's Namer.bind / Namer.resolve (DefaultInterpreter semantics, 21.4.0): dtab first, then
// namers; Alt stops at the first non-Neg child; Union drops Neg and Fail children.

#include <string>
#include <vector>

#include "libmesh/core/error.hpp"
#include "libmesh/dtab/dtab.hpp"
#include "libmesh/dtab/namers.hpp"

namespace mesh::dtab {

/// A bound tree: it never contains Alt nodes.
struct BoundTree {
    enum class Kind : unsigned char { Leaf, Union, Neg, Fail, Empty };
    Kind kind = Kind::Neg;
    BoundName bound;                  ///< Leaf
    std::vector<BoundTree> children;  ///< Union
    std::vector<double> weights;      ///< Union
};

/// Finagle's default `namerMaxDepth`.
inline constexpr int k_namer_max_depth = 100;

/// Bounds on one binding.
struct BindLimits {
    int max_depth = k_namer_max_depth;
    std::size_t max_nodes = 200000;
    std::size_t max_path_elements = 4000000;  ///< summed over every path looked up
};

/// Binds `tree` through `dtab` and `namers`; the error carries Finagle's exception message (for
/// example `Max recursion level: 100 reached in Namer lookup`).
core::Result<BoundTree> bind(const Dtab& dtab, const NameTree& tree, const Namers& namers,
                             const BindLimits& limits = {});

class LookupIndex;

/// Like bind() over a prebuilt index of the dtab.
core::Result<BoundTree> bind(const LookupIndex& index, const NameTree& tree, const Namers& namers,
                             const BindLimits& limits = {});

/// Finagle's `Namer.resolve`: Neg for none, Failed for an exception, else the union of addresses
/// (Pending when one of them needs live resolution).
Addr resolve(const Dtab& dtab, const Path& path, const Namers& namers, const BindLimits& limits = {});

/// The bound leaves of a bound tree (its evaluation), in tree order.
std::vector<const BoundName*> bound_leaves(const BoundTree& tree);

/// namerd's `/api/1/bind` JSON of a bound tree (no path or dentry fields).
std::string to_json(const BoundTree& tree);

}  // namespace mesh::dtab
