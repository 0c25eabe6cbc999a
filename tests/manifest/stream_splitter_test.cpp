// Document boundaries where kubectl puts them.

#include <gtest/gtest.h>

#include "libmesh/manifest/stream_splitter.hpp"

using namespace mesh::manifest;

static std::vector<std::string> split(const std::string& text) {
    auto docs = split_stream(text, "t", mesh::core::Limits{});
    if (!docs) throw std::runtime_error(docs.error().message);
    std::vector<std::string> out;
    for (const auto& d : *docs) out.push_back(text.substr(d.begin, d.end - d.begin));
    return out;
}

TEST(StreamSplitter, SeparatorsWithCommentsAndBlanks) {
    EXPECT_EQ(split("a: 1\n---\nb: 2\n--- # c\nc: 3\n---   \nd: 4"),
              (std::vector<std::string>{"a: 1\n", "b: 2\n", "c: 3\n", "d: 4"}));
    EXPECT_EQ(split("---\na: 1\n"), (std::vector<std::string>{"", "a: 1\n"}));
    EXPECT_EQ(split("a: |\n  ---x\n----\n"), (std::vector<std::string>{"a: |\n  ---x\n----\n"}));
    EXPECT_EQ(split("a: 1\r\n---\r\nb: 2\r\n"), (std::vector<std::string>{"a: 1\r\n", "b: 2\r\n"}));
}

TEST(StreamSplitter, ByteOrderMarksAreOutsideDocuments) {
    EXPECT_EQ(split("\xEF\xBB\xBF"
                    "a: 1\n---\n\xEF\xBB\xBF"
                    "b: 2\n"),
              (std::vector<std::string>{"a: 1\n", "b: 2\n"}));
}

TEST(StreamSplitter, JsonStreams) {
    EXPECT_EQ(split(" {\"a\": \"}\"}\n{\"b\": [1, {}]}\n"),
              (std::vector<std::string>{"{\"a\": \"}\"}", "{\"b\": [1, {}]}"}));
    EXPECT_FALSE(split_stream("{\"a\": 1},\n{\"b\": 2}", "t", mesh::core::Limits{}));
}

TEST(StreamSplitter, SeparatorWithContentIsAnErrorWithItsPosition) {
    auto docs = split_stream("a: 1\n--- {b: 2}\n", "f.yaml", mesh::core::Limits{});
    ASSERT_FALSE(docs);
    EXPECT_EQ(docs.error().location.line, 2);
    EXPECT_EQ(docs.error().location.column, 4);
}
