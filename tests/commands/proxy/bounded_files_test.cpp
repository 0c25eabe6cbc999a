// Files named on the command line are read no further than their limit: /dev/zero never ends.

#include <gtest/gtest.h>

#include "tests/support/build_paths.hpp"
#include "tests/support/run_process.hpp"

namespace {

using mesh::testing::run_process;

TEST(BoundedFiles, AnEndlessProxiesFileStopsAtItsLimit) {
    auto r = run_process({mesh::testing::mesh_binary(), "status", "--proxies-file", "/dev/zero"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("larger than 16 MiB"), std::string::npos) << r.err;
}

TEST(BoundedFiles, AnEndlessKubeconfigStopsAtItsLimit) {
    auto r = run_process({mesh::testing::mesh_binary(), "status", "--kubeconfig", "/dev/zero"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("larger than 16 MiB"), std::string::npos) << r.err;
}

}  // namespace
