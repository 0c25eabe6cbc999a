// Block-mapping keys must be followed by ':' (yaml-cpp 0.7 accepts a last line without one; YAML
// and Kubernetes do not), while explicit `?` keys and flow mappings keep their own rules.

#include <gtest/gtest.h>

#include "libmesh/core/limits.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

using namespace mesh::manifest;

namespace {

mesh::core::Result<YamlTree> parse(const char* text) { return parse_document(text, {"t.yml", 1}, mesh::core::Limits{}); }

}  // namespace

TEST(YamlTreeKeys, AKeyWithoutColonIsAnErrorAtItsLine) {
    auto tree = parse("a:\n  b: 1\n  c\n");
    ASSERT_FALSE(tree.has_value());
    EXPECT_EQ(tree.error().location.line, 3);
    EXPECT_EQ(tree.error().location.column, 3);
    EXPECT_NE(tree.error().message.find("':'"), std::string::npos);
}

TEST(YamlTreeKeys, ValidKeysAreAccepted) {
    EXPECT_TRUE(parse("a: 1\nb  : 2\n\"c\": 3\n").has_value());
    EXPECT_TRUE(parse("? a\n: 1\n? [x]\n: 2\n").has_value());  // explicit keys
    EXPECT_TRUE(parse("m: {a, b: 1}\n").has_value());          // flow: a key alone is allowed
    EXPECT_TRUE(parse("&k a: 1\n").has_value());               // anchored key
}
