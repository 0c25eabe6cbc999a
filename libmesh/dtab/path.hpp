#pragma once
// Finagle paths: sequences of byte-string elements, shown as `/a/b` with `\xhh` escapes.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mesh::dtab {

/// A path of zero or more non-empty byte-string elements; `/` is the empty path.
struct Path {
    std::vector<std::string> elems;

    /// True for the empty path `/`.
    bool empty() const { return elems.empty(); }
    /// Number of elements.
    std::size_t size() const { return elems.size(); }
    friend bool operator==(const Path&, const Path&) = default;
    friend auto operator<=>(const Path&, const Path&) = default;
};

/// True for the bytes Finagle prints raw in a label: ASCII letters, digits and `_:.#$%-`.
bool is_showable_byte(unsigned char c);

/// One element as Finagle shows it: raw when every byte is showable, else `\xhh` for every byte.
std::string show_element(std::string_view elem);

/// The path as Finagle's `Path.show` prints it (`/` for the empty path).
std::string show(const Path& path);

/// `a` followed by the elements of `b`.
Path concat(const Path& a, const Path& b);

/// The path without its first `n` elements (empty if it has fewer).
Path drop(const Path& path, std::size_t n);

/// The first `n` elements of the path.
Path take(const Path& path, std::size_t n);

/// True when `prefix`'s elements are the first elements of `path`.
bool starts_with(const Path& path, const Path& prefix);

/// A path made of the given UTF-8 elements (for tests and namers).
Path make_path(std::initializer_list<std::string_view> elems);

}  // namespace mesh::dtab
