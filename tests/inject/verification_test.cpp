// Every edited document is read back (by libyaml, as Kubernetes reads it) and must mean the input
// plus the plan. Forms that once split two parsers (`>+` then blank lines, an empty `|`) now pass
// because one grammar reads both sides.

#include <gtest/gtest.h>

#include "libmesh/inject/stream_processor.hpp"
#include "libmesh/manifest/independent_meaning.hpp"

using namespace mesh;

namespace {

constexpr const char* k_keep_chomping = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: scripts
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        args:
        - >+
          folded keep

        - |
        - after
)";

core::Result<inject::StreamResult> inject_iptables(const std::string& input, bool verify = true) {
    inject::InjectConfig config;
    config.mode = inject::Mode::Iptables;
    config.verify = verify;
    return inject::process_stream(input, "pod.yml", inject::Operation::Inject, config);
}

}  // namespace

TEST(InjectVerification, PassesWhereTheParsersReadBlockScalarsDifferently) {
    inject::InjectConfig config;
    auto result = inject::process_stream(k_keep_chomping, "scripts.yml", inject::Operation::Inject, config);
    ASSERT_TRUE(result.has_value()) << result.error().message;
    std::string out = result->render(k_keep_chomping);
    EXPECT_NE(out.find("http_proxy"), std::string::npos);
    auto back = inject::process_stream(out, "scripts.yml", inject::Operation::Uninject, config);
    ASSERT_TRUE(back.has_value()) << back.error().message;
    EXPECT_EQ(back->render(out), k_keep_chomping);
}

TEST(InjectVerification, ExplainsWhatLibfyamlRejected) {
    auto m = manifest::independent_meaning("a: [1, 2\n", 1000);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("libfyaml: "), std::string::npos);
    EXPECT_GT(m.error().message.size(), std::string("libfyaml: ").size());
}

TEST(InjectVerification, AKeyWithoutColonIsRefusedWhenRead) {
    // yaml-cpp reads the last line as a key with no value; the YAML spec and Kubernetes reject it,
    // and an init container added after it would make the text unreadable.
    std::string input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n"
                        "    image: busybox\n  valu\n";
    auto result = inject_iptables(input);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, core::ErrorCode::Input) << result.error().message;
    EXPECT_EQ(result.error().location.line, 9);
    EXPECT_EQ(result.error().source_line, "  valu");
}

TEST(InjectVerification, AQuoteRunningToTheEndOfTheDocumentIsAnInputError) {
    // An unterminated quote that yaml-cpp read to the end of the document; libyaml (as go-yaml,
    // so Kubernetes) refuses it, naming where the quote began and where the text ran out.
    std::string input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n"
                        "  ' image: busybox\n    x: 1\nstatus: {}\n";
    auto result = inject_iptables(input);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, core::ErrorCode::Input) << result.error().message;
    EXPECT_EQ(result.error().location.file, "pod.yml");
    EXPECT_EQ(result.error().location.line, 10);
    EXPECT_NE(result.error().message.find("found unexpected end of stream"), std::string::npos);
    EXPECT_NE(result.error().message.find("while scanning a quoted scalar started at 8:3"), std::string::npos)
        << result.error().message;
    // Verification is no longer what stops it: the reader does.
    EXPECT_FALSE(inject_iptables(input, /*verify=*/false).has_value());
}

// A tag on its own line starts the map below it (`!labels:` then `  app: x`): the marker goes at the
// keys' column, not the tag's, which verification once caught as an internal error (a fuzz find).
TEST(InjectVerification, AMapWhoseTagStandsOnTheLineAboveGetsEntriesAtItsKeys) {
    const std::string input = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: r\nspec:\n  template:\n"
                              "    metadata:\n      !labels:\n        app: redis\n    spec:\n      containers:\n"
                              "      - name: c\n        image: x\n";
    inject::InjectConfig config;
    auto result = inject::process_stream(input, "tagged.yml", inject::Operation::Inject, config);
    ASSERT_TRUE(result.has_value()) << result.error().message;
    std::string out = result->render(input);
    EXPECT_NE(out.find("        app: redis\n        annotations:\n"), std::string::npos) << out;
    auto back = inject::process_stream(out, "tagged.yml", inject::Operation::Uninject, config);
    ASSERT_TRUE(back.has_value()) << back.error().message;
    EXPECT_EQ(back->render(out), input);
}
