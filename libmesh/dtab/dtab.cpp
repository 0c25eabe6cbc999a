#include "libmesh/dtab/dtab.hpp"

namespace mesh::dtab {

std::string show(const Prefix& prefix) {
    if (prefix.elems.empty()) return "/";
    std::string out;
    for (const auto& e : prefix.elems) {
        out += '/';
        out += e.wildcard ? std::string("*") : show_element(e.label);
    }
    return out;
}

bool matches(const Prefix& prefix, const Path& path) {
    if (prefix.size() > path.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const auto& e = prefix.elems[i];
        if (!e.wildcard && e.label != path.elems[i]) return false;
    }
    return true;
}

Prefix prefix_of(const Path& path) {
    Prefix p;
    for (const auto& e : path.elems) p.elems.push_back({e, false});
    return p;
}

bool operator==(const Dentry& a, const Dentry& b) { return a.prefix == b.prefix && a.dst == b.dst; }

std::string show(const Dentry& dentry) { return show(dentry.prefix) + "=>" + show(dentry.dst); }

std::string show(const Dtab& dtab) {
    std::string out;
    for (std::size_t i = 0; i < dtab.dentries.size(); ++i) {
        if (i) out += ';';
        out += show(dtab.dentries[i]);
    }
    return out;
}

std::string debug_print(const Dtab& dtab) {
    std::string out = "Dtab(" + std::to_string(dtab.size()) + ")\n";
    for (const auto& d : dtab.dentries) out += "\t" + show(d.prefix) + " => " + show(d.dst) + "\n";
    return out;
}

Dtab concat(const Dtab& a, const Dtab& b) {
    Dtab out = a;
    out.dentries.insert(out.dentries.end(), b.dentries.begin(), b.dentries.end());
    return out;
}

Dtab strip_prefix(const Dtab& dtab, const Dtab& prefix) {
    if (prefix.size() > dtab.size()) return dtab;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (!(dtab.dentries[i] == prefix.dentries[i])) return dtab;
    Dtab out;
    out.dentries.assign(dtab.dentries.begin() + static_cast<std::ptrdiff_t>(prefix.size()), dtab.dentries.end());
    return out;
}

NameTree rewrite(const Dentry& d, const Path& path) { return append_residual(d.dst, drop(path, d.prefix.size())); }

NameTree lookup_linear(const Dtab& dtab, const Path& path) {
    std::vector<NameTree> found;
    for (std::size_t i = dtab.size(); i-- > 0;) {
        const Dentry& d = dtab.dentries[i];
        if (matches(d.prefix, path)) found.push_back(rewrite(d, path));
    }
    if (found.empty()) return NameTree::neg();
    if (found.size() == 1) return std::move(found.front());
    return NameTree::alt(std::move(found));
}

}  // namespace mesh::dtab
