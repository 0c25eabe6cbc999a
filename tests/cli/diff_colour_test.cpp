// Diffs coloured like `git diff` on a terminal.

#include <gtest/gtest.h>

#include "cli/diff_colour.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/scratch_dir.hpp"

using mesh::cli::colour_diff;

TEST(DiffColour, ColoursAsGitDiffDoes) {
    std::string diff = "--- a/app.yml\n+++ b/app.yml\n@@ -1,2 +1,3 @@\n kind: Pod\n-old\n+new\n";
    EXPECT_EQ(colour_diff(diff), "\x1b[1m--- a/app.yml\x1b[0m\n\x1b[1m+++ b/app.yml\x1b[0m\n"
                                 "\x1b[36m@@ -1,2 +1,3 @@\x1b[0m\n kind: Pod\n\x1b[31m-old\x1b[0m\n"
                                 "\x1b[32m+new\x1b[0m\n");
}

TEST(DiffColour, ARemovedLineThatLooksLikeAHeaderIsRed) {
    std::string diff = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n--- yaml separator\n+kind: Pod\n";
    std::string coloured = colour_diff(diff);
    EXPECT_NE(coloured.find("\x1b[31m--- yaml separator\x1b[0m\n"), std::string::npos) << coloured;
    EXPECT_EQ(colour_diff(""), "");
    EXPECT_EQ(colour_diff("+x"), "\x1b[32m+x\x1b[0m");
}

// Through the real binary, stdout on a pseudo-terminal made by util-linux `script`.
namespace {

// What reached the terminal, its CRLF line ends (the pty's) made LF.
std::string on_terminal(const std::string& command) {
    std::string out = mesh::testing::run_process({"/usr/bin/script", "-qec", command, "/dev/null"}).out;
    std::string lf;
    for (char c : out)
        if (c != '\r') lf += c;
    return lf;
}

}  // namespace

TEST(DiffColour, InjectDiffIsColouredOnATerminalOnly) {
    mesh::testing::ScratchDir dir;
    std::string app = dir.write("app.yml", mesh::testing::hello_world_manifest());
    std::string mesh = std::string(mesh::testing::mesh_binary()) + " inject --report none --diff -f " + app;
    std::string coloured = on_terminal(mesh);
    EXPECT_NE(coloured.find("\x1b[36m@@ "), std::string::npos) << coloured;
    EXPECT_NE(coloured.find("\x1b[32m+"), std::string::npos) << coloured;
    for (const std::string& plain :
         {on_terminal("NO_COLOR=1 " + mesh), on_terminal(mesh + " --no-color"), on_terminal(mesh + " | cat")}) {
        EXPECT_EQ(plain.find('\x1b'), std::string::npos) << plain;
        EXPECT_NE(plain.find("\n+"), std::string::npos) << plain;
    }
}
