// json_tree must give exactly the tree manifest::parse_document gives for the same JSON text,
// compact or pretty-printed, and accept exactly the JSON nlohmann::json accepts.

#include "libmesh/webhook/json_tree.hpp"

#include <gtest/gtest.h>

#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tests/support/run_in_process.hpp"

namespace mesh::webhook {
namespace {

using nlohmann::json;

void expect_same_tree_text(const std::string& text) {
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

std::string with_crlf(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return out;
}

// libyaml refuses "\uD83D\uDE00" (a surrogate is not a character to YAML); JSON reads it as one.
bool has_surrogate_escape(const std::string& text) {
    for (std::size_t at = text.find("\\ud"); at != std::string::npos; at = text.find("\\ud", at + 1))
        if (at + 3 < text.size() && std::string_view("89abAB").find(text[at + 3]) != std::string_view::npos)
            return true;
    return false;
}

// The value written compact (as the API server sends it), indented (as kubectl and tests write
// it), with CRLF line ends, and with every non-ASCII character escaped (where libyaml reads it).
void expect_same_tree(const json& value) {
    std::string escaped = value.dump(-1, ' ', true);
    std::vector<std::string> texts{value.dump(), value.dump(2), value.dump(4), with_crlf(value.dump(1))};
    if (!has_surrogate_escape(escaped)) texts.push_back(escaped);
    for (const std::string& text : texts) {
        expect_same_tree_text(text);
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

TEST(JsonTree, SameAsTheYamlReaderForTheCorpusReviewsAsWritten) {
    // As the files are, pretty-printed (busybox's with tabs and spaces mixed).
    for (const char* name : {"admissionreview-v1-pod-create-busybox.json", "admissionreview-v1-pod-create-kubectl.json",
                             "jsonpatch-linkerd2-proxy-inject.json"}) {
        SCOPED_TRACE(name);
        expect_same_tree_text(testing::read_test_file(testing::source_path(std::string("testdata/webhook/") + name)));
    }
}

TEST(JsonTree, SameAsTheYamlReaderForWhitespaceAndEscapes) {
    expect_same_tree_text(" {\n\t\"a\" : [ 1 ,\r\n\t2 ] ,\r\"b\":\t{ } , \"c\" :\"x\"\n}\n\n");
    expect_same_tree_text(R"({"e":"\/\b\f\n\r\t\"\\ \u0041\u00e9\u2713\u00E9 \u0000 \u001f", "k\u00e9y": "\u0022"})");
    expect_same_tree_text(
        "[\"caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80\", -0, 0.5, -1.5e-3, 2E+2, 12345678901234567890123]");
    expect_same_tree_text("\xEF\xBB\xBF{\"bom\": true}");
}

// Where JSON and YAML part ways, JSON (as nlohmann::json and Go's encoding/json read it) decides.
TEST(JsonTree, ReadsJsonWhereTheYamlReaderDoesNot) {
    // A surrogate pair is one character.
    auto pair = json_tree(R"(["\ud83d\ude00", "\uD83D\uDE00x"])", {});
    ASSERT_TRUE(pair) << pair.error().message;
    EXPECT_EQ(pair->nodes[1].value, "\xF0\x9F\x98\x80");
    EXPECT_EQ(pair->nodes[2].value, "\xF0\x9F\x98\x80x");
    // A key given twice keeps its last value, where it was last written.
    auto twice = json_tree(R"({"a":1,"b":{"x":[1]},"a":2,"b":3})", {});
    ASSERT_TRUE(twice) << twice.error().message;
    EXPECT_EQ(twice->entry_count(twice->root), 2u);
    EXPECT_EQ(twice->scalar(twice->root, "a"), "2");
    EXPECT_EQ(twice->scalar(twice->root, "b"), "3");
    EXPECT_EQ((*twice)[twice->key_at(twice->root, 0)].value, "a");
    EXPECT_EQ((*twice)[twice->value_at(twice->root, 0)].start, 25u);
    std::string many = "{";
    for (int i = 0; i < 40; ++i) many += fmt::format("\"k{}\":{},", i % 20, i);
    many += "\"k3\":\"last\"}";
    auto hashed = json_tree(many, {});
    ASSERT_TRUE(hashed) << hashed.error().message;
    EXPECT_EQ(hashed->entry_count(hashed->root), 20u);
    EXPECT_EQ(hashed->scalar(hashed->root, "k3"), "last");
    EXPECT_EQ(hashed->scalar(hashed->root, "k4"), "24");
    EXPECT_EQ(json::parse(many)["k4"], 24);
}

// Exactly the texts nlohmann::json::parse accepts are accepted (what the webhook refused as
// "not JSON" before it read reviews with this scanner, it still refuses), but one: bytes after a
// NUL, which nlohmann ignores.
TEST(JsonTree, AcceptsWhatNlohmannAccepts) {
    const std::vector<std::string> texts{"",
                                         " ",
                                         "{",
                                         "}",
                                         "[",
                                         "[1,]",
                                         "[,1]",
                                         "{,}",
                                         "{\"a\"}",
                                         "{\"a\":}",
                                         "{\"a\" 1}",
                                         "{\"a\":1,}",
                                         "{a:1}",
                                         "{'a':1}",
                                         "[1 2]",
                                         "[1]]",
                                         "[[1]",
                                         "01",
                                         "-01",
                                         "00",
                                         "-",
                                         "+1",
                                         ".5",
                                         "5.",
                                         "1e",
                                         "1e+",
                                         "1E-2",
                                         "-0.0e0",
                                         "1e400",
                                         "-1e400",
                                         "1e308",
                                         "1e-400",
                                         std::string(400, '9'),
                                         "-" + std::string(320, '9') + ".5",
                                         "0x10",
                                         "NaN",
                                         "Infinity",
                                         "tru",
                                         "true",
                                         "truex",
                                         "nul",
                                         "null",
                                         "False",
                                         "\"\\u12\"",
                                         "\"\\u12g4\"",
                                         "\"\\ud800\"",
                                         "\"\\udc00\"",
                                         "\"\\ud800\\u0041\"",
                                         "\"\\ud800\\udbff\"",
                                         "\"\\ud800x\"",
                                         "\"\\udbff\\udfff\"",
                                         "\"\\x\"",
                                         "\"\\'\"",
                                         "\"\\/\"",
                                         "\"a\tb\"",
                                         "\"a\nb\"",
                                         "\"\x7f\"",
                                         "\"\x80\"",
                                         "\"\xC0\xAF\"",
                                         "\"\xC2\xA9\"",
                                         "\"\xE0\x80\xAF\"",
                                         "\"\xE0\xA0\x80\"",
                                         "\"\xED\xA0\x80\"",
                                         "\"\xED\x9F\xBF\"",
                                         "\"\xEF\xBF\xBF\"",
                                         "\"\xF0\x8F\xBF\xBF\"",
                                         "\"\xF0\x90\x80\x80\"",
                                         "\"\xF4\x8F\xBF\xBF\"",
                                         "\"\xF4\x90\x80\x80\"",
                                         "\"\xF5\x80\x80\x80\"",
                                         "\"\xC2\"",
                                         "\"\xE2\x9C\"",
                                         "\"unterminated",
                                         "\"\\",
                                         "\xEF\xBB\xBF[]",
                                         "\xEF\xBB[]",
                                         " \xEF\xBB\xBF[]",
                                         "\xEF\xBB\xBF",
                                         "[1]\n\r\t ",
                                         "[1] [2]",
                                         "/* c */ 1",
                                         "1 // c",
                                         "\f1",
                                         "\xC2\xA0"
                                         "1",
                                         "[\"a\"\n:1]",
                                         "{\"a\":1 \"b\":2}",
                                         "{\"a\":1,,\"b\":2}",
                                         "[-]",
                                         "[--1]",
                                         "[1.2.3]",
                                         "[1e5e5]"};
    for (const std::string& text : texts) {
        SCOPED_TRACE(text);
        auto tree = json_tree(text, {});
        EXPECT_EQ(static_cast<bool>(tree), json::accept(text)) << (tree ? "" : tree.error().message);
    }
    // The one difference.
    std::string after_nul = std::string("[1]") + '\0' + "garbage";
    EXPECT_TRUE(json::accept(after_nul));
    EXPECT_FALSE(json_tree(after_nul, {}));
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
    EXPECT_FALSE(json_tree(R"({"a":1} x)", {}));
    EXPECT_FALSE(json_tree(R"({"a":"unterminated)", {}));
    small = {};
    small.max_scalar_bytes = 4;
    EXPECT_TRUE(json_tree(R"(["1234"])", small));
    EXPECT_FALSE(json_tree(R"(["12345"])", small));
    EXPECT_TRUE(json_tree(R"(["123\u0041"])", small));
    EXPECT_FALSE(json_tree(R"(["123\u00e9"])", small));
}

}  // namespace
}  // namespace mesh::webhook
