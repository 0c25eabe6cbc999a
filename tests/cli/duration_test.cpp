// One duration reading for every timeout and interval flag: bare seconds or a unit.

#include <gtest/gtest.h>

#include "cli/duration.hpp"
#include "tests/support/run_in_process.hpp"

using mesh::cli::format_duration;
using mesh::cli::parse_duration;
using mesh::testing::run_mesh_command;

TEST(Duration, BareNumbersAreSeconds) {
    EXPECT_DOUBLE_EQ(parse_duration("5")->count(), 5);
    EXPECT_DOUBLE_EQ(parse_duration("0.5")->count(), 0.5);
    EXPECT_DOUBLE_EQ(parse_duration("0")->count(), 0);
    EXPECT_DOUBLE_EQ(parse_duration(".25")->count(), 0.25);
}

TEST(Duration, UnitsScale) {
    EXPECT_DOUBLE_EQ(parse_duration("5s")->count(), 5);
    EXPECT_DOUBLE_EQ(parse_duration("500ms")->count(), 0.5);
    EXPECT_DOUBLE_EQ(parse_duration("1m")->count(), 60);
    EXPECT_DOUBLE_EQ(parse_duration("1.5m")->count(), 90);
    EXPECT_DOUBLE_EQ(parse_duration("2h")->count(), 7200);
}

TEST(Duration, RejectsWhatIsNotADuration) {
    for (const char* bad :
         {"", "s", "ms", ".", "-1", "+1", "1e3", "5x", "5 s", " 5", "5sec", "1m30s", "0x10", "inf", "nan"}) {
        auto parsed = parse_duration(bad);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().code, mesh::core::ErrorCode::Usage) << bad;
        EXPECT_NE(parsed.error().message.find("e.g. 5, 0.5, 5s, 500ms, 1m"), std::string::npos) << bad;
    }
}

TEST(Duration, ErrorsNeverEchoAWallOfDigits) {
    std::string huge(300, '9');
    auto parsed = parse_duration(huge);
    ASSERT_FALSE(parsed);
    EXPECT_LT(parsed.error().message.size(), 100u);
    auto r = run_mesh_command({"dtab", "list", "--namerd", "http://127.0.0.1:1", "--request-timeout", huge});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(r.err.find(huge), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--request-timeout"), std::string::npos) << r.err;
}

TEST(Duration, FlagsRefuseValuesOutOfRangeWithTheRange) {
    auto r = run_mesh_command({"status", "--proxy", "127.0.0.1:1", "--interval", "10ms"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("'10ms' is out of range: 50ms to 1h"), std::string::npos) << r.err;
    r = run_mesh_command({"status", "--proxy", "127.0.0.1:1", "--timeout", "1e300"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("'1e300' is not a duration"), std::string::npos) << r.err;
}

TEST(Duration, FlagsTakeUnits) {
    // The value is accepted: what fails is finding namerd, not reading the flag.
    auto r = run_mesh_command({"dtab", "list", "--request-timeout", "500ms"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no namerd"), std::string::npos) << r.err;
    r = run_mesh_command({"dtab", "list", "--request-timeout", "1m"});
    EXPECT_NE(r.err.find("no namerd"), std::string::npos) << r.err;
}

TEST(Duration, FormatsTheWayItParses) {
    EXPECT_EQ(format_duration(5), "5s");
    EXPECT_EQ(format_duration(0), "0s");
    EXPECT_EQ(format_duration(0.05), "50ms");
    EXPECT_EQ(format_duration(60), "1m");
    EXPECT_EQ(format_duration(3600), "1h");
    EXPECT_EQ(format_duration(30), "30s");
    for (double s : {5.0, 0.05, 60.0, 3600.0, 30.0, 0.001})
        EXPECT_DOUBLE_EQ(parse_duration(format_duration(s))->count(), s) << s;
}
