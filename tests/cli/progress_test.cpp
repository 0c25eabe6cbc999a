// Progress on stderr for long work, through the real binary: shown on a terminal (a pseudo-terminal
// made by util-linux `script`), never when stderr is piped, and never mixed into stdout.

#include <gtest/gtest.h>

#include <string>

#include "tests/support/build_paths.hpp"
#include "tests/support/fake_linkerd.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/scratch_dir.hpp"

using mesh::testing::FakeLinkerd;
using mesh::testing::hello_world_manifest;
using mesh::testing::run_process;
using mesh::testing::ScratchDir;

namespace {

// Runs `command` (a shell line) with its stderr on a pseudo-terminal; returns what reached it.
std::string terminal_stderr(const std::string& command) {
    auto r = run_process({"/usr/bin/script", "-qec", command, "/dev/null"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
}

}  // namespace

TEST(Progress, InjectShowsFilesOnATerminalAndClearsTheLine) {
    ScratchDir dir;
    dir.write("in/a.yml", hello_world_manifest());
    dir.write("in/b.yml", hello_world_manifest());
    std::string out = dir.path() + "/out.yml";
    std::string seen = terminal_stderr(std::string(mesh::testing::mesh_binary()) + " inject -f " + dir.path() +
                                       "/in --report none > " + out);
    EXPECT_NE(seen.find("injecting: 2/2"), std::string::npos) << seen;
    EXPECT_NE(seen.find("\r\x1b[K"), std::string::npos) << seen;  // the line is erased at the end
    std::string injected = mesh::testing::read_file(out);
    EXPECT_EQ(injected.find("injecting:"), std::string::npos);
    EXPECT_NE(injected.find("mesh.l5d.io/injected"), std::string::npos);
}

TEST(Progress, InjectIsSilentWhenStderrIsPiped) {
    ScratchDir dir;
    dir.write("a.yml", hello_world_manifest());
    dir.write("b.yml", hello_world_manifest());
    auto r = run_process({mesh::testing::mesh_binary(), "inject", "-f", dir.path(), "--report", "none"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
}

TEST(Progress, StatusCountsProxiesOnATerminal) {
    FakeLinkerd a, b;
    std::string seen = terminal_stderr(std::string(mesh::testing::mesh_binary()) + " status --once --proxy " +
                                       a.address() + " --proxy " + b.address() + " > /dev/null");
    EXPECT_NE(seen.find("probing proxies: 2/2"), std::string::npos) << seen;
}

// No silent wait: between the two rounds a terminal shows what the first found and a countdown.
TEST(Progress, StatusCountsDownToTheRatesOnATerminal) {
    FakeLinkerd a;
    // 3 s leave a countdown however slowly a loaded machine answers the first round on loopback.
    std::string seen = terminal_stderr(std::string(mesh::testing::mesh_binary()) + " status --interval 3 --proxy " +
                                       a.address() + " --proxy 127.0.0.1:1 > /dev/null; true");
    EXPECT_NE(seen.find("1 of 2 proxies answered; rates in 1s"), std::string::npos) << seen;
    EXPECT_NE(seen.rfind("\r\x1b[K"), std::string::npos) << seen;  // erased before the table
}

TEST(Progress, StatusWaitsSilentlyWhenStderrIsPiped) {
    FakeLinkerd a;
    auto r = run_process({mesh::testing::mesh_binary(), "status", "--interval", "0.2", "--proxy", a.address()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
}

// No silent wait, on stdout too: the first round's table is shown at once, rates empty, then
// moved over (cursor up its height, erased) by the full table when the second round is in.
TEST(Progress, StatusShowsTheFirstRoundAtOnceAndReplacesItWithTheRates) {
    FakeLinkerd a;
    std::string seen = terminal_stderr(std::string(mesh::testing::mesh_binary()) + " status --interval 1 --proxy " +
                                       a.address() + " --proxy 127.0.0.1:1; true");
    auto erase = seen.find("F\x1b[J");
    ASSERT_NE(erase, std::string::npos) << seen;
    std::string first = seen.substr(0, erase), full = seen.substr(erase);
    std::string up_row = "127.0.0.1:" + std::to_string(a.port());
    ASSERT_NE(first.find(up_row), std::string::npos) << first;
    ASSERT_NE(full.find(up_row), std::string::npos) << full;
    // The first table has no rates yet; the full one has them (the fake answers with traffic).
    auto row_of = [&](const std::string& text) {  // the table's line that starts with the address
        auto at = text.find("\n" + up_row + " ");
        return at == std::string::npos ? std::string() : text.substr(at + 1, text.find('\n', at + 1) - at - 1);
    };
    ASSERT_FALSE(row_of(first).empty()) << first;
    EXPECT_EQ(row_of(first).find("rps"), std::string::npos) << row_of(first);
    EXPECT_NE(row_of(full).find("rps"), std::string::npos) << row_of(full);
    EXPECT_NE(first.find("127.0.0.1:1"), std::string::npos) << "the down proxy is shown at once too";
    EXPECT_NE(first.find("(rates after the second sample)"), std::string::npos) << first;
}
