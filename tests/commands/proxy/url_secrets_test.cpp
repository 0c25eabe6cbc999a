// Credentials in a proxy's address (user info, an access_token) never reach the table, JSON,
// -v logs or errors of status and check, whether the proxy answers or not.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "tests/support/fake_linkerd.hpp"
#include "tests/support/run_in_process.hpp"

namespace {

using mesh::testing::FakeLinkerd;
using mesh::testing::run_mesh_command;

void expect_no_secret(const std::string& text, const std::string& where) {
    EXPECT_EQ(text.find("hunter2"), std::string::npos) << where << ":\n" << text;
    EXPECT_EQ(text.find("s3cr3t"), std::string::npos) << where << ":\n" << text;
}

TEST(ProxyUrlSecrets, AreMaskedInEveryOutputOfStatusAndCheck) {
    FakeLinkerd up;
    std::string answering = "http://ops:hunter2@" + up.address() + "/?access_token=s3cr3t";
    std::string silent = "http://ops:hunter2@127.0.0.1:9/?access_token=s3cr3t";  // nothing listens on port 9
    std::string file = ::testing::TempDir() + "mesh-proxies-with-secrets-" + std::to_string(::getpid());
    std::ofstream(file) << answering << "\n" << silent << "\n";
    for (const char* command : {"status", "check"}) {
        for (const char* format : {"text", "json", "wide"}) {
            if (std::string(command) == "check" && std::string(format) == "wide") continue;
            for (bool from_file : {false, true}) {
                std::vector<std::string> args{command, "--once", "-v", "-o", format};
                if (from_file) {
                    args.insert(args.end(), {"--proxies-file", file});
                } else {
                    args.insert(args.end(), {"--proxy", answering, "--proxy", silent});
                }
                auto r = run_mesh_command(args);
                std::string where = std::string(command) + " -o " + format + (from_file ? " --proxies-file" : "");
                EXPECT_EQ(r.exit_code, 3) << where << "\n" << r.err;  // the silent proxy is down
                expect_no_secret(r.out, where + " stdout");
                expect_no_secret(r.err, where + " stderr");
                EXPECT_NE((r.out + r.err).find("REDACTED"), std::string::npos) << where << "\n" << r.out << r.err;
            }
        }
    }
    std::remove(file.c_str());
}

}  // namespace
