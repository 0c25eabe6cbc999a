#include "libmesh/dtab/binder.hpp"

#include "libmesh/core/json_string.hpp"

#include "libmesh/dtab/delegate_tree.hpp"
#include "libmesh/dtab/java_number.hpp"
#include "libmesh/dtab/lookup_index.hpp"

namespace mesh::dtab {

using BKind = BoundTree::Kind;

namespace {

struct BindFailure {
    std::string message;
    core::ErrorCode code = core::ErrorCode::Input;
};

BoundTree simple(BKind k) {
    BoundTree t;
    t.kind = k;
    return t;
}

class Binder {
public:
    Binder(const LookupIndex& index, const Namers& namers, const BindLimits& limits)
        : m_index(index), m_namers(namers), m_limits(limits) {}

    // `weight` is the weight of the nearest enclosing union member, which Finagle's Namer.bind
    // records in the bound address's metadata (namer_nametree_weight).
    BoundTree bind(const NameTree& t, int depth, std::optional<double> weight = std::nullopt) {
        check(depth);
        switch (t.kind) {
        case NameTree::Kind::Neg: return simple(BKind::Neg);
        case NameTree::Kind::Fail: return simple(BKind::Fail);
        case NameTree::Kind::Empty: return simple(BKind::Empty);
        case NameTree::Kind::Leaf: return bind_path(t.path, depth, weight);
        case NameTree::Kind::Alt:
            for (const auto& child : t.children) {
                BoundTree r = bind(child, depth, weight);
                if (r.kind != BKind::Neg) return r;
            }
            return simple(BKind::Neg);
        case NameTree::Kind::Union: {
            std::vector<BoundTree> oks;
            std::vector<double> weights;
            bool any_ok = false;
            std::optional<BindFailure> first_error;
            for (std::size_t i = 0; i < t.children.size(); ++i) {
                try {
                    BoundTree r = bind(t.children[i], depth, t.weights[i]);
                    any_ok = true;
                    if (r.kind == BKind::Neg || r.kind == BKind::Fail) continue;
                    oks.push_back(std::move(r));
                    weights.push_back(t.weights[i]);
                } catch (BindFailure& f) {
                    if (f.code == core::ErrorCode::Limit) throw;
                    if (!first_error) first_error = std::move(f);
                }
            }
            if (!any_ok && first_error) throw *first_error;
            if (oks.empty()) return simple(BKind::Neg);
            if (oks.size() == 1) return std::move(oks.front());
            BoundTree u = simple(BKind::Union);
            u.children = std::move(oks);
            u.weights = std::move(weights);
            return u;
        }
        }
        return simple(BKind::Neg);
    }

private:
    void check(int depth) {
        if (++m_nodes > m_limits.max_nodes)
            throw BindFailure{"binding expands to more than " + std::to_string(m_limits.max_nodes) + " nodes",
                              core::ErrorCode::Limit};
        if (depth > m_limits.max_depth)
            throw BindFailure{"Max recursion level: " + std::to_string(m_limits.max_depth) +
                              " reached in Namer lookup"};
    }

    BoundTree bind_path(const Path& path, int depth, std::optional<double> weight) {
        m_elements += path.size();
        if (m_elements > m_limits.max_path_elements)
            throw BindFailure{"binding looks up more than " + std::to_string(m_limits.max_path_elements) +
                                  " path elements",
                              core::ErrorCode::Limit};
        NameTree looked = m_index.lookup(path);
        if (looked.kind != NameTree::Kind::Neg) return bind(looked, depth + 1, weight);
        NamerResult r = m_namers.lookup(path);
        check(depth + 1);  // the namer's answer is bound one level deeper, terminal or not
        switch (r.kind) {
        case NamerResult::Kind::Neg: return simple(BKind::Neg);
        case NamerResult::Kind::Fail: return simple(BKind::Fail);
        case NamerResult::Kind::Empty: return simple(BKind::Empty);
        case NamerResult::Kind::Bound: {
            BoundTree t = simple(BKind::Leaf);
            t.bound = std::move(r.bound);
            if (weight && t.bound.addr.kind == Addr::Kind::Bound) t.bound.addr.nametree_weight = weight;
            return t;
        }
        case NamerResult::Kind::Rewrite: return bind_path(r.path, depth + 1, weight);
        case NamerResult::Kind::Error: throw BindFailure{r.message};
        }
        return simple(BKind::Neg);
    }

    const LookupIndex& m_index;
    const Namers& m_namers;
    const BindLimits& m_limits;
    std::size_t m_nodes = 0;
    std::size_t m_elements = 0;
};

void collect(const BoundTree& t, std::vector<const BoundName*>& out) {
    if (t.kind == BKind::Leaf) out.push_back(&t.bound);
    for (const auto& c : t.children) collect(c, out);
}

void write_json(const BoundTree& t, std::string& out) {
    switch (t.kind) {
    case BKind::Leaf:
        out += R"({"type":"leaf","bound":{"addr":)" + addr_json(t.bound.addr) + R"(,"id":)" +
               core::json_quote(show(t.bound.id), core::JsonEscape::Jackson) + R"(,"path":)" +
               core::json_quote(show(t.bound.residual), core::JsonEscape::Jackson) + "}}";
        return;
    case BKind::Union:
        out += R"({"type":"union","union":[)";
        for (std::size_t i = 0; i < t.children.size(); ++i) {
            if (i) out += ',';
            out += R"({"weight":)" + java_double_to_string(t.weights[i]) + R"(,"tree":)";
            write_json(t.children[i], out);
            out += '}';
        }
        out += "]}";
        return;
    case BKind::Neg: out += R"({"type":"neg"})"; return;
    case BKind::Fail: out += R"({"type":"fail"})"; return;
    case BKind::Empty: out += R"({"type":"empty"})"; return;
    }
}

}  // namespace

core::Result<BoundTree> bind(const Dtab& dtab, const NameTree& tree, const Namers& namers, const BindLimits& limits) {
    LookupIndex index(dtab);
    return bind(index, tree, namers, limits);
}

core::Result<BoundTree> bind(const LookupIndex& index, const NameTree& tree, const Namers& namers,
                             const BindLimits& limits) {
    Binder binder(index, namers, limits);
    try {
        return binder.bind(tree, 0);
    } catch (const BindFailure& f) {
        return core::fail(f.code, f.message);
    }
}

Addr resolve(const Dtab& dtab, const Path& path, const Namers& namers, const BindLimits& limits) {
    Addr out;
    auto bound = bind(dtab, NameTree::leaf(path), namers, limits);
    if (!bound) {
        out.kind = Addr::Kind::Failed;
        out.cause = bound.error().message;
        return out;
    }
    if (bound->kind == BKind::Neg || bound->kind == BKind::Fail) {
        out.kind = Addr::Kind::Neg;
        return out;
    }
    out.kind = Addr::Kind::Bound;
    for (const BoundName* b : bound_leaves(*bound)) {
        if (b->addr.kind != Addr::Kind::Bound) {
            out = b->addr;
            return out;
        }
        for (const auto& a : b->addr.addrs)
            if (std::find(out.addrs.begin(), out.addrs.end(), a) == out.addrs.end()) out.addrs.push_back(a);
    }
    return out;
}

std::vector<const BoundName*> bound_leaves(const BoundTree& tree) {
    std::vector<const BoundName*> out;
    collect(tree, out);
    return out;
}

std::string to_json(const BoundTree& tree) {
    std::string out;
    write_json(tree, out);
    return out;
}

}  // namespace mesh::dtab
