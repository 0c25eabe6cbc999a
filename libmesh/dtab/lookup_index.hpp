#pragma once
// An index over a dtab's prefixes (a trie keyed by element, with a wildcard edge) so a lookup
// costs about the same on 10 dentries as on 10,000, while keeping Finagle's order semantics.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "libmesh/dtab/dtab.hpp"

namespace mesh::dtab {

/// Answers "which dentries match this path" for one dtab (which must outlive the index).
class LookupIndex {
public:
    /// Indexes every dentry of `dtab`.
    explicit LookupIndex(const Dtab& dtab);

    /// Indices of the dentries whose prefix matches `path`, last dentry first (Finagle's order).
    std::vector<std::size_t> matching(const Path& path) const;

    /// Like matching(path), into `out` (cleared first), so a caller can reuse its buffer.
    void matching(const Path& path, std::vector<std::size_t>& out) const;

    /// Indices (ascending) of the dentries whose prefix matches every path `prefix` matches.
    std::vector<std::size_t> covering(const Prefix& prefix) const;

    /// Finagle's `Dtab.lookup`: Neg, the one rewritten dst, or an Alt of all, last dentry first.
    NameTree lookup(const Path& path) const;

    /// The indexed dtab.
    const Dtab& dtab() const { return m_dtab; }

private:
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    struct Node {
        std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> children;
        std::uint32_t wildcard = 0;            // 0 = none (node 0 is the root, never a child)
        std::vector<std::uint32_t> terminals;  // dentries whose prefix ends here, ascending
    };

    const Dtab& m_dtab;
    std::vector<Node> m_nodes;
};

}  // namespace mesh::dtab
