// Block-mapping keys must be followed by ':' (libyaml and so go-yaml refuse a last line without
// one; yaml-cpp 0.7 did not), keys must be scalars (go-yaml: "invalid map key"), while explicit
// `?` keys and flow mappings keep their own rules.

#include <gtest/gtest.h>

#include "libmesh/core/limits.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

using namespace mesh::manifest;

namespace {

mesh::core::Result<YamlTree> parse(const char* text) {
    return parse_document(text, {"t.yml", 1}, mesh::core::Limits{});
}

}  // namespace

TEST(YamlTreeKeys, AKeyWithoutColonIsAnErrorAtItsLine) {
    auto tree = parse("a:\n  b: 1\n  c\n");
    ASSERT_FALSE(tree.has_value());
    EXPECT_EQ(tree.error().location.line, 3);
    EXPECT_EQ(tree.error().location.column, 4);  // where libyaml gave up, just after the key
    EXPECT_NE(tree.error().message.find("could not find expected ':'"), std::string::npos);
    EXPECT_NE(tree.error().message.find("started at 3:3"), std::string::npos) << tree.error().message;
    EXPECT_EQ(tree.error().source_line, "  c");
}

TEST(YamlTreeKeys, ValidKeysAreAccepted) {
    EXPECT_TRUE(parse("a: 1\nb  : 2\n\"c\": 3\n").has_value());
    EXPECT_TRUE(parse("? a\n: 1\n? b\n: 2\n").has_value());  // explicit keys
    EXPECT_TRUE(parse("m: {a, b: 1}\n").has_value());        // flow: a key alone is allowed
    EXPECT_TRUE(parse("&k a: 1\n").has_value());             // anchored key
}

TEST(YamlTreeKeys, ACollectionAsKeyIsRefusedWithItsPosition) {
    // sed-style templates: `{{count}}` is a flow mapping whose key is a flow mapping.
    auto tree = parse("kind: Pod\nspec:\n  replicas: {{count}}\n");
    ASSERT_FALSE(tree.has_value());
    EXPECT_EQ(tree.error().location.line, 3);
    EXPECT_EQ(tree.error().location.column, 14);
    EXPECT_NE(tree.error().message.find("Kubernetes cannot decode it"), std::string::npos);
    EXPECT_FALSE(parse("? [x]\n: 2\n").has_value());
    EXPECT_FALSE(parse("{[a]: 1}\n").has_value());
    EXPECT_FALSE(parse("? {a: 1}\n: 2\n").has_value());
}

TEST(YamlTreeKeys, AnUnclosedFlowListNamesWhereItOpened) {
    auto tree = parse("kind: Pod\nspec: [unclosed\n");
    ASSERT_FALSE(tree.has_value());
    EXPECT_EQ(tree.error().location.line, 2);  // not the line after the last
    EXPECT_EQ(tree.error().location.column, 16);
    EXPECT_EQ(tree.error().source_line, "spec: [unclosed");
    EXPECT_NE(tree.error().message.find("did not find expected ',' or ']'"), std::string::npos);
    EXPECT_NE(tree.error().message.find("while parsing a flow sequence started at 2:7"), std::string::npos)
        << tree.error().message;
}
