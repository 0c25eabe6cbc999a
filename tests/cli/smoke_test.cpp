// Out-of-process smoke tests: the real binary, its streams and exit codes.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

#include "tests/support/build_paths.hpp"
#include "tests/support/run_process.hpp"

using mesh::testing::run_process;

TEST(Smoke, VersionFlagPrintsVersion) {
    auto r = run_process({mesh::testing::mesh_binary(), "--version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("mesh version "), std::string::npos) << r.out;
}

TEST(Smoke, UnknownFlagIsUsageError) {
    auto r = run_process({mesh::testing::mesh_binary(), "--no-such-flag"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(r.out.empty());
    EXPECT_FALSE(r.err.empty());
}

TEST(Smoke, VersionJsonIsOneDocument) {
    auto r = run_process({mesh::testing::mesh_binary(), "version", "-o", "json"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("\"libraries\""), std::string::npos);
}
