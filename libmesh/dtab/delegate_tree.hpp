#pragma once
// linkerd's DelegateTree: how the dtab playground explains a name, computed offline exactly as
// ConfiguredNamersInterpreter.delegate does (all branches expanded, then simplified).

#include <cstddef>
#include <string>
#include <vector>

#include "libmesh/core/error.hpp"
#include "libmesh/dtab/dtab.hpp"
#include "libmesh/dtab/namers.hpp"

namespace mesh::dtab {

/// One node of a delegation; `dentry` points into the delegated Dtab (nullptr: no dentry).
struct DelegateNode {
    enum class Kind : unsigned char { Delegate, Alt, Union, Leaf, Neg, Fail, Empty, Exception, Transformation };
    Kind kind = Kind::Neg;
    Path path;
    const Dentry* dentry = nullptr;
    std::vector<DelegateNode> children;  ///< Delegate (one), Alt, Union, Transformation (one: the tree after)
    std::vector<double> weights;         ///< Union only
    BoundName bound;                     ///< Leaf; Transformation: the name before the transform
    std::string message;                 ///< Exception: the error; Transformation: the transformer's name
    bool explicit_neg = false;           ///< Neg written as `~` in a dst (shown as "~")
};

/// linkerd's delegator limit and its message (Finagle's binder uses another message).
inline constexpr int k_delegator_max_depth = 100;
inline constexpr const char* k_delegator_max_depth_message = "Max recursion level reached.";

/// Bounds that keep a hostile dtab from exhausting memory while expanding every branch. A
/// branching dtab reached 200,000 nodes and 4,000,000 path elements only after 300 MB; these
/// stop it at about a tenth, far above any delegation a person could read.
struct DelegateLimits {
    int max_depth = k_delegator_max_depth;
    std::size_t max_nodes = 50000;
    std::size_t max_path_elements = 400000;  ///< summed over every path looked up
};

/// Delegates `path` through `dtab` (which must outlive the result); fails only where linkerd's
/// whole request fails (a max-depth error outside any 2+-way alt/union) or a limit is hit.
core::Result<DelegateNode> delegate(const Dtab& dtab, const Path& path, const Namers& namers,
                                    const DelegateLimits& limits = {});

class LookupIndex;

/// Like delegate() over a prebuilt index of the dtab (for many delegations through one dtab).
core::Result<DelegateNode> delegate(const LookupIndex& index, const Path& path, const Namers& namers,
                                    const DelegateLimits& limits = {});

/// linkerd's `DelegateTree.simplified`.
DelegateNode simplify(DelegateNode node);

/// The node as linkerd's delegator.json renders it (compact, keys in linkerd's order).
std::string to_json(const DelegateNode& node);

/// A readable tree, one line per node: indentation, path, `(dentry)`, and what it resolved to.
std::string to_text(const DelegateNode& node);

/// What the delegation binds to, as Finagle evaluates the tree (an alternation takes its first
/// branch that is not neg; a union keeps every branch that is not neg): one line, `result: `
/// followed by the bound names (`id residual /rest [addresses]`, joined by ` & ` with their
/// weights in a union), `neg`, `fail`, `empty` or `error: ...`.
std::string result_line(const DelegateNode& node);

/// linkerd's trace text (DelegateTree.find): the route from the root to the first bound leaf,
/// one `  <path> (<dentry>)` line per node; empty when no leaf is bound.
std::vector<std::string> first_route(const DelegateNode& node);

/// The route from the root to the first leaf bound to `id`, lines as in first_route; empty if none.
std::vector<std::string> route_to(const DelegateNode& node, const Path& id);

/// JSON of an Addr as linkerd prints it (`{"type":"bound","addrs":[...],"meta":{}}`).
std::string addr_json(const Addr& addr);

}  // namespace mesh::dtab
