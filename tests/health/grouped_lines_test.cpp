// Grouping a check's offending proxies for people: one line per reason, every name kept for JSON.

#include <gtest/gtest.h>

#include "libmesh/health/grouped_lines.hpp"

using mesh::health::grouped_error_lines;

TEST(GroupedErrorLines, ProxiesSharingAReasonBecomeOneLineWithTheCountAndFirstNames) {
    std::string error;
    for (int i = 1; i <= 50; ++i) error += "* 10.0.0." + std::to_string(i) + ":9990: connection refused\n";
    error += "* 10.0.1.1:9990: timed out after 5s";
    auto lines = grouped_error_lines(error);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "* connection refused: 50 (10.0.0.1:9990, 10.0.0.2:9990, 10.0.0.3:9990 and 47 more)");
    EXPECT_EQ(lines[1], "* 10.0.1.1:9990: timed out after 5s");
}

TEST(GroupedErrorLines, OrderOfFirstAppearanceAndOtherLinesAreKept) {
    auto lines = grouped_error_lines("router 'in' has 2 different dtabs:\n* a: x\n* b: y\n* c: x\nplain");
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0], "router 'in' has 2 different dtabs:");
    EXPECT_EQ(lines[1], "* x: 2 (a, c)");
    EXPECT_EQ(lines[2], "* b: y");
    EXPECT_EQ(lines[3], "plain");
}

TEST(GroupedErrorLines, FewNamesAreAllShown) {
    auto lines = grouped_error_lines("* a: down\n* b: down\n* c: down", 3);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "* down: 3 (a, b, c)");
    EXPECT_TRUE(grouped_error_lines("").empty());
}
