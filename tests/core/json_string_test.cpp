// One JSON string writer, three byte-exact styles: mesh's own, Jackson's (Linkerd, namerd) and
// Go's json.Marshal (namerctl).

#include <gtest/gtest.h>

#include "libmesh/core/json_string.hpp"

using mesh::core::json_quote;
using mesh::core::JsonEscape;

TEST(JsonQuote, EveryModeEscapesQuotesBackslashesAndTheNamedThree) {
    for (auto mode : {JsonEscape::Plain, JsonEscape::Jackson, JsonEscape::GoMarshal}) {
        EXPECT_EQ(json_quote("", mode), R"("")");
        EXPECT_EQ(json_quote("a\"b\\c", mode), R"("a\"b\\c")");
        EXPECT_EQ(json_quote("\n\r\t", mode), R"("\n\r\t")");
        EXPECT_EQ(json_quote("/svc/é", mode), "\"/svc/é\"");
    }
}

TEST(JsonQuote, PlainKeepsTheLiteralPrintableYaml) {
    EXPECT_EQ(json_quote(std::string("\b\f\x01\x1f\x7f", 5), JsonEscape::Plain), R"("\u0008\u000c\u0001\u001f\u007f")");
    EXPECT_EQ(json_quote("<&>", JsonEscape::Plain), R"("<&>")");
}

TEST(JsonQuote, JacksonNamesBackspaceAndFormFeedAndWritesUppercaseHex) {
    EXPECT_EQ(json_quote(std::string("\b\f\x01\x1b\x7f", 5), JsonEscape::Jackson), "\"\\b\\f\\u0001\\u001B\x7f\"");
    EXPECT_EQ(json_quote("0.5*/a & /b", JsonEscape::Jackson), R"("0.5*/a & /b")");
}

TEST(JsonQuote, GoMarshalEscapesHtmlSeparatorsAndInvalidUtf8) {
    EXPECT_EQ(json_quote("0.5*/a & /b<c>", JsonEscape::GoMarshal), R"("0.5*/a \u0026 /b\u003cc\u003e")");
    EXPECT_EQ(json_quote(std::string("\b\f\x01\x7f", 4), JsonEscape::GoMarshal), "\"\\u0008\\u000c\\u0001\x7f\"");
    EXPECT_EQ(json_quote("a\xE2\x80\xA8" "b\xE2\x80\xA9", JsonEscape::GoMarshal), R"("a\u2028b\u2029")");
    EXPECT_EQ(json_quote("\xff" "a\xC3", JsonEscape::GoMarshal), R"("\ufffda\ufffd")");
    EXPECT_EQ(json_quote("\xED\xA0\x80", JsonEscape::GoMarshal), R"("\ufffd\ufffd\ufffd")");  // a surrogate
    EXPECT_EQ(json_quote("\xF0\x9F\x98\x80", JsonEscape::GoMarshal), "\"\xF0\x9F\x98\x80\"");
}
