// The YAML the install manifests are written in: read back by an independent parser it means the
// JSON it was made from, and multi-line strings are literal blocks.

#include <gtest/gtest.h>

#include "libmesh/install/yaml_writer.hpp"
#include "tests/support/yaml_oracle.hpp"

using mesh::install::to_block_yaml;
using Json = nlohmann::ordered_json;

namespace {

// The oracle keeps numbers as written ({"number": "0.25"}); JSON's are made to match.
nlohmann::json as_oracle_numbers(const nlohmann::json& value) {
    if (value.is_number()) return {{"number", value.dump()}};
    nlohmann::json out = value;
    if (value.is_object() || value.is_array())
        for (auto it = out.begin(); it != out.end(); ++it) *it = as_oracle_numbers(*it);
    return out;
}

void expect_round_trip(const Json& value) {
    std::string yaml = to_block_yaml(value);
    nlohmann::json meaning = mesh::testing::oracle_meaning(yaml);
    ASSERT_EQ(meaning.size(), 1U) << yaml;
    EXPECT_EQ(meaning[0], as_oracle_numbers(nlohmann::json::parse(value.dump()))) << yaml;
}

}  // namespace

TEST(InstallYamlWriter, KeepsKeyOrderAndWritesKubectlLayout) {
    Json value = {
        {"kind", "Service"}, {"apiVersion", "v1"}, {"spec", {{"ports", Json::array({{{"name", "a"}, {"port", 1}}})}}}};
    EXPECT_EQ(to_block_yaml(value), "kind: Service\napiVersion: v1\nspec:\n  ports:\n  - name: a\n    port: 1\n");
}

TEST(InstallYamlWriter, QuotesWhatAYaml11ReaderWouldRetype) {
    Json value = {{"a", "true"},
                  {"b", "4140"},
                  {"c", "yes"},
                  {"d", "0.0.0.0"},
                  {"e", "~"},
                  {"f", ""},
                  {"g", "$(NODE_NAME):4140"}};
    std::string yaml = to_block_yaml(value);
    EXPECT_EQ(yaml.find("a: true"), std::string::npos) << yaml;
    EXPECT_EQ(yaml.find("b: 4140"), std::string::npos) << yaml;
    expect_round_trip(value);
}

TEST(InstallYamlWriter, MultiLineStringsAreLiteralBlocksThatMeanTheSameText) {
    Json value = {{"clip", "a\nb\n"},
                  {"strip", "a\n  b"},
                  {"keep", "a\n\n"},
                  {"blank", "a\n\nb\n"},
                  {"hash", "# not a comment\n"}};
    std::string yaml = to_block_yaml(value);
    EXPECT_NE(yaml.find("clip: |\n  a\n  b\n"), std::string::npos) << yaml;
    EXPECT_NE(yaml.find("strip: |-\n"), std::string::npos) << yaml;
    EXPECT_NE(yaml.find("keep: |+\n"), std::string::npos) << yaml;
    expect_round_trip(value);
}

TEST(InstallYamlWriter, StringsALiteralBlockCannotHoldStayQuoted) {
    for (std::string s :
         {" leading blank\nx\n", "trailing blank \nx\n", "cr\r\nx\n", "\nfirst line empty\n", "tab\t\x01\n"}) {
        Json value = {{"s", s}};
        std::string yaml = to_block_yaml(value);
        EXPECT_EQ(yaml.find('|'), std::string::npos) << yaml;
        expect_round_trip(value);
    }
}

TEST(InstallYamlWriter, EmptyCollectionsAndNestedListsAndNumbers) {
    Json value = {
        {"m", Json::object()}, {"l", Json::array()}, {"n", Json::array({Json::array({1, 2}), Json::array({"x"})})},
        {"f", 0.25},           {"b", false},         {"z", nullptr}};
    std::string yaml = to_block_yaml(value);
    EXPECT_NE(yaml.find("m: {}\n"), std::string::npos) << yaml;
    EXPECT_NE(yaml.find("l: []\n"), std::string::npos) << yaml;
    EXPECT_EQ(yaml.find("- \n"), std::string::npos) << yaml;
    expect_round_trip(value);
}
