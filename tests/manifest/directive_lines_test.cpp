// A '%' line after a document's content: yaml-cpp and libfyaml skip it and end the document there,
// libyaml (Kubernetes) rejects it. The byte scan refuses it where it stands; real directives
// (before '---', or after a '...' that ends the previous document) and '%' in scalars pass.

#include <gtest/gtest.h>

#include <string>

#include "libmesh/core/limits.hpp"
#include "libmesh/manifest/safety_scan.hpp"

using mesh::manifest::check_document_bytes;

namespace {

mesh::core::Result<void> scan(const std::string& text) {
    return check_document_bytes(text, 0, text.size(), "d.yml", mesh::core::Limits{});
}

}  // namespace

TEST(DirectiveLines, ADirectiveAfterContentIsRefusedAtItsLine) {
    auto r = scan("spec:\n  ports:\n%       - containerPort: 9080\n");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().location.line, 3);
    EXPECT_EQ(r.error().location.column, 1);
    EXPECT_NE(r.error().message.find("directive"), std::string::npos);
}

TEST(DirectiveLines, RealDirectivesAndPercentSignsInScalarsPass) {
    EXPECT_TRUE(scan("%YAML 1.1\n# a comment\n%TAG ! tag:example.com,2000:\n").has_value());
    EXPECT_TRUE(scan("a: 1\n...\n%YAML 1.1\n").has_value());
    EXPECT_TRUE(scan("a: 50%\nb: '%x'\nc: \"\n%y\"\n").has_value());
    EXPECT_FALSE(scan("a: 1\n....\n%YAML 1.1\n").has_value());  // "...." is not the end marker
}
