// Out of process: `mesh dtab` through a pipe, and the binary invoked as `namerctl`.

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/build_paths.hpp"
#include "tests/support/fake_namerd.hpp"
#include "tests/support/run_process.hpp"

using mesh::testing::run_process;
namespace fs = std::filesystem;

TEST(DtabSmoke, FmtFromStdinAndParseErrorExitCodes) {
    auto ok = run_process({mesh::testing::mesh_binary(), "dtab", "fmt"}, "/svc=>/srv;/srv=>/$/inet/127.1/80");
    EXPECT_EQ(ok.exit_code, 0);
    EXPECT_EQ(ok.out, "/svc  => /srv ;\n/srv  => /$/inet/127.1/80 ;\n");
    auto bad = run_process({mesh::testing::mesh_binary(), "dtab", "fmt"}, "/a => /b\n/c => /d\n");
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_TRUE(bad.out.empty());
    EXPECT_NE(bad.err.find("mesh: error: <stdin>:2:1: end of input expected but '/' found"), std::string::npos);
    // A dentry that runs into the next gets a guess at the cause, after Finagle's own words.
    EXPECT_NE(bad.err.find("found at '[/]c => /d' (missing `;` after the previous dentry?)\n"), std::string::npos)
        << bad.err;
    auto fine = run_process({mesh::testing::mesh_binary(), "dtab", "fmt"}, "/a => /b;\n/c => /d ^\n");
    EXPECT_EQ(fine.err.find("missing `;`"), std::string::npos) << fine.err;
    EXPECT_EQ(run_process({mesh::testing::mesh_binary(), "dtab", "fmt", "--no-such-flag"}).exit_code, 2);
}

TEST(DtabSmoke, InvokedAsNamerctl) {
    mesh::testing::FakeNamerd f;
    f.set("default", "/svc => /srv");
    fs::path dir = fs::temp_directory_path() / ("mesh-namerctl-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::create_symlink(mesh::testing::mesh_binary(), dir / "namerctl");
    auto r = run_process({(dir / "namerctl").string(), "dtab", "get", "default", "--base-url", f.url()});
    fs::remove_all(dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "# version AAAAAAAAAAE=\n/svc  => /srv ;\n");
}
