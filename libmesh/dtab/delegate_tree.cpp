#include "libmesh/dtab/delegate_tree.hpp"

#include "libmesh/dtab/lookup_index.hpp"

namespace mesh::dtab {

using DKind = DelegateNode::Kind;

namespace {

struct MaxDepth {};
struct TooLarge {};

DelegateNode make(DKind kind, Path path, const Dentry* dentry) {
    DelegateNode n;
    n.kind = kind;
    n.path = std::move(path);
    n.dentry = dentry;
    return n;
}

class Delegator {
public:
    Delegator(const Dtab& dtab, const Namers& namers, const DelegateLimits& limits)
        : m_index(dtab), m_namers(namers), m_limits(limits) {}

    // A path leaf: a lookup one level deeper (the leaf's own path is discarded).
    DelegateNode bind_path(const Path& path, const Dentry* dentry, int depth) {
        if (depth > m_limits.max_depth) throw MaxDepth{};
        return lookup(path, dentry, depth + 1);
    }

private:
    void count() {
        if (++m_nodes > m_limits.max_nodes) throw TooLarge{};
    }

    // A dst tree as it comes out of a matching dentry, before binding: leaves still hold paths.
    struct Pending {
        DKind kind;
        Path leaf;  // for Leaf
        std::vector<Pending> children;
        std::vector<double> weights;
    };

    DelegateNode from_tree(const NameTree& t, const Path& path, const Dentry* d, int depth) {
        count();
        switch (t.kind) {
        case NameTree::Kind::Neg: {
            DelegateNode n = make(DKind::Neg, Path{}, d);
            n.explicit_neg = true;
            return n;
        }
        case NameTree::Kind::Fail: return make(DKind::Fail, path, d);
        case NameTree::Kind::Empty: return make(DKind::Empty, path, d);
        case NameTree::Kind::Leaf: return bind_path(t.path, d, depth);
        case NameTree::Kind::Alt:
        case NameTree::Kind::Union: {
            bool is_alt = t.kind == NameTree::Kind::Alt;
            if (t.children.empty()) return make(DKind::Neg, path, d);
            if (t.children.size() == 1) {
                DelegateNode n = make(DKind::Delegate, path, d);
                n.children.push_back(from_tree(t.children.front(), path, d, depth));
                return n;
            }
            DelegateNode n = make(is_alt ? DKind::Alt : DKind::Union, path, d);
            if (!is_alt) n.weights = t.weights;
            for (const auto& child : t.children) {
                // A failure inside one branch becomes an exception node for that branch.
                try {
                    n.children.push_back(from_tree(child, path, d, depth));
                } catch (const MaxDepth&) {
                    DelegateNode e = make(DKind::Exception, path, d);
                    e.message = k_delegator_max_depth_message;
                    n.children.push_back(std::move(e));
                }
            }
            return n;
        }
        }
        return make(DKind::Neg, path, d);
    }

    DelegateNode lookup(const Path& path, const Dentry* dentry_in, int depth) {
        count();
        std::vector<std::size_t> found = m_index.matching(path);
        if (found.empty()) return ask_namers(path, dentry_in, depth);
        const Dtab& dtab = m_index.dtab();
        if (depth > m_limits.max_depth) throw MaxDepth{};
        if (found.size() == 1) {
            const Dentry& d = dtab.dentries[found.front()];
            DelegateNode n = make(DKind::Delegate, path, dentry_in);
            n.children.push_back(from_tree(rewrite(d, path), path, &d, depth));
            return n;
        }
        DelegateNode n = make(DKind::Alt, path, dentry_in);
        for (std::size_t i : found) {
            const Dentry& d = dtab.dentries[i];
            try {
                n.children.push_back(from_tree(rewrite(d, path), path, &d, depth));
            } catch (const MaxDepth&) {
                DelegateNode e = make(DKind::Exception, path, dentry_in);
                e.message = k_delegator_max_depth_message;
                n.children.push_back(std::move(e));
            }
        }
        return n;
    }

    DelegateNode ask_namers(const Path& path, const Dentry* dentry_in, int depth) {
        NamerResult r = m_namers.lookup(path);
        switch (r.kind) {
        case NamerResult::Kind::Neg: return make(DKind::Neg, path, dentry_in);
        case NamerResult::Kind::Fail: return make(DKind::Fail, path, dentry_in);
        case NamerResult::Kind::Empty: return make(DKind::Empty, path, dentry_in);
        case NamerResult::Kind::Bound: {
            DelegateNode n = make(DKind::Leaf, path, dentry_in);
            n.bound = std::move(r.bound);
            return n;
        }
        case NamerResult::Kind::Rewrite: return bind_path(r.path, dentry_in, depth);
        case NamerResult::Kind::Error: {
            DelegateNode n = make(DKind::Exception, path, dentry_in);
            n.message = std::move(r.message);
            return n;
        }
        }
        return make(DKind::Neg, path, dentry_in);
    }

    LookupIndex m_index;
    const Namers& m_namers;
    const DelegateLimits& m_limits;
    std::size_t m_nodes = 0;
};

bool is_terminal_failure(const DelegateNode& n) {
    return n.kind == DKind::Neg || n.kind == DKind::Fail || n.kind == DKind::Empty;
}

}  // namespace

core::Result<DelegateNode> delegate(const Dtab& dtab, const Path& path, const Namers& namers,
                                    const DelegateLimits& limits) {
    Delegator delegator(dtab, namers, limits);
    try {
        return simplify(delegator.bind_path(path, nullptr, 0));
    } catch (const MaxDepth&) {
        return core::fail(core::ErrorCode::Input, k_delegator_max_depth_message);
    } catch (const TooLarge&) {
        return core::fail(core::ErrorCode::Limit,
                          "delegation of " + show(path) + " expands to more than " +
                              std::to_string(limits.max_nodes) + " nodes");
    }
}

DelegateNode simplify(const DelegateNode& node) {
    switch (node.kind) {
    case DKind::Delegate: {
        DelegateNode child = simplify(node.children.front());
        if (!is_terminal_failure(child) && child.path == node.path) {
            child.dentry = node.dentry;
            return child;
        }
        DelegateNode n = node;
        n.children = {std::move(child)};
        return n;
    }
    case DKind::Alt: {
        DelegateNode n = node;
        n.children.clear();
        for (const auto& c : node.children) {
            DelegateNode s = simplify(c);
            if (s.kind == DKind::Alt && s.path == node.path) {
                for (auto& g : s.children) n.children.push_back(std::move(g));
            } else {
                n.children.push_back(std::move(s));
            }
        }
        if (n.children.empty()) return make(DKind::Neg, node.path, node.dentry);
        if (n.children.size() == 1) {
            DelegateNode d = make(DKind::Delegate, node.path, node.dentry);
            d.children.push_back(std::move(n.children.front()));
            return simplify(d);
        }
        return n;
    }
    case DKind::Union: {
        DelegateNode n = node;
        for (auto& c : n.children) c = simplify(c);
        if (n.children.empty()) return make(DKind::Neg, node.path, node.dentry);
        if (n.children.size() == 1) {
            DelegateNode d = make(DKind::Delegate, node.path, node.dentry);
            d.children.push_back(std::move(n.children.front()));
            return simplify(d);
        }
        return n;
    }
    default: return node;
    }
}

}  // namespace mesh::dtab
