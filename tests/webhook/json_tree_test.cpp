// json_tree must give exactly the tree manifest::parse_document gives for the same compact JSON.

#include "libmesh/webhook/json_tree.hpp"

#include <gtest/gtest.h>

#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tests/support/run_in_process.hpp"

namespace mesh::webhook {
namespace {

using nlohmann::json;

void expect_same_tree(const json& value) {
    std::string text = value.dump();
    core::Limits limits;
    auto expected = manifest::parse_document(text, {"x", 1}, limits);
    ASSERT_TRUE(expected) << expected.error().message << "\n" << text.substr(0, 200);
    auto actual = json_tree(text, limits);
    ASSERT_TRUE(actual) << actual.error().message << "\n" << text.substr(0, 200);
    EXPECT_EQ(actual->text.data(), text.data());
    ASSERT_EQ(actual->nodes.size(), expected->nodes.size()) << text.substr(0, 200);
    EXPECT_EQ(actual->root, expected->root);
    EXPECT_EQ(actual->has_merge_key, expected->has_merge_key);
    EXPECT_EQ(actual->has_anchors, expected->has_anchors);
    for (std::size_t i = 0; i < actual->nodes.size(); ++i) {
        const auto& a = actual->nodes[i];
        const auto& e = expected->nodes[i];
        SCOPED_TRACE(fmt::format("node {} at {}: {}", i, e.start, text.substr(e.start, 40)));
        EXPECT_EQ(a.kind, e.kind);
        EXPECT_EQ(a.flow, e.flow);
        EXPECT_EQ(a.plain, e.plain);
        EXPECT_EQ(a.anchored, e.anchored);
        EXPECT_EQ(a.anchor, e.anchor);
        EXPECT_EQ(a.start, e.start);
        EXPECT_EQ(a.raw_end, e.raw_end);
        EXPECT_EQ(a.line, e.line);
        EXPECT_EQ(a.column, e.column);
        EXPECT_EQ(a.parent, e.parent);
        EXPECT_EQ(a.tag, e.tag);
        EXPECT_EQ(a.value, e.value);
        EXPECT_EQ(a.children, e.children);
        if (::testing::Test::HasFailure()) return;
    }
}

TEST(JsonTree, SameAsTheYamlReaderForTheCorpusReviews) {
    for (const char* name : {"admissionreview-v1-pod-create-busybox.json", "admissionreview-v1-pod-create-kubectl.json",
                             "jsonpatch-linkerd2-proxy-inject.json", "admissionreview-v1-response-jsonpatch.json"}) {
        SCOPED_TRACE(name);
        json review =
            json::parse(testing::read_test_file(testing::source_path(std::string("testdata/webhook/") + name)));
        expect_same_tree(review);
        if (review.contains("request")) expect_same_tree(review["request"]["object"]);
    }
}

TEST(JsonTree, SameAsTheYamlReaderForEscapesAndScalars) {
    expect_same_tree(
        json::parse(R"({"a":null,"b":[true,false,-1,2.5,1e+300,0,"",{},[]],"c":"line\nbreak\ttab \"q\" \\ \u0001 é ✓ 😀",
                                   "d":{"e":[[[]]],"null":"null","~":"~","<<":"merge","yes":"yes","0755":"0755"},
                                   "f":" lead and trail ","g":"- dash","h":"# hash","i":"a: b","j":"{x}","k":"[y]"})"));
    expect_same_tree(json::array());
    expect_same_tree(json::object());
    expect_same_tree(json("just a string"));
}

// Random documents built from awkward pieces.
json random_value(std::mt19937& rng, int depth) {
    static const std::vector<std::string> strings{"",
                                                  "a",
                                                  "null",
                                                  "true",
                                                  "- x",
                                                  "k: v",
                                                  "\"",
                                                  "\\",
                                                  "\n",
                                                  "\t",
                                                  "é",
                                                  "#",
                                                  "{",
                                                  "]",
                                                  "&a",
                                                  "*a",
                                                  "!tag",
                                                  "%",
                                                  "@",
                                                  "`",
                                                  "'",
                                                  " ",
                                                  "<<",
                                                  "?",
                                                  "linkerd.io/inject",
                                                  "$(NODE_NAME):4140",
                                                  "\x01",
                                                  "日本"};
    switch (std::uniform_int_distribution<int>(0, depth > 4 ? 3 : 5)(rng)) {
    case 0: return strings[rng() % strings.size()];
    case 1: return static_cast<int>(rng() % 2000) - 1000;
    case 2: return rng() % 2 == 0 ? json(nullptr) : json(rng() % 2 == 0);
    case 3: return std::uniform_real_distribution<double>(-1e6, 1e6)(rng);
    case 4: {
        json array = json::array();
        for (int i = static_cast<int>(rng() % 4); i > 0; --i) array.push_back(random_value(rng, depth + 1));
        return array;
    }
    default: {
        json object = json::object();
        for (int i = static_cast<int>(rng() % 4); i > 0; --i)
            object[strings[rng() % strings.size()] + std::to_string(i)] = random_value(rng, depth + 1);
        return object;
    }
    }
}

TEST(JsonTree, SameAsTheYamlReaderForRandomDocuments) {
    std::mt19937 rng(20261125);
    for (int i = 0; i < 300; ++i) {
        expect_same_tree(random_value(rng, 0));
        if (::testing::Test::HasFailure()) return;
    }
}

TEST(JsonTree, AcceptsKeysTheYamlReaderRefuses) {
    // YAML limits implicit keys to 1024 characters; JSON does not, and the webhook's input is JSON.
    std::string text = json{{std::string(2000, 'k'), 1}}.dump();
    EXPECT_FALSE(manifest::parse_document(text, {"x", 1}, {}));
    auto tree = json_tree(text, {});
    ASSERT_TRUE(tree);
    EXPECT_EQ(tree->nodes.size(), 3u);
}

TEST(JsonTree, KeepsTheLimits) {
    core::Limits small;
    small.max_nodes_per_document = 5;
    EXPECT_FALSE(json_tree(R"([1,2,3,4,5,6])", small));
    small = {};
    small.max_depth = 3;
    EXPECT_FALSE(json_tree(R"([[[[1]]]])", small));
    EXPECT_TRUE(json_tree(R"([[[1]]])", small));
    EXPECT_FALSE(json_tree(R"({"a":1} )", {}));
    EXPECT_FALSE(json_tree(R"({"a":"unterminated)", {}));
}

}  // namespace
}  // namespace mesh::webhook
