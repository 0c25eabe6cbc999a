#pragma once
// Dtabs, paths and name trees written as text in the dtab tests; a text that does not parse fails
// the test that wrote it.

#include <gtest/gtest.h>

#include <string_view>

#include "libmesh/dtab/parser.hpp"

namespace mesh::dtab::literals {

/// The parsed dtab `text`.
inline Dtab dtab(std::string_view text) {
    auto r = parse_dtab(text);
    EXPECT_TRUE(r.has_value()) << text << ": " << (r ? "" : r.error().message);
    return r ? *r : Dtab{};
}

/// The parsed path `text`.
inline Path P(std::string_view text) {
    auto r = parse_path(text);
    EXPECT_TRUE(r.has_value()) << text << ": " << (r ? "" : r.error().message);
    return r ? *r : Path{};
}

/// The parsed name tree `text`.
inline NameTree tree(std::string_view text) {
    auto r = parse_name_tree(text);
    EXPECT_TRUE(r.has_value()) << text << ": " << (r ? "" : r.error().message);
    return r ? *r : NameTree{};
}

}  // namespace mesh::dtab::literals
