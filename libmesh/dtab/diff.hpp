#pragma once
// Comparing two dtabs dentry by dentry, where order matters (later dentries are tried first).

#include <cstddef>
#include <string>
#include <vector>

#include "libmesh/dtab/dtab.hpp"

namespace mesh::dtab {

/// One difference: a dentry only in the old dtab, only in the new one, or in both at a new place.
struct DtabChange {
    enum class Kind : unsigned char { Removed, Added, Moved };
    Kind kind = Kind::Added;
    std::string dentry;         ///< Finagle's form of the dentry
    std::size_t old_index = 0;  ///< 0-based position in the old dtab (Removed, Moved)
    std::size_t new_index = 0;  ///< 0-based position in the new dtab (Added, Moved)
};

/// The changes from `before` to `after`, in the order of the new dtab (removals where they were).
std::vector<DtabChange> diff(const Dtab& before, const Dtab& after);

}  // namespace mesh::dtab
