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

// A Java string holds no invalid UTF-8: the bytes were decoded first, each maximal subpart of a bad
// sequence becoming one U+FFFD, which Jackson then writes raw. (Found by fuzzing outside CI: an
// "Unknown namer" message quoting a path element's bytes made mesh's delegator.json invalid.)
TEST(JsonQuote, JacksonWritesInvalidUtf8AsJavaDecodedIt) {
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(json_quote("i22\x88", JsonEscape::Jackson), "\"i22" + fffd + "\"");
    EXPECT_EQ(json_quote("a\xE2\x82"
                         "A",
                         JsonEscape::Jackson),
              "\"a" + fffd + "A\"");                                                               // truncated: one
    EXPECT_EQ(json_quote("\xF0\x9F\x98", JsonEscape::Jackson), "\"" + fffd + "\"");                // at the end: one
    EXPECT_EQ(json_quote("\xED\xA0\x80", JsonEscape::Jackson), "\"" + fffd + fffd + fffd + "\"");  // a surrogate
    EXPECT_EQ(json_quote("\xC0\xAF", JsonEscape::Jackson), "\"" + fffd + fffd + "\"");             // overlong
    EXPECT_EQ(json_quote("\xC3\xA9\xF0\x9F\x98\x80", JsonEscape::Jackson), "\"\xC3\xA9\xF0\x9F\x98\x80\"");
}

TEST(JsonQuote, GoMarshalEscapesHtmlSeparatorsAndInvalidUtf8) {
    EXPECT_EQ(json_quote("0.5*/a & /b<c>", JsonEscape::GoMarshal), R"("0.5*/a \u0026 /b\u003cc\u003e")");
    EXPECT_EQ(json_quote(std::string("\b\f\x01\x7f", 4), JsonEscape::GoMarshal), "\"\\u0008\\u000c\\u0001\x7f\"");
    EXPECT_EQ(json_quote("a\xE2\x80\xA8"
                         "b\xE2\x80\xA9",
                         JsonEscape::GoMarshal),
              R"("a\u2028b\u2029")");
    EXPECT_EQ(json_quote("\xff"
                         "a\xC3",
                         JsonEscape::GoMarshal),
              R"("\ufffda\ufffd")");
    EXPECT_EQ(json_quote("\xED\xA0\x80", JsonEscape::GoMarshal), R"("\ufffd\ufffd\ufffd")");  // a surrogate
    EXPECT_EQ(json_quote("\xF0\x9F\x98\x80", JsonEscape::GoMarshal), "\"\xF0\x9F\x98\x80\"");
}

namespace {

// json_unquote on the whole of `literal`: the decoded bytes, or "error@offset: message".
std::string unquote(std::string_view literal) {
    std::size_t pos = 0;
    std::string out;
    if (auto error = mesh::core::json_unquote(literal, pos, out))
        return "error@" + std::to_string(error->offset) + ": " + error->message;
    EXPECT_EQ(pos, literal.size());
    return out;
}

}  // namespace

TEST(JsonUnquote, DecodesEveryEscapeAndSurrogatePairs) {
    EXPECT_EQ(unquote(R"("")"), "");
    EXPECT_EQ(unquote(R"("a\"b\\c\/d\b\f\n\r\t")"), "a\"b\\c/d\b\f\n\r\t");
    EXPECT_EQ(unquote(R"("\u0041\u00e9\u20AC")"), "A\xC3\xA9\xE2\x82\xAC");
    EXPECT_EQ(unquote(R"("\ud83d\ude00")"), "\xF0\x9F\x98\x80");
    EXPECT_EQ(unquote("\"caf\xC3\xA9\""), "caf\xC3\xA9");
    std::size_t pos = 4;
    std::string out;
    EXPECT_FALSE(mesh::core::json_unquote(R"(key:"v",x)", pos, out));
    EXPECT_EQ(out, "v");
    EXPECT_EQ(pos, 7u);
}

TEST(JsonUnquote, SaysWhereAndWhyALiteralIsBad) {
    EXPECT_EQ(unquote("\"abc"), "error@4: unterminated string");
    EXPECT_EQ(unquote("\"abc\\"), "error@5: unterminated string");
    EXPECT_EQ(unquote("\"a\x01\""), "error@2: control character in a string");
    EXPECT_EQ(unquote(R"("a\x")"), "error@3: bad escape in a string");
    EXPECT_EQ(unquote(R"("\u12g4")"), "error@3: bad \\u escape");
    EXPECT_EQ(unquote(R"("\ud800")"), "error@7: lone surrogate");
    EXPECT_EQ(unquote(R"("\udc00")"), "error@7: lone surrogate");
    EXPECT_EQ(unquote(R"("\ud800\u0041")"), "error@13: bad surrogate pair");
}
