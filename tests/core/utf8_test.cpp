// RFC 3629's well-formed sequences (its table in section 4), which every reader of ours enforces
// through core::utf8_sequence_length: the manifest byte check, the webhook's JSON scanner, the
// JSON string writer and the escapes for terminals.

#include "libmesh/core/utf8.hpp"

#include <gtest/gtest.h>

namespace {

using mesh::core::append_utf8;
using mesh::core::utf8_sequence_length;

TEST(Utf8SequenceLength, TakesEachWellFormedRangesBoundaries) {
    EXPECT_EQ(utf8_sequence_length("a", 0), 1u);
    EXPECT_EQ(utf8_sequence_length(std::string_view("\0", 1), 0), 1u);
    EXPECT_EQ(utf8_sequence_length("\x7F", 0), 1u);
    EXPECT_EQ(utf8_sequence_length("\xC2\x80", 0), 2u);          // U+0080
    EXPECT_EQ(utf8_sequence_length("\xDF\xBF", 0), 2u);          // U+07FF
    EXPECT_EQ(utf8_sequence_length("\xE0\xA0\x80", 0), 3u);      // U+0800
    EXPECT_EQ(utf8_sequence_length("\xED\x9F\xBF", 0), 3u);      // U+D7FF
    EXPECT_EQ(utf8_sequence_length("\xEE\x80\x80", 0), 3u);      // U+E000
    EXPECT_EQ(utf8_sequence_length("\xEF\xBF\xBF", 0), 3u);      // U+FFFF
    EXPECT_EQ(utf8_sequence_length("\xF0\x90\x80\x80", 0), 4u);  // U+10000
    EXPECT_EQ(utf8_sequence_length("\xF4\x8F\xBF\xBF", 0), 4u);  // U+10FFFF
    EXPECT_EQ(utf8_sequence_length("x\xC3\xA9", 1), 2u);         // not only at the start
}

TEST(Utf8SequenceLength, RefusesOverlongsSurrogatesAndWhatLiesBeyondUnicode) {
    EXPECT_EQ(utf8_sequence_length("\xC0\x80", 0), 0u);          // overlong NUL
    EXPECT_EQ(utf8_sequence_length("\xC1\xBF", 0), 0u);          // overlong U+007F
    EXPECT_EQ(utf8_sequence_length("\xE0\x9F\xBF", 0), 0u);      // overlong U+07FF
    EXPECT_EQ(utf8_sequence_length("\xF0\x8F\xBF\xBF", 0), 0u);  // overlong U+FFFF
    EXPECT_EQ(utf8_sequence_length("\xED\xA0\x80", 0), 0u);      // U+D800, a surrogate
    EXPECT_EQ(utf8_sequence_length("\xED\xBF\xBF", 0), 0u);      // U+DFFF
    EXPECT_EQ(utf8_sequence_length("\xF4\x90\x80\x80", 0), 0u);  // U+110000
    EXPECT_EQ(utf8_sequence_length("\xF5\x80\x80\x80", 0), 0u);
    EXPECT_EQ(utf8_sequence_length("\xFF", 0), 0u);
    EXPECT_EQ(utf8_sequence_length("\x80", 0), 0u);  // a continuation byte alone
}

TEST(Utf8SequenceLength, RefusesSequencesCutShortOrInterrupted) {
    EXPECT_EQ(utf8_sequence_length("\xC3", 0), 0u);
    EXPECT_EQ(utf8_sequence_length("\xE2\x82", 0), 0u);
    EXPECT_EQ(utf8_sequence_length("\xF0\x9F\x98", 0), 0u);
    EXPECT_EQ(utf8_sequence_length("\xE2"
                                   "a\xAC",
                                   0),
              0u);
    EXPECT_EQ(utf8_sequence_length(std::string_view("\xC3\xA9", 1), 0), 0u);  // the view ends first
    EXPECT_EQ(utf8_sequence_length("ab", 2), 0u);                             // past the end
}

TEST(AppendUtf8, EncodesEachLengthsBoundaries) {
    std::string out;
    for (std::uint32_t cp : {0x41u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xFFFFu, 0x10000u, 0x10FFFFu}) append_utf8(out, cp);
    EXPECT_EQ(out, "A\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF");
    for (std::size_t i = 0; i < out.size(); i += utf8_sequence_length(out, i))
        ASSERT_NE(utf8_sequence_length(out, i), 0u) << i;
}

}  // namespace
