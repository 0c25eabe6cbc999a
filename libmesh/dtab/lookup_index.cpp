#include "libmesh/dtab/lookup_index.hpp"

#include <algorithm>

namespace mesh::dtab {

LookupIndex::LookupIndex(const Dtab& dtab) : m_dtab(dtab) {
    m_nodes.emplace_back();
    for (std::size_t i = 0; i < dtab.size(); ++i) {
        std::uint32_t node = 0;
        for (const auto& e : dtab.dentries[i].prefix.elems) {
            std::uint32_t next = 0;
            if (e.wildcard) {
                next = m_nodes[node].wildcard;
            } else {
                auto it = m_nodes[node].children.find(e.label);
                if (it != m_nodes[node].children.end()) next = it->second;
            }
            if (next == 0) {
                next = static_cast<std::uint32_t>(m_nodes.size());
                m_nodes.emplace_back();  // may reallocate: index, never hold references
                if (e.wildcard)
                    m_nodes[node].wildcard = next;
                else
                    m_nodes[node].children.emplace(e.label, next);
            }
            node = next;
        }
        m_nodes[node].terminals.push_back(static_cast<std::uint32_t>(i));
    }
}

std::vector<std::size_t> LookupIndex::matching(const Path& path) const {
    std::vector<std::size_t> out;
    matching(path, out);
    return out;
}

void LookupIndex::matching(const Path& path, std::vector<std::size_t>& out) const {
    out.clear();
    // Depth-first over (node, depth); wildcard edges make this a walk over at most a few branches.
    struct Frame {
        std::uint32_t node;
        std::size_t depth;
    };
    Frame stack[64];
    std::vector<Frame> overflow;
    std::size_t top = 0;
    stack[top++] = {0, 0};
    auto push = [&](Frame f) {
        if (top < 64)
            stack[top++] = f;
        else
            overflow.push_back(f);
    };
    while (top > 0 || !overflow.empty()) {
        Frame f;
        if (!overflow.empty()) {
            f = overflow.back();
            overflow.pop_back();
        } else {
            f = stack[--top];
        }
        const Node& n = m_nodes[f.node];
        out.insert(out.end(), n.terminals.begin(), n.terminals.end());
        if (f.depth >= path.size()) continue;
        const std::string& elem = path.elems[f.depth];
        if (!n.children.empty()) {
            auto it = n.children.find(elem);
            if (it != n.children.end()) push({it->second, f.depth + 1});
        }
        if (n.wildcard != 0) push({n.wildcard, f.depth + 1});
    }
    if (out.size() > 1) std::sort(out.begin(), out.end(), std::greater<>());
}

std::vector<std::size_t> LookupIndex::covering(const Prefix& prefix) const {
    std::vector<std::size_t> out;
    std::vector<std::pair<std::uint32_t, std::size_t>> stack = {{0, 0}};
    while (!stack.empty()) {
        auto [node, depth] = stack.back();
        stack.pop_back();
        const Node& n = m_nodes[node];
        out.insert(out.end(), n.terminals.begin(), n.terminals.end());
        if (depth >= prefix.size()) continue;
        const PrefixElement& e = prefix.elems[depth];
        // A wildcard in the covered prefix is only covered by a wildcard.
        if (!e.wildcard) {
            auto it = n.children.find(e.label);
            if (it != n.children.end()) stack.emplace_back(it->second, depth + 1);
        }
        if (n.wildcard != 0) stack.emplace_back(n.wildcard, depth + 1);
    }
    std::sort(out.begin(), out.end());
    return out;
}

NameTree LookupIndex::lookup(const Path& path) const {
    std::vector<std::size_t> idx = matching(path);
    if (idx.empty()) return NameTree::neg();
    if (idx.size() == 1) return rewrite(m_dtab.dentries[idx.front()], path);
    std::vector<NameTree> found;
    found.reserve(idx.size());
    for (std::size_t i : idx) found.push_back(rewrite(m_dtab.dentries[i], path));
    return NameTree::alt(std::move(found));
}

}  // namespace mesh::dtab
