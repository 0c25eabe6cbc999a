// Hostile input gets a clear error within bounded time and memory, never a crash or a hang.
// Each case also runs under the sanitizer build in CI.

#include <gtest/gtest.h>

#include <ctime>

#include <fmt/format.h>

#include "libmesh/inject/stream_processor.hpp"

using namespace mesh;

namespace {

struct Outcome {
    bool ok;
    std::string message;
    double seconds;  ///< CPU time, every thread's: what a loop burns, whatever else the machine runs
};

Outcome inject_text(const std::string& text) {
    std::clock_t start = std::clock();
    inject::InjectConfig config;
    auto result = inject::process_stream(text, "hostile.yaml", inject::Operation::Inject, config);
    double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    return {bool(result), result ? std::string() : result.error().message, seconds};
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// The bound is on CPU time, not the wall clock (which a loaded CI machine stretches), and generous
// (sanitizers): it separates "bounded" from "loops", not fast from slow; speed is measured in
// bench/. A reader that blocks instead ends at ctest's timeout.
constexpr double k_bounded_seconds = 20.0;

TEST(HostileInput, StrayCommaDoesNotLoopForever) {
    for (std::string text : {",", ",\n", "[a],", "{a: 1},", "- a\n,", "---\n,", "kind: Pod\n,\n"}) {
        auto r = inject_text(text);
        EXPECT_FALSE(r.ok) << text;
        EXPECT_LT(r.seconds, k_bounded_seconds);
    }
}

TEST(HostileInput, DeepFlowNestingIsRejectedWhileReading) {
    auto r = inject_text("a: " + repeat("[", 5'000'000));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.message.find("nesting deeper than 100"), std::string::npos) << r.message;
    EXPECT_LT(r.seconds, k_bounded_seconds);
}

TEST(HostileInput, DeepJsonNestingIsRejected) {
    auto r = inject_text(repeat("{\"a\":", 1'000'000));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.message.find("nesting deeper"), std::string::npos) << r.message;
}

TEST(HostileInput, DeepBlockNestingIsRejected) {
    std::string text;
    for (int i = 0; i < 100'000; ++i) text += std::string(static_cast<std::size_t>(i % 2000), ' ') + "k:\n";
    auto r = inject_text(text.substr(0, 7u << 20));
    EXPECT_FALSE(r.ok);
    EXPECT_LT(r.seconds, k_bounded_seconds);
}

TEST(HostileInput, BillionLaughsInAWorkloadIsStoppedByTheExpansionBudget) {
    std::string text =
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: lol\n  labels:\n    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 10; ++i)
        text += fmt::format("    a{}: &a{} [*a{}, *a{}, *a{}, *a{}, *a{}, *a{}, *a{}, *a{}, *a{}, *a{}]\n", i, i, i - 1,
                            i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    text += "spec:\n  containers:\n  - name: app\n    image: app\n";
    auto r = inject_text(text);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.message.find("alias"), std::string::npos) << r.message;
    EXPECT_LT(r.seconds, k_bounded_seconds);
}

TEST(HostileInput, BillionLaughsInAPassThroughDocumentCostsNothing) {
    std::string text = "kind: ConfigMap\ndata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 30; ++i) text += fmt::format("  a{}: &a{} [*a{}, *a{}]\n", i, i, i - 1, i - 1);
    auto r = inject_text(text);
    EXPECT_TRUE(r.ok) << r.message;  // never expanded: the document is copied through
    EXPECT_LT(r.seconds, k_bounded_seconds);
}

TEST(HostileInput, RecursiveAliasIsRejected) {
    auto r = inject_text("kind: Pod\nmetadata: {name: x}\nspec:\n  containers: &c [*c]\n");
    EXPECT_FALSE(r.ok);
}

TEST(HostileInput, HugeScalarIsRejectedByTheDocumentLimit) {
    auto r = inject_text("kind: ConfigMap\ndata:\n  big: " + std::string(100u << 20, 'x') + "\n");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.message.find("limit"), std::string::npos) << r.message;
    EXPECT_LT(r.seconds, k_bounded_seconds);
}

TEST(HostileInput, FlowEntriesCountAsNodes) {
    // libyaml does not buffer a flow collection (yaml-cpp did, hence its old entry cap): 300,000
    // entries are read as Kubernetes reads them, and the node limit bounds the rest.
    EXPECT_TRUE(inject_text("a: [" + repeat("1,", 300'000) + "1]\n").ok);
    auto r = inject_text("a: [" + repeat("1,", 1'100'000) + "1]\n");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.message.find("more than 1000000 nodes"), std::string::npos) << r.message;
    EXPECT_LT(r.seconds, k_bounded_seconds);
}

TEST(HostileInput, BinaryAndInvalidUtf8AreRejectedWithAPosition) {
    for (std::string text : {std::string("kind: Pod\nx: \xC0\x80\n"), std::string("kind: Pod\nx: \xED\xA0\x80\n"),
                             std::string("a: b\0c\n", 7),
                             std::string("\x7F"
                                         "ELF\x02\x01\x01",
                                         7)}) {
        auto r = inject_text(text);
        EXPECT_FALSE(r.ok);
    }
}

TEST(HostileInput, TooManyDocumentsAreRejected) {
    auto r = inject_text(repeat("---\n", 200'000));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.message.find("documents"), std::string::npos) << r.message;
}

}  // namespace
