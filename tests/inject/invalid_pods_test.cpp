// Pods Kubernetes would reject are errors, whatever the mode, never injected.

#include <gtest/gtest.h>

#include <tuple>

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

// The API server rejects two containers of one name; injecting them would leave uninject unable to
// tell them apart (found by fuzzing inject | uninject; issue 11, item 4).
TEST(InvalidPods, TwoContainersOfOneNameAreAnErrorAtTheSecondName) {
    std::string block = "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n  - name: a\n    image: y\n";
    std::string flow = "kind: Pod\nspec:\n  containers: [{name: a, image: x}, {name: a, image: y}]\n";
    std::string init =
        "kind: Pod\nspec:\n  initContainers:\n  - name: a\n    image: x\n  containers:\n  - name: a\n    image: y\n";
    for (auto [input, line, column] : {std::tuple{block, 6, 11}, std::tuple{flow, 3, 44}, std::tuple{init, 7, 11}}) {
        for (auto mode : {inject::Mode::HttpProxy, inject::Mode::Iptables}) {
            inject::InjectConfig config;
            config.mode = mode;
            config.skip_refused = true;  // not a refusal: Kubernetes itself would reject the pod
            auto result = inject::process_stream(input, "pod.yml", inject::Operation::Inject, config);
            ASSERT_FALSE(result.has_value()) << input;
            EXPECT_NE(result.error().message.find("two containers are named \"a\""), std::string::npos)
                << result.error().message;
            EXPECT_EQ(result.error().location.line, line) << input;
            EXPECT_EQ(result.error().location.column, column) << input;
        }
    }
}
