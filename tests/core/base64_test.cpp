// One base64 for the webhook (strict, padded) and kubeconfig `*-data` fields (lenient).

#include <gtest/gtest.h>

#include "libmesh/core/base64.hpp"

using mesh::core::base64_decode;
using mesh::core::base64_encode;
using mesh::core::Base64Decode;

TEST(Base64, RoundTripsEveryLength) {
    std::string bytes;
    for (int i = 0; i < 300; ++i) {
        EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
        EXPECT_EQ(base64_decode(base64_encode(bytes), Base64Decode::Lenient), bytes);
        bytes += static_cast<char>(i * 37);
    }
}

TEST(Base64, EncodesWithPadding) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("h"), "aA==");
    EXPECT_EQ(base64_encode("he"), "aGU=");
    EXPECT_EQ(base64_encode("hello"), "aGVsbG8=");
    EXPECT_EQ(base64_encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(Base64, StrictWantsWholePaddedGroups) {
    EXPECT_EQ(base64_decode("aGVsbG8="), "hello");
    EXPECT_FALSE(base64_decode("aGVsbG8"));
    EXPECT_FALSE(base64_decode("aGV=bG8="));
    EXPECT_FALSE(base64_decode("aGVs*G8="));
    EXPECT_FALSE(base64_decode("aGVs\nbG8="));
}

TEST(Base64, LenientSkipsBlanksAndMissingPadding) {
    EXPECT_EQ(base64_decode("aGVsbG8=", Base64Decode::Lenient), "hello");
    EXPECT_EQ(base64_decode("aGVs\nbG8", Base64Decode::Lenient), "hello");
    EXPECT_EQ(base64_decode(" aGVs\r\n\tbG8= ", Base64Decode::Lenient), "hello");
    EXPECT_FALSE(base64_decode("a-b", Base64Decode::Lenient));
    EXPECT_FALSE(base64_decode("a", Base64Decode::Lenient));
    EXPECT_FALSE(base64_decode("aG=Vs", Base64Decode::Lenient));  // data after padding
}
