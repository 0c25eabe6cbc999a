// Escaping text from outside before it reaches a terminal or a log line.

#include "libmesh/core/escape.hpp"

#include <gtest/gtest.h>

namespace mesh::core {
namespace {

TEST(EscapeControl, KeepsPrintableTextAndUtf8) {
    EXPECT_EQ(escape_control("default/web-7d9f é ✓"), "default/web-7d9f é ✓");
}

TEST(EscapeControl, EscapesNewlinesAndTerminalSequences) {
    EXPECT_EQ(escape_control("a\nb\r\tc"), "a\\nb\\r\\tc");
    EXPECT_EQ(escape_control("\x1b[31mred\x1b]0;title\x07"), "\\x1b[31mred\\x1b]0;title\\x07");
    EXPECT_EQ(escape_control("\xc2\x9b"
                             "2J"),
              "\\u009b2J");  // C1 CSI
    EXPECT_EQ(escape_control(std::string("nul\0x", 5)), "nul\\x00x");
    EXPECT_EQ(escape_control("\x7f"), "\\x7f");
}

TEST(EscapeControl, EscapesInvalidUtf8AndBackslashes) {
    EXPECT_EQ(escape_control("\xff\xc3"), "\\xff\\xc3");
    EXPECT_EQ(escape_control("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
    EXPECT_EQ(escape_control("a\\nb"), "a\\\\nb");                 // a literal backslash-n stays distinguishable
}

TEST(EscapeQuoted, EscapesWhatEscapeControlDoesButKeepsBackslashes) {
    EXPECT_EQ(escape_quoted("path /$/inet/\\x38\\x30"), "path /$/inet/\\x38\\x30");
    EXPECT_EQ(escape_quoted("a\nb\x1b[31m\xff"), "a\\nb\\x1b[31m\\xff");
}

}  // namespace
}  // namespace mesh::core
