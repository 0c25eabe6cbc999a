// A '%' line after a document's content: yaml-cpp and libfyaml skipped it and ended the document
// there; libyaml, as go-yaml and so Kubernetes, rejects it where it stands (no scan of our own is
// needed any more). Real directives (before content) and '%' in scalars pass.

#include <gtest/gtest.h>

#include <string>

#include "libmesh/core/limits.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace {

mesh::core::Result<mesh::manifest::YamlTree> read(const std::string& text) {
    return mesh::manifest::parse_document(text, {"d.yml", 1}, mesh::core::Limits{});
}

}  // namespace

TEST(DirectiveLines, ADirectiveAfterContentIsRefusedAtItsLine) {
    auto r = read("spec:\n  ports:\n%       - containerPort: 9080\n");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().location.line, 3);
    EXPECT_EQ(r.error().location.column, 2);  // where libyaml gave up
    EXPECT_EQ(r.error().source_line, "%       - containerPort: 9080");
}

TEST(DirectiveLines, RealDirectivesAndPercentSignsInScalarsPass) {
    EXPECT_TRUE(read("%YAML 1.1\n# a comment\n%TAG ! tag:example.com,2000:\n---\na: 1\n").has_value());
    EXPECT_TRUE(read("a: 50%\nb: '%x'\nc: \"\n%y\"\n").has_value());
    EXPECT_FALSE(read("a: 1\n....\n%YAML 1.1\n").has_value());  // "...." is not the end marker
}
