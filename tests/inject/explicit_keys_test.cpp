// Explicit keys ("? key" then ": value", or a bare "?" for an empty key) around the maps inject
// edits: entries go at the column of the "?", and a "?" line after a container belongs to the
// map it is a key of, not to the container (found by fuzzing inject | uninject: env went after a
// bare "?" and the document no longer parsed; verification refused it as an internal error).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libmesh/inject/stream_processor.hpp"

using namespace mesh;

namespace {

std::string explicit_keys_run(const std::string& text, inject::Operation operation, inject::Mode mode) {
    inject::InjectConfig config;
    config.mode = mode;
    auto result = inject::process_stream(text, "pod.yml", operation, config);
    if (!result) return "error: " + result.error().message;
    return result->render(text);
}

}  // namespace

TEST(ExplicitKeys, InjectAroundThemUninjectsByteForByteAndIsIdempotent) {
    const std::string pod = "kind: Pod\nspec:\n  containers:\n    - name: c\n      image: i\n";
    const std::vector<std::string> inputs = {
        pod + "?\n",  // an empty key last
        pod + "?",    // ... with no final newline
        "kind: Pod\nspec:\n  containers:\n    - ? name\n      : c\n      ? image\n      : i\n",  // the container's keys
        "kind: Pod\n? spec\n: containers:\n    - name: c\n      image: i\n",                     // the pod spec's key
        pod + "? x\n: y\n",  // an explicit entry last
    };
    for (const auto& input : inputs) {
        for (auto mode : {inject::Mode::HttpProxy, inject::Mode::Iptables}) {
            std::string injected = explicit_keys_run(input, inject::Operation::Inject, mode);
            ASSERT_EQ(injected.rfind("error: ", 0), std::string::npos) << input << injected;
            ASSERT_NE(injected, input) << input;
            EXPECT_EQ(explicit_keys_run(injected, inject::Operation::Uninject, mode), input) << injected;
            EXPECT_EQ(explicit_keys_run(injected, inject::Operation::Inject, mode), injected) << injected;
        }
    }
}
