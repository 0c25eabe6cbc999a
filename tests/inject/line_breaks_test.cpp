// YAML reads a bare carriage return as a line break; mesh writes only LF or CRLF breaks, so a
// workload whose document holds a bare CR is an error (file:line:col, nothing written), in
// inject and in uninject, rather than edited into something uninject cannot take back. Found by
// fuzzing inject | uninject: a final `\r` was lost, and CR-only text got LF lines inside it.

#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "libmesh/inject/stream_processor.hpp"

using namespace mesh;

namespace {

const std::string k_line_break_pod =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: c\n"
    "      image: i\n";

std::string with_line_breaks(std::string text, const std::string& line_break) {
    std::string out;
    for (char c : text) out += c == '\n' ? line_break : std::string(1, c);
    return out;
}

core::Result<inject::StreamResult> process_pod(const std::string& text, inject::Operation operation) {
    inject::InjectConfig config;
    config.skip_refused = true;  // an error, not a refusal: skipping would not help
    return inject::process_stream(text, "pod.yml", operation, config);
}

}  // namespace

TEST(LineBreaks, ABareCarriageReturnIsAnErrorWhereItStands) {
    std::string final_cr = k_line_break_pod.substr(0, k_line_break_pod.size() - 1) + "\r";  // the fuzzer's case
    std::string cr_only = with_line_breaks(k_line_break_pod, "\r");
    for (auto [input, line, column] : {std::tuple{final_cr, 8, 15}, std::tuple{cr_only, 1, 15}}) {
        auto result = process_pod(input, inject::Operation::Inject);
        ASSERT_FALSE(result.has_value()) << input;
        EXPECT_NE(result.error().message.find("bare carriage return"), std::string::npos) << result.error().message;
        EXPECT_EQ(result.error().location.line, line);
        EXPECT_EQ(result.error().location.column, column);
    }
}

TEST(LineBreaks, UninjectRefusesABareCarriageReturnInAnInjectedDocument) {
    auto injected = process_pod(k_line_break_pod, inject::Operation::Inject);
    ASSERT_TRUE(injected.has_value()) << injected.error().message;
    std::string text = injected->render(k_line_break_pod);
    text.back() = '\r';
    auto result = process_pod(text, inject::Operation::Uninject);
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().message.find("bare carriage return"), std::string::npos) << result.error().message;
}

TEST(LineBreaks, LfAndCrlfTextIsInjectedAndUninjectedByteForByte) {
    for (const std::string& line_break : {std::string("\n"), std::string("\r\n")}) {
        std::string input = with_line_breaks(k_line_break_pod, line_break);
        auto injected = process_pod(input, inject::Operation::Inject);
        ASSERT_TRUE(injected.has_value()) << injected.error().message;
        std::string output = injected->render(input);
        ASSERT_NE(output, input);
        auto back = process_pod(output, inject::Operation::Uninject);
        ASSERT_TRUE(back.has_value()) << back.error().message;
        EXPECT_EQ(back->render(output), input);
    }
}

// A `|` or `>` scalar keeps a final line break in its value; ending the file, without one, it
// would gain one when inject adds lines after it, so that is an input error at the scalar (found
// by fuzzing: verification refused it as an internal error). Strip chomping (`|-`) keeps no
// line break, so text after it changes nothing.
TEST(LineBreaks, ABlockScalarEndingTheFileWithoutANewlineIsAnErrorUnlessStripped) {
    const std::string head = "kind: Pod\nspec:\n  containers:\n  - name: a\n    command:\n    - ";
    auto clipped = process_pod(head + "|\n      echo hi", inject::Operation::Inject);
    ASSERT_FALSE(clipped.has_value());
    EXPECT_NE(clipped.error().message.find("block scalar with no final newline"), std::string::npos)
        << clipped.error().message;
    EXPECT_EQ(clipped.error().location.line, 6);
    EXPECT_EQ(clipped.error().location.column, 7);
    for (const std::string& scalar : {std::string("|-\n      echo hi"), std::string("|\n      echo hi\n")}) {
        std::string input = head + scalar;
        auto injected = process_pod(input, inject::Operation::Inject);
        ASSERT_TRUE(injected.has_value()) << injected.error().message;
        std::string output = injected->render(input);
        auto back = process_pod(output, inject::Operation::Uninject);
        ASSERT_TRUE(back.has_value()) << back.error().message;
        EXPECT_EQ(back->render(output), input);
    }
}
