#include "libmesh/dtab/name_tree.hpp"

#include <algorithm>

#include "libmesh/dtab/java_number.hpp"

namespace mesh::dtab {

using Kind = NameTree::Kind;

NameTree NameTree::leaf(Path p) {
    NameTree t;
    t.kind = Kind::Leaf;
    t.path = std::move(p);
    return t;
}

NameTree NameTree::alt(std::vector<NameTree> children) {
    NameTree t;
    t.kind = Kind::Alt;
    t.children = std::move(children);
    return t;
}

NameTree NameTree::union_of(std::vector<double> weights, std::vector<NameTree> children) {
    NameTree t;
    t.kind = Kind::Union;
    t.weights = std::move(weights);
    t.children = std::move(children);
    t.weights.resize(t.children.size(), 1.0);
    return t;
}

NameTree NameTree::neg() { return NameTree{}; }

NameTree NameTree::fail() {
    NameTree t;
    t.kind = Kind::Fail;
    return t;
}

NameTree NameTree::empty() {
    NameTree t;
    t.kind = Kind::Empty;
    return t;
}

bool operator==(const NameTree& a, const NameTree& b) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
    case Kind::Leaf: return a.path == b.path;
    case Kind::Alt: return a.children == b.children;
    case Kind::Union: return a.children == b.children && a.weights == b.weights;
    default: return true;
    }
}

namespace {

// Single-child Alt and Union nodes are transparent in Finagle's printer.
const NameTree& unwrap(const NameTree& tree) {
    const NameTree* t = &tree;
    while ((t->kind == Kind::Alt || t->kind == Kind::Union) && t->children.size() == 1) t = &t->children.front();
    return *t;
}

std::string show_top(const NameTree& tree);

std::string show_simple(const NameTree& t) {
    switch (t.kind) {
    case Kind::Leaf: return show(t.path);
    case Kind::Fail: return "!";
    case Kind::Neg: return "~";
    case Kind::Empty: return "$";
    default: return "(" + show_top(t) + ")";
    }
}

std::string show_union_child(const NameTree& tree) { return show_simple(unwrap(tree)); }

std::string show_union(const NameTree& t) {
    std::string out;
    for (std::size_t i = 0; i < t.children.size(); ++i) {
        if (i) out += " & ";
        if (t.weights[i] != 1.0) out += java_format_2f(t.weights[i]) + "*";
        out += show_union_child(t.children[i]);
    }
    return out;
}

std::string show_alt_child(const NameTree& tree) {
    const NameTree& t = unwrap(tree);
    if (t.kind == Kind::Alt) return "(" + show_top(t) + ")";
    if (t.kind == Kind::Union) return show_union(t);
    return show_simple(t);
}

std::string show_top(const NameTree& tree) {
    const NameTree& t = unwrap(tree);
    if (t.kind == Kind::Alt) {
        std::string out;
        for (std::size_t i = 0; i < t.children.size(); ++i) {
            if (i) out += " | ";
            out += show_alt_child(t.children[i]);
        }
        return out;
    }
    if (t.kind == Kind::Union) return show_union(t);
    return show_simple(t);
}

void merge_into(std::vector<Path>& into, const std::vector<Path>& from) {
    std::vector<Path> merged;
    merged.reserve(into.size() + from.size());
    std::set_union(into.begin(), into.end(), from.begin(), from.end(), std::back_inserter(merged));
    into = std::move(merged);
}

}  // namespace

std::string show(const NameTree& tree) { return show_top(tree); }

EvalResult eval(const NameTree& tree) {
    switch (tree.kind) {
    case Kind::Neg: return {EvalResult::Kind::Neg, {}};
    case Kind::Fail: return {EvalResult::Kind::Fail, {}};
    case Kind::Empty: return {EvalResult::Kind::Set, {}};
    case Kind::Leaf: return {EvalResult::Kind::Set, {tree.path}};
    case Kind::Alt:
        for (const auto& child : tree.children) {
            EvalResult r = eval(child);
            if (r.kind != EvalResult::Kind::Neg) return r;
        }
        return {};
    case Kind::Union: {
        EvalResult out{EvalResult::Kind::Neg, {}};
        for (const auto& child : tree.children) {
            EvalResult r = eval(child);
            if (r.kind != EvalResult::Kind::Set) continue;  // Neg and Fail are dropped (19.5.0)
            out.kind = EvalResult::Kind::Set;
            merge_into(out.leaves, r.leaves);
        }
        return out;
    }
    }
    return {};
}

NameTree simplified(const NameTree& tree) {
    switch (tree.kind) {
    case Kind::Alt: {
        std::vector<NameTree> kept;
        for (const auto& child : tree.children) {
            NameTree s = simplified(child);
            if (s.kind == Kind::Neg) continue;
            bool is_fail = s.kind == Kind::Fail;
            kept.push_back(std::move(s));
            if (is_fail) break;  // nothing after a Fail is ever tried
        }
        if (kept.empty()) return NameTree::neg();
        if (kept.size() == 1) return std::move(kept.front());
        return NameTree::alt(std::move(kept));
    }
    case Kind::Union: {
        std::vector<NameTree> kept;
        std::vector<double> weights;
        for (std::size_t i = 0; i < tree.children.size(); ++i) {
            NameTree s = simplified(tree.children[i]);
            if (s.kind == Kind::Neg || s.kind == Kind::Fail) continue;
            kept.push_back(std::move(s));
            weights.push_back(tree.weights[i]);
        }
        if (kept.empty()) return NameTree::neg();
        if (kept.size() == 1) return std::move(kept.front());
        return NameTree::union_of(std::move(weights), std::move(kept));
    }
    default: return tree;
    }
}

NameTree append_residual(const NameTree& tree, const Path& suffix) {
    if (tree.kind == Kind::Leaf) {
        NameTree t = NameTree::leaf(concat(tree.path, suffix));
        t.offset = tree.offset;
        return t;
    }
    NameTree t = tree;
    for (auto& child : t.children) child = append_residual(child, suffix);
    return t;
}

}  // namespace mesh::dtab
