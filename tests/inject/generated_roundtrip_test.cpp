// Properties over generated pod documents, in both modes: uninject(inject(x)) == x and
// inject(inject(x)) == inject(x), for every combination of the shapes that move edits to the end
// of a file: final newline or not, metadata, annotations, env, initContainers, CRLF (issue 11, item 2).

#include <gtest/gtest.h>

#include <string>

#include "tests/support/stream_text.hpp"

using namespace mesh;
using mesh::test::stream_text;

namespace {

enum Shape : unsigned {
    k_final_newline = 1u << 0,
    k_metadata = 1u << 1,
    k_annotations = 1u << 2,
    k_env = 1u << 3,
    k_init_containers = 1u << 4,
    k_crlf = 1u << 5,
    k_metadata_last = 1u << 6,  ///< metadata after spec, so its edits meet the containers' at the end
    k_all_shapes = 1u << 7,
};

// A Pod (its own template) with the chosen shapes; the container is always the last text, so
// an added env or metadata lands at the end of the file.
std::string generate(unsigned shape) {
    std::string metadata;
    if (shape & k_metadata) {
        metadata = "metadata:\n  name: p\n";
        if (shape & k_annotations) metadata += "  annotations:\n    team: a\n";
    }
    std::string spec = "spec:\n";
    if (shape & k_init_containers) spec += "  initContainers:\n  - name: setup\n    image: busybox\n";
    spec += "  containers:\n  - name: a\n    image: x\n";
    if (shape & k_env) spec += "    env:\n    - name: A\n      value: \"1\"\n";
    std::string text = "apiVersion: v1\nkind: Pod\n";
    text += (shape & k_metadata_last) ? spec + metadata : metadata + spec;
    if (!(shape & k_final_newline)) text.pop_back();
    if (shape & k_crlf) {
        std::string crlf;
        for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        text = crlf;
    }
    return text;
}

}  // namespace

TEST(GeneratedRoundTrip, UninjectInvertsInjectAndInjectIsIdempotentForEveryShape) {
    int checked = 0;
    for (unsigned shape = 0; shape < k_all_shapes; ++shape) {
        if ((shape & k_annotations) && !(shape & k_metadata)) continue;
        if ((shape & k_metadata_last) && !(shape & k_metadata)) continue;
        std::string input = generate(shape);
        for (auto mode : {inject::Mode::HttpProxy, inject::Mode::Iptables}) {
            std::string injected = stream_text(input, inject::Operation::Inject, mode, "gen.yml");
            ASSERT_NE(injected, input) << "shape " << shape << ": nothing injected";
            ASSERT_EQ(injected.rfind("error: ", 0), std::string::npos) << "shape " << shape << ": " << injected;
            EXPECT_EQ(stream_text(injected, inject::Operation::Uninject, mode, "gen.yml"), input)
                << "shape " << shape << "\n"
                << injected;
            EXPECT_EQ(stream_text(injected, inject::Operation::Inject, mode, "gen.yml"), injected)
                << "shape " << shape << "\n"
                << injected;
            ++checked;
        }
    }
    // newline x env x initContainers x CRLF (16) times 5 metadata shapes, in 2 modes
    EXPECT_EQ(checked, 160);
}

TEST(GeneratedRoundTrip, TheIssuesPodWithoutMetadataOrFinalNewline) {
    std::string input = "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: x";
    std::string injected = stream_text(input, inject::Operation::Inject, inject::Mode::HttpProxy, "gen.yml");
    EXPECT_EQ(stream_text(injected, inject::Operation::Uninject, inject::Mode::HttpProxy, "gen.yml"), input);
    EXPECT_EQ(stream_text(injected, inject::Operation::Inject, inject::Mode::HttpProxy, "gen.yml"), injected);
}

// Streams of 17 or more documents are processed on several threads; how many must not change a
// byte of the output or the order of the reports.
TEST(GeneratedRoundTrip, OneThreadAndFourGiveTheSameStream) {
    std::string stream;
    for (unsigned shape = 0; shape < k_all_shapes; ++shape)
        if ((shape & k_final_newline) && !(shape & k_crlf)) stream += "---\n" + generate(shape);
    inject::InjectConfig one;
    one.threads = 1;
    inject::InjectConfig four;
    four.threads = 4;
    auto serial = inject::process_stream(stream, "gen.yml", inject::Operation::Inject, one);
    auto parallel = inject::process_stream(stream, "gen.yml", inject::Operation::Inject, four);
    ASSERT_TRUE(serial && parallel);
    ASSERT_GE(serial->documents.size(), 17u) << "too few documents to use threads";
    EXPECT_EQ(serial->render(stream), parallel->render(stream));
    ASSERT_EQ(serial->objects.size(), parallel->objects.size());
    for (std::size_t i = 0; i < serial->objects.size(); ++i)
        EXPECT_EQ(serial->objects[i].line, parallel->objects[i].line) << "report " << i;
}
