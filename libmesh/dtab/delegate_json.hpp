#pragma once
// Reading linkerd's /delegator.json answer (DelegateApiHandler's JsonDelegateTree) back into a
// DelegateNode, so a live proxy's delegation prints as the offline one does.

#include <deque>
#include <string>
#include <string_view>

#include "libmesh/core/error.hpp"
#include "libmesh/dtab/delegate_tree.hpp"

namespace mesh::dtab {

/// A delegation read from JSON: the tree and the dentries its nodes point to. Movable (a deque's
/// elements keep their addresses), not copyable.
struct ParsedDelegation {
    std::deque<Dentry> dentries;
    DelegateNode root;

    ParsedDelegation() = default;
    ParsedDelegation(ParsedDelegation&&) = default;
    ParsedDelegation& operator=(ParsedDelegation&&) = default;
    ParsedDelegation(const ParsedDelegation&) = delete;
    ParsedDelegation& operator=(const ParsedDelegation&) = delete;
};

/// Limits on a delegation read from a server.
struct DelegateJsonLimits {
    std::size_t max_bytes = 16u << 20;
    std::size_t max_depth = 400;  ///< tree nodes from the root (linkerd stops delegating at 100)
    std::size_t max_nodes = 50000;
};

/// Parses linkerd's delegator.json (types delegate, alt, union, leaf, neg, fail, empty, exception,
/// transformation); `what` names the source in errors. Text from the server that reaches a
/// message (exception messages, failed causes) has its control characters escaped.
core::Result<ParsedDelegation> parse_delegate_json(std::string_view text, const std::string& what,
                                                   const DelegateJsonLimits& limits = {});

}  // namespace mesh::dtab
