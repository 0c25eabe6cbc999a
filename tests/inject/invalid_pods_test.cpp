// Pods Kubernetes would reject are errors, whatever the mode, never injected.

#include <gtest/gtest.h>

#include "libmesh/inject/stream_processor.hpp"

using namespace mesh;

TEST(InvalidPods, APodWithoutContainersIsAnErrorInBothModes) {
    std::string input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n";
    for (auto mode : {inject::Mode::HttpProxy, inject::Mode::Iptables}) {
        inject::InjectConfig config;
        config.mode = mode;
        auto result = inject::process_stream(input, "pod.yml", inject::Operation::Inject, config);
        ASSERT_FALSE(result.has_value());
        EXPECT_NE(result.error().message.find("no containers"), std::string::npos) << result.error().message;
        EXPECT_EQ(result.error().location.line, 6);
    }
}
