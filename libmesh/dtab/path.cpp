#include "libmesh/dtab/path.hpp"

#include <algorithm>

namespace mesh::dtab {

bool is_showable_byte(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' ||
           c == '.' || c == '#' || c == '$' || c == '%' || c == '-';
}

std::string show_element(std::string_view elem) {
    bool raw =
        std::all_of(elem.begin(), elem.end(), [](char c) { return is_showable_byte(static_cast<unsigned char>(c)); });
    if (raw) return std::string(elem);
    // Finagle escapes the whole element, not just the offending bytes.
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(elem.size() * 4);
    for (char ch : elem) {
        auto c = static_cast<unsigned char>(ch);
        out += "\\x";
        out += k_hex[c >> 4];
        out += k_hex[c & 15];
    }
    return out;
}

std::string show(const Path& path) {
    if (path.elems.empty()) return "/";
    std::string out;
    for (const auto& e : path.elems) {
        out += '/';
        out += show_element(e);
    }
    return out;
}

Path concat(const Path& a, const Path& b) {
    Path out;
    out.elems.reserve(a.size() + b.size());
    out.elems = a.elems;
    out.elems.insert(out.elems.end(), b.elems.begin(), b.elems.end());
    return out;
}

Path drop(const Path& path, std::size_t n) {
    Path out;
    if (n < path.size()) out.elems.assign(path.elems.begin() + static_cast<std::ptrdiff_t>(n), path.elems.end());
    return out;
}

Path take(const Path& path, std::size_t n) {
    Path out;
    n = std::min(n, path.size());
    out.elems.assign(path.elems.begin(), path.elems.begin() + static_cast<std::ptrdiff_t>(n));
    return out;
}

bool starts_with(const Path& path, const Path& prefix) {
    if (prefix.size() > path.size()) return false;
    return std::equal(prefix.elems.begin(), prefix.elems.end(), path.elems.begin());
}

Path make_path(std::initializer_list<std::string_view> elems) {
    Path p;
    for (auto e : elems) p.elems.emplace_back(e);
    return p;
}

}  // namespace mesh::dtab
