// Every edited document is read back by libfyaml and must mean the input plus the plan. Where the
// two parsers read the input differently, yaml-cpp reads the output back instead.

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
