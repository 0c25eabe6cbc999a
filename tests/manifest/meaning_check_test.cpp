// text_means must agree with the reference (document_meaning of parse_document): it decides
// whether an edit is written, so every answer it gives is checked against the reference here.

#include <deque>
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

// Every document of the real corpus, named by file and line; the texts point into `streams`.
std::vector<std::pair<std::string, std::string_view>> real_corpus_documents(std::deque<std::string>& streams) {
    std::vector<std::pair<std::string, std::string_view>> documents;
    for (const auto& entry : fs::directory_iterator(mesh::testing::source_path("testdata/manifests/real"))) {
        if (entry.path().extension() != ".yaml" && entry.path().extension() != ".yml") continue;
        const std::string& stream = streams.emplace_back(mesh::testing::read_test_file(entry.path().string()));
        auto ranges = manifest::split_stream(stream, entry.path().string(), k_limits);
        EXPECT_TRUE(ranges.has_value()) << entry.path();
        if (!ranges) continue;
        for (const auto& range : *ranges)
            documents.emplace_back(entry.path().filename().string() + " line " + std::to_string(range.first_line),
                                   std::string_view(stream).substr(range.begin, range.end - range.begin));
    }
    return documents;
}

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
    std::deque<std::string> streams;
    for (const auto& [where, text] : real_corpus_documents(streams)) {
        auto expected = reference(text);
        if (!expected) continue;
        auto answer = text_means(text, *expected, k_limits);
        if (!answer) continue;  // anchors: the reference decides
        EXPECT_TRUE(*answer) << where;
        // One changed value anywhere is a difference.
        nlohmann::json changed = *expected;
        if (changed.is_object() && !changed.empty()) {
            changed.begin().value() = "changed by the test";
            EXPECT_EQ(text_means(text, changed, k_limits), false) << where;
        }
        ++checked;
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

// With placeholders (partial_meaning): verification builds the meaning only along the patch's
// paths, and text_means compares every other subtree with the base tree's nodes. Its "true" is
// final, so a "true" must always agree with the reference; "false" and nullopt go to the reference.

namespace {

std::optional<manifest::YamlTree> tree_of(std::string_view text) {
    auto tree = manifest::parse_document(text, {"t.yaml", 1}, k_limits);
    if (!tree) return std::nullopt;
    return std::move(*tree);
}

// A JSON Patch path to every node of a meaning.
void add_pointers(const nlohmann::json& meaning, const std::string& at, std::vector<std::string>& out) {
    if (!at.empty()) out.push_back(at);
    if (meaning.is_array())
        for (std::size_t i = 0; i < meaning.size(); ++i) add_pointers(meaning[i], at + "/" + std::to_string(i), out);
    if (meaning.is_object() && !meaning.contains("\x01number"))
        for (auto it = meaning.begin(); it != meaning.end(); ++it) {
            std::string token;
            for (char c : it.key()) token += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
            add_pointers(it.value(), at + "/" + token, out);
        }
}

}  // namespace

TEST(TextMeansWithPlaceholders, EveryYesAgreesWithTheReferenceForEveryPairAndPath) {
    std::size_t yes = 0, answers = 0;
    for (const auto& other : k_documents) {
        auto tree = tree_of(other);
        ASSERT_TRUE(tree) << other;
        if (tree->root == manifest::k_no_node) continue;
        nlohmann::json meaning = meaning_of(other);
        std::vector<std::string> pointers;
        add_pointers(meaning, "", pointers);
        std::vector<std::vector<std::string_view>> path_sets = {{}};
        for (const auto& p : pointers) path_sets.push_back({p});
        for (const auto& paths : path_sets) {
            auto partial = manifest::partial_meaning(*tree, paths);
            ASSERT_TRUE(partial) << other;
            for (const auto& text : k_documents) {
                auto answer = text_means(text, *partial, k_limits, &*tree);
                ++answers;
                if (answer != true) continue;
                ++yes;
                EXPECT_EQ(reference(text), meaning) << "text: " << text << "base: " << other;
            }
            // The base's own text, read back, is a yes unless a key is not a string.
            bool string_keys = other.find("1:") == std::string::npos && other.find("~:") == std::string::npos;
            if (string_keys) {
                EXPECT_EQ(text_means(other, *partial, k_limits, &*tree), true) << other;
            }
        }
    }
    EXPECT_GT(yes, answers / 40) << "too few yes answers to mean anything";
}

TEST(TextMeansWithPlaceholders, PlaceholdersStandOnlyOffThePaths) {
    auto tree = tree_of("a:\n  b: [p, q]\nc: d\n");
    ASSERT_TRUE(tree);
    auto partial = manifest::partial_meaning(*tree, {"/a/b/1"});
    ASSERT_TRUE(partial);
    EXPECT_TRUE(manifest::placeholder_node((*partial)["c"]).has_value());
    EXPECT_TRUE(manifest::placeholder_node((*partial)["a"]["b"][0]).has_value());
    EXPECT_EQ((*partial)["a"]["b"][1], nlohmann::json("q"));
    // An "add" creates only its last token; a path through a missing node, or a tree with
    // anchors, leaves the whole meaning to document_meaning.
    EXPECT_TRUE(manifest::partial_meaning(*tree, {"/a/new"}).has_value());
    EXPECT_FALSE(manifest::partial_meaning(*tree, {"/missing/new"}).has_value());
    auto anchored = tree_of("a: &x 1\nb: *x\n");
    ASSERT_TRUE(anchored);
    EXPECT_FALSE(manifest::partial_meaning(*anchored, {}).has_value());
}

TEST(TextMeansWithPlaceholders, EveryRealCorpusDocumentMeansItsTree) {
    std::size_t checked = 0;
    std::deque<std::string> streams;
    for (const auto& [where, text] : real_corpus_documents(streams)) {
        auto tree = tree_of(text);
        if (!tree || tree->root == manifest::k_no_node || tree->has_anchors) continue;
        auto whole = manifest::partial_meaning(*tree, {});
        ASSERT_TRUE(whole);
        EXPECT_EQ(text_means(text, *whole, k_limits, &*tree), true) << where;
        // Built along the first leaf's path, with that leaf changed: never a yes.
        auto meaning = reference(text);
        ASSERT_TRUE(meaning);
        std::vector<std::string> pointers;
        add_pointers(*meaning, "", pointers);
        if (pointers.empty()) continue;
        auto partial = manifest::partial_meaning(*tree, {pointers.back()});
        ASSERT_TRUE(partial);
        (*partial)[nlohmann::json::json_pointer(pointers.back())] = "changed by the test";
        EXPECT_NE(text_means(text, *partial, k_limits, &*tree), true) << where << " " << pointers.back();
        ++checked;
    }
    EXPECT_GT(checked, 30u);
}
