// Explicit keys ("? key" then ": value", or a bare "?" for an empty key) around the maps inject
// edits: entries go at the column of the "?", and a "?" line after a container belongs to the
// map it is a key of, not to the container (found by fuzzing inject | uninject: env went after a
// bare "?" and the document no longer parsed; verification refused it as an internal error).
// A bare "?" that ends the text is the map's own last entry: new entries go after it, not before
// the comments above it (found by fuzzing inject | uninject: uninject then took such a comment out
// with the entries it removed).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/stream_text.hpp"

using namespace mesh;
using mesh::test::stream_text;

TEST(ExplicitKeys, InjectAroundThemUninjectsByteForByteAndIsIdempotent) {
    const std::string pod = "kind: Pod\nspec:\n  containers:\n    - name: c\n      image: i\n";
    const std::vector<std::string> inputs = {
        pod + "?\n",  // an empty key last
        pod + "?",    // ... with no final newline
        "kind: Pod\nspec:\n  containers:\n    - ? name\n      : c\n      ? image\n      : i\n",  // the container's keys
        "kind: Pod\n? spec\n: containers:\n    - name: c\n      image: i\n",                     // the pod spec's key
        pod + "? x\n: y\n",  // an explicit entry last
        pod + "  # c\n?",    // comments before an empty key last, with no final newline
        pod + "# c\n\n?",
    };
    for (const auto& input : inputs) {
        for (auto mode : {inject::Mode::HttpProxy, inject::Mode::Iptables}) {
            std::string injected = stream_text(input, inject::Operation::Inject, mode);
            ASSERT_EQ(injected.rfind("error: ", 0), std::string::npos) << input << injected;
            ASSERT_NE(injected, input) << input;
            EXPECT_EQ(stream_text(injected, inject::Operation::Uninject, mode), input) << injected;
            EXPECT_EQ(stream_text(injected, inject::Operation::Inject, mode), injected) << injected;
        }
    }
}
