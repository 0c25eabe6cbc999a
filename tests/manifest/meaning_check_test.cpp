// text_means must agree with the reference (document_meaning of parse_document): it decides
// whether an edit is written, so every answer it gives is checked against the reference here.

#include <filesystem>

#include <gtest/gtest.h>

#include "libmesh/manifest/meaning.hpp"
#include "libmesh/manifest/meaning_check.hpp"
#include "libmesh/manifest/stream_splitter.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using namespace mesh;
using manifest::text_means;

namespace {

const core::Limits k_limits{};

// The reference meaning, or nullopt when the reference refuses the text.
std::optional<nlohmann::json> reference(std::string_view text) {
    auto tree = manifest::parse_document(text, {"t.yaml", 1}, k_limits);
    if (!tree) return std::nullopt;
    auto meaning = manifest::document_meaning(*tree, {"t.yaml", 1}, k_limits.max_nodes_per_document);
    if (!meaning) return std::nullopt;
    return *meaning;
}

nlohmann::json meaning_of(std::string_view text) {
    auto m = reference(text);
    EXPECT_TRUE(m.has_value()) << text;
    return m.value_or(nullptr);
}

const std::vector<std::string> k_documents = {
    "",
    "# only a comment\n",
    "a: 1\n",
    "a: '1'\n",
    "a: \"1\"\n",
    "a: 1.0\n",
    "a: 0x1\n",
    "a: true\n",
    "a: yes\n",
    "a: 'yes'\n",
    "a: ~\n",
    "a: null\n",
    "a: 'null'\n",
    "a:\n",
    "a: !!str 1\n",
    "a: |\n  text\n",
    "a: b\nc: d\n",
    "c: d\na: b\n",
    "a: {b: c}\n",
    "a: {b: c, d: e}\n",
    "a: [1, 2]\n",
    "a: [1, 2, 3]\n",
    "a: [2, 1]\n",
    "a:\n- 1\n- 2\n",
    "a: []\n",
    "a: {}\n",
    "1: x\n",
    "'1': x\n",
    "~: x\n",
    "a:\n  b:\n    c: [x, {d: e}]\n",
    "a:\n  b:\n    c: [x, {d: f}]\n",
    "- a\n- b\n",
    "plain scalar\n",
    "{\"a\": 1, \"b\": [true, null]}\n",
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: x\n",
    "key_with_a_long_name: a value long enough to skip resolution\n",
    "key_with_a_long_name: 'a value long enough to skip resolution'\n",
};

}  // namespace

TEST(TextMeans, AgreesWithTheReferenceOnEveryPairOfDocuments) {
    for (const auto& text : k_documents) {
        for (const auto& other : k_documents) {
            auto expected = meaning_of(other);
            auto answer = text_means(text, expected, k_limits);
            ASSERT_TRUE(answer.has_value()) << text;
            EXPECT_EQ(*answer, meaning_of(text) == expected) << "text: " << text << "expected: " << other;
        }
    }
}

TEST(TextMeans, EveryRealCorpusDocumentMeansItsReferenceMeaning) {
    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(mesh::testing::source_path("testdata/manifests/real"))) {
        if (entry.path().extension() != ".yaml" && entry.path().extension() != ".yml") continue;
        std::string stream = mesh::testing::read_test_file(entry.path().string());
        auto ranges = manifest::split_stream(stream, entry.path().string(), k_limits);
        ASSERT_TRUE(ranges.has_value()) << entry.path();
        for (const auto& range : *ranges) {
            std::string_view text = std::string_view(stream).substr(range.begin, range.end - range.begin);
            auto expected = reference(text);
            if (!expected) continue;
            auto answer = text_means(text, *expected, k_limits);
            if (!answer) continue;  // anchors: the reference decides
            EXPECT_TRUE(*answer) << entry.path() << " line " << range.first_line;
            // One changed value anywhere is a difference.
            nlohmann::json changed = *expected;
            if (changed.is_object() && !changed.empty()) {
                changed.begin().value() = "changed by the test";
                EXPECT_EQ(text_means(text, changed, k_limits), false) << entry.path();
            }
            ++checked;
        }
    }
    EXPECT_GT(checked, 30u);
}

TEST(TextMeans, RefusesWhatTheReferenceRefuses) {
    // Duplicate keys, as written (Kubernetes' strict decoding refuses both).
    auto both = meaning_of("1: x\n");
    both.update(meaning_of("'1': y\n"));
    ASSERT_EQ(both.size(), 2u);
    EXPECT_FALSE(reference("1: x\n'1': y\n").has_value());
    EXPECT_EQ(text_means("1: x\n'1': y\n", both, k_limits), false);
    EXPECT_FALSE(reference("a: 1\na: 1\n").has_value());
    EXPECT_EQ(text_means("a: 1\na: 1\n", meaning_of("a: 1\n"), k_limits), false);
    // A second document, a collection as a key.
    EXPECT_EQ(text_means("a: 1\n---\na: 1\n", meaning_of("a: 1\n"), k_limits), false);
    EXPECT_EQ(text_means("? [a]\n: 1\n", meaning_of("a: 1\n"), k_limits), false);
}

TEST(TextMeans, KeepsTheReferenceLimits) {
    core::Limits small;
    small.max_depth = 2;
    small.max_nodes_per_document = 5;
    small.max_scalar_bytes = 8;
    EXPECT_EQ(text_means("a: {b: {c: d}}\n", meaning_of("a: {b: {c: d}}\n"), small), false);
    EXPECT_EQ(text_means("a: {b: c}\n", meaning_of("a: {b: c}\n"), small), true);
    EXPECT_EQ(text_means("a: 1\nb: 2\nc: 3\n", meaning_of("a: 1\nb: 2\nc: 3\n"), small), false);
    EXPECT_EQ(text_means("a: 123456789\n", meaning_of("a: 123456789\n"), small), false);
    for (const char* text : {"a: {b: {c: d}}\n", "a: 1\nb: 2\nc: 3\n", "a: 123456789\n"})
        EXPECT_FALSE(manifest::parse_document(text, {"t.yaml", 1}, small).has_value()) << text;
}

TEST(TextMeans, LeavesAnchorsAliasesAndSyntaxErrorsToTheReference) {
    EXPECT_EQ(text_means("a: &x 1\nb: *x\n", meaning_of("a: &x 1\nb: *x\n"), k_limits), std::nullopt);
    EXPECT_EQ(text_means("a: &x {b: c}\n", meaning_of("a: {b: c}\n"), k_limits), std::nullopt);
    EXPECT_EQ(text_means("a: [1, 2\n", meaning_of("a: [1, 2]\n"), k_limits), std::nullopt);
    EXPECT_EQ(text_means("a: 'open\n", meaning_of("a: open\n"), k_limits), std::nullopt);
}
