// Credentials in an input URL never reach errors, reports or --diff headers.

#include <gtest/gtest.h>

#include "tests/support/build_paths.hpp"
#include "tests/support/run_process.hpp"

namespace {

TEST(UrlSecrets, AnInputUrlsCredentialsAreMaskedInErrors) {
    // Port 9 on loopback: nothing listens, so the fetch fails and the error names the URL.
    auto r = mesh::testing::run_process({mesh::testing::mesh_binary(), "inject", "-f",
                                         "https://deploy:hunter2@127.0.0.1:9/app.yml?access_token=s3cr3t"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.find("hunter2"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("s3cr3t"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("https://REDACTED@127.0.0.1:9/app.yml?access_token=REDACTED"), std::string::npos) << r.err;
}

TEST(UrlSecrets, ANamerdUrlsCredentialsAreMaskedInErrors) {
    auto r = mesh::testing::run_process(
        {mesh::testing::mesh_binary(), "dtab", "list", "--namerd", "http://ops:hunter2@127.0.0.1:9"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.find("hunter2"), std::string::npos) << r.err;
}

}  // namespace
