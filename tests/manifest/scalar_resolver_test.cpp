// go-yaml v2's reading of plain scalars (spec/yaml.md section 1b): what must be quoted.

#include <gtest/gtest.h>

#include "libmesh/manifest/new_value.hpp"
#include "libmesh/manifest/scalar_resolver.hpp"

using namespace mesh::manifest;

TEST(ScalarResolver, YamlOneOneBooleansAndNulls) {
    for (auto s : {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"})
        EXPECT_EQ(resolve_plain(s).type, ScalarType::Bool) << s;
    for (auto s : {"n", "N", "no", "off", "OFF", "false", "False"}) EXPECT_EQ(resolve_plain(s).canonical, "false") << s;
    for (auto s : {"", "~", "null", "Null", "NULL"}) EXPECT_EQ(resolve_plain(s).type, ScalarType::Null) << s;
}

TEST(ScalarResolver, NumbersInEveryForm) {
    for (auto s : {"0755", "0x1F", "0b101", "+1", "-1", "1_000", "80", "12345678901234567890", "0o755"})
        EXPECT_EQ(resolve_plain(s).type, ScalarType::Int) << s;
    for (auto s : {"1.0", "1.", ".5", "1e3", "1E3", ".inf", "-.Inf", ".nan"})
        EXPECT_EQ(resolve_plain(s).type, ScalarType::Float) << s;
    for (auto s : {"12:30", "2001-12-14", "v1", "1.2.3", "0x", "e3", "-", "<<", "="})
        EXPECT_EQ(resolve_plain(s).type, ScalarType::String) << s;
}

// go-yaml looks at the first character: a digit or a sign may start a number (underscores are
// then dropped anywhere), a dot too (underscores only between digits), an underscore never. The
// same cases are checked against Kubernetes' own reader in k8s_oracle_test.
TEST(ScalarResolver, UnderscoresAsGoYamlReadsThem) {
    for (auto s : {"-_1", "+_1", "1__2", "1_", "0x_1F", "0b_1"}) EXPECT_EQ(resolve_plain(s).type, ScalarType::Int) << s;
    for (auto s : {"1e_3", "1_e3", "1.5e_2", "+_1.5", ".5_0", "1_0.5"})
        EXPECT_EQ(resolve_plain(s).type, ScalarType::Float) << s;
    for (auto s : {"_123", "__1", "_1.5", "_0x1F", "._5", ".5_", "_"})
        EXPECT_EQ(resolve_plain(s).type, ScalarType::String) << s;
}

TEST(ScalarResolver, NewStringsAreQuotedWheneverAReaderCouldRetypeThem) {
    for (auto s :
         {"true", "on", "y", "4140", "0755", "1e3", ".inf", "null", "", "$(NODE_NAME):4140", "a b", "-p", "#x"})
        EXPECT_EQ(yaml_scalar(s).front(), '"') << s;
    for (auto s : {"NODE_NAME", "spec.nodeName", "status.podIP", "IfNotPresent", "L5D"}) EXPECT_EQ(yaml_scalar(s), s);
    EXPECT_EQ(yaml_scalar("{\"a\":1}"), "'{\"a\":1}'");  // JSON reads best in single quotes
    EXPECT_EQ(yaml_scalar("it's \"x\""), "\"it's \\\"x\\\"\"");
}
