#include "libmesh/dtab/delegate_tree.hpp"

#include "libmesh/core/result.hpp"
#include "libmesh/dtab/lookup_index.hpp"

namespace mesh::dtab {

using DKind = DelegateNode::Kind;

namespace {

struct MaxDepth {};
struct TooLarge {};

DelegateNode make(DKind kind, Path&& path, const Dentry* dentry) {
    DelegateNode n;
    n.kind = kind;
    n.path = std::move(path);
    n.dentry = dentry;
    return n;
}

class Delegator {
public:
    Delegator(const LookupIndex& index, const Namers& namers, const DelegateLimits& limits)
        : m_index(index), m_namers(namers), m_limits(limits) {}

    // A path leaf: a lookup one level deeper (the leaf's own path is discarded).
    DelegateNode bind_path(Path path, const Dentry* dentry, int depth) {
        if (depth > m_limits.max_depth) throw MaxDepth{};
        return lookup(std::move(path), dentry, depth + 1);
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

    static Path copy(const Path& p) { return p; }

    DelegateNode from_tree(const NameTree& t, const Path& path, const Dentry* d, int depth) {
        count();
        switch (t.kind) {
        case NameTree::Kind::Neg: {
            DelegateNode n = make(DKind::Neg, Path{}, d);
            n.explicit_neg = true;
            return n;
        }
        case NameTree::Kind::Fail: return make(DKind::Fail, copy(path), d);
        case NameTree::Kind::Empty: return make(DKind::Empty, copy(path), d);
        case NameTree::Kind::Leaf: return bind_path(t.path, d, depth);
        case NameTree::Kind::Alt:
        case NameTree::Kind::Union: {
            bool is_alt = t.kind == NameTree::Kind::Alt;
            if (t.children.empty()) return make(DKind::Neg, copy(path), d);
            if (t.children.size() == 1) {
                DelegateNode n = make(DKind::Delegate, copy(path), d);
                n.children.push_back(from_tree(t.children.front(), path, d, depth));
                return n;
            }
            DelegateNode n = make(is_alt ? DKind::Alt : DKind::Union, copy(path), d);
            if (!is_alt) n.weights = t.weights;
            for (const auto& child : t.children) {
                // A failure inside one branch becomes an exception node for that branch.
                try {
                    n.children.push_back(from_tree(child, path, d, depth));
                } catch (const MaxDepth&) {
                    DelegateNode e = make(DKind::Exception, copy(path), d);
                    e.message = k_delegator_max_depth_message;
                    n.children.push_back(std::move(e));
                }
            }
            return n;
        }
        }
        return make(DKind::Neg, copy(path), d);
    }

    DelegateNode lookup(Path path, const Dentry* dentry_in, int depth) {
        count();
        // Paths can grow at every step (`/s => /s/s/s`); bound what all of them hold together.
        m_elements += path.size();
        if (m_elements > m_limits.max_path_elements) throw TooLarge{};
        m_index.matching(path, m_found);
        if (m_found.empty()) return ask_namers(std::move(path), dentry_in, depth);
        const Dtab& dtab = m_index.dtab();
        if (depth > m_limits.max_depth) throw MaxDepth{};
        if (m_found.size() == 1) {
            const Dentry& d = dtab.dentries[m_found.front()];
            DelegateNode child;
            if (d.dst.kind == NameTree::Kind::Leaf) {
                // The common shape `/a => /b`: build the rewritten path directly.
                Path next = d.dst.path;
                next.elems.insert(next.elems.end(), path.elems.begin() + static_cast<std::ptrdiff_t>(d.prefix.size()),
                                  path.elems.end());
                count();
                child = bind_path(std::move(next), &d, depth);
            } else {
                child = from_tree(rewrite(d, path), path, &d, depth);
            }
            DelegateNode n = make(DKind::Delegate, std::move(path), dentry_in);
            n.children.push_back(std::move(child));
            return n;
        }
        std::vector<std::size_t> found = m_found;  // the buffer is reused by deeper lookups
        DelegateNode n = make(DKind::Alt, copy(path), dentry_in);
        for (std::size_t i : found) {
            const Dentry& d = dtab.dentries[i];
            try {
                n.children.push_back(from_tree(rewrite(d, path), path, &d, depth));
            } catch (const MaxDepth&) {
                DelegateNode e = make(DKind::Exception, copy(path), dentry_in);
                e.message = k_delegator_max_depth_message;
                n.children.push_back(std::move(e));
            }
        }
        return n;
    }

    DelegateNode ask_namers(Path path, const Dentry* dentry_in, int depth) {
        NamerResult r = m_namers.lookup(path);
        switch (r.kind) {
        case NamerResult::Kind::Neg: return make(DKind::Neg, std::move(path), dentry_in);
        case NamerResult::Kind::Fail: return make(DKind::Fail, std::move(path), dentry_in);
        case NamerResult::Kind::Empty: return make(DKind::Empty, std::move(path), dentry_in);
        case NamerResult::Kind::Bound: {
            DelegateNode n = make(DKind::Leaf, std::move(path), dentry_in);
            n.bound = std::move(r.bound);
            return n;
        }
        case NamerResult::Kind::Rewrite: return bind_path(std::move(r.path), dentry_in, depth);
        case NamerResult::Kind::Error: {
            DelegateNode n = make(DKind::Exception, std::move(path), dentry_in);
            n.message = std::move(r.message);
            return n;
        }
        }
        return make(DKind::Neg, std::move(path), dentry_in);
    }

    const LookupIndex& m_index;
    std::vector<std::size_t> m_found;
    std::size_t m_elements = 0;
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
    LookupIndex index(dtab);
    return delegate(index, path, namers, limits);
}

core::Result<DelegateNode> delegate(const LookupIndex& index, const Path& path, const Namers& namers,
                                    const DelegateLimits& limits) {
    Delegator delegator(index, namers, limits);
    try {
        return simplify(delegator.bind_path(path, nullptr, 0));
    } catch (const MaxDepth&) {
        return core::input_error(k_delegator_max_depth_message);
    } catch (const TooLarge&) {
        return core::limit_error("delegation of " + show(path) + " is too large: more than " +
                                 std::to_string(limits.max_nodes) + " nodes or " +
                                 std::to_string(limits.max_path_elements) + " path elements");
    }
}

DelegateNode simplify(DelegateNode node) {
    switch (node.kind) {
    case DKind::Delegate: {
        DelegateNode child = simplify(std::move(node.children.front()));
        if (!is_terminal_failure(child) && child.path == node.path) {
            child.dentry = node.dentry;
            return child;
        }
        node.children.front() = std::move(child);
        return node;
    }
    case DKind::Alt: {
        std::vector<DelegateNode> kept;
        kept.reserve(node.children.size());
        for (auto& c : node.children) {
            DelegateNode s = simplify(std::move(c));
            if (s.kind == DKind::Alt && s.path == node.path) {
                for (auto& g : s.children) kept.push_back(std::move(g));
            } else {
                kept.push_back(std::move(s));
            }
        }
        node.children = std::move(kept);
        break;
    }
    case DKind::Union:
        for (auto& c : node.children) c = simplify(std::move(c));
        break;
    case DKind::Transformation:
        for (auto& c : node.children) c = simplify(std::move(c));
        return node;
    default: return node;
    }
    if (node.children.empty()) return make(DKind::Neg, std::move(node.path), node.dentry);
    if (node.children.size() == 1) {
        DelegateNode d = make(DKind::Delegate, std::move(node.path), node.dentry);
        d.children.push_back(std::move(node.children.front()));
        return simplify(std::move(d));
    }
    return node;
}

}  // namespace mesh::dtab
