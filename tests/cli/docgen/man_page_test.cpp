// Man pages: rendered from a sample tree and from mesh's own tree, each checked by man itself.

#include <gtest/gtest.h>

#include <filesystem>

#include "cli/docgen/cli_model.hpp"
#include "cli/docgen/generated_docs.hpp"
#include "cli/docgen/man_page.hpp"
#include "tests/cli/sample_tree.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/scratch_dir.hpp"

using namespace mesh::cli;
using mesh::testing::run_process;
using mesh::testing::SampleTree;
using mesh::testing::ScratchDir;

namespace {

bool have_man() { return std::filesystem::exists("/usr/bin/man"); }

// `man --warnings -l` prints groff's warnings on stderr; a clean page prints none.
std::string man_warnings(const std::string& page) {
    auto r = run_process({"/usr/bin/man", "--warnings", "-l", page}, "",
                         {"MANWIDTH=80", "MANPAGER=cat", "PAGER=cat", "LC_ALL=C.UTF-8"});
    return r.err + (r.exit_code == 0 ? "" : "exit " + std::to_string(r.exit_code));
}

std::string man_text(const std::string& page) {
    return run_process({"/usr/bin/man", "-l", page}, "",
                       {"MANWIDTH=100", "MANPAGER=cat", "PAGER=cat", "LC_ALL=C.UTF-8"})
        .out;
}

}  // namespace

TEST(RoffEscape, EscapesWhatRoffWouldInterpret) {
    EXPECT_EQ(roff_escape("a\\b"), "a\\eb");
    EXPECT_EQ(roff_escape("--in-place"), "\\-\\-in\\-place");
    EXPECT_EQ(roff_escape(".SH not a request"), "\\&.SH not a request");
    EXPECT_EQ(roff_escape("'quoted'"), "\\&'quoted'");
}

TEST(ManPage, OnePagePerVisibleCommandAtEveryLevel) {
    SampleTree tree;
    auto files = generated_files(describe_tree(tree.app), "9.9.9");
    std::vector<std::string> pages;
    for (const auto& [name, content] : files)
        if (name.rfind("man/", 0) == 0) pages.push_back(name);
    EXPECT_EQ(pages, (std::vector<std::string>{"man/mesh-dtab-fmt.1", "man/mesh-dtab-lookup.1", "man/mesh-dtab.1",
                                               "man/mesh-inject.1", "man/mesh.1"}));
}

TEST(ManPage, SampleTreePagesHaveNoWarningsAndSayWhatHelpSays) {
    if (!have_man()) GTEST_SKIP() << "man-db is not installed";
    SampleTree tree;
    ScratchDir dir;
    for (const auto& [name, content] : generated_files(describe_tree(tree.app), "9.9.9")) {
        if (name.rfind("man/", 0) != 0) continue;
        std::string path = dir.write(name, content);
        EXPECT_EQ(man_warnings(path), "") << name;
    }
    std::string inject = man_text(dir.path() + "/man/mesh-inject.1");
    for (const char* expected :
         {"mesh-inject - Add the Linkerd proxy to manifests", "-f, --filename TEXT", "One of: sidecar, daemonset.",
          "A second paragraph with a backslash \\ and -dashes.", "    mesh inject -f app.yml\n", ".starts with a dot",
          "a bullet", "EXIT STATUS", "mesh inject -f app.yml | kubectl apply -f -", "mesh(1)"})
        EXPECT_NE(inject.find(expected), std::string::npos) << expected << "\n" << inject;
    EXPECT_EQ(inject.find("leak"), std::string::npos);
    std::string dtab = man_text(dir.path() + "/man/mesh-dtab.1");
    EXPECT_NE(dtab.find("mesh-dtab-fmt(1)"), std::string::npos) << dtab;
    EXPECT_NE(dtab.find("lookup"), std::string::npos) << dtab;
    std::string lookup = man_text(dir.path() + "/man/mesh-dtab-lookup.1");
    EXPECT_NE(lookup.find("mesh dtab lookup [OPTIONS] [DIR] [PATH]"), std::string::npos) << lookup;
}

TEST(ManPage, EveryCommittedPageHasNoWarnings) {
    if (!have_man()) GTEST_SKIP() << "man-db is not installed";
    int pages = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(mesh::testing::source_dir()) + "/man")) {
        ++pages;
        EXPECT_EQ(man_warnings(entry.path().string()), "") << entry.path();
    }
    EXPECT_GE(pages, 2);
}

TEST(RoffProse, CodeSpansAreBoldAndTheirBackticksGo) {
    EXPECT_EQ(roff_prose("like `linkerd check -o json`, for cron"), "like \\fBlinkerd check \\-o json\\fR, for cron");
    EXPECT_EQ(roff_prose("a lone ` stays"), "a lone ` stays");
    EXPECT_EQ(roff_prose("`.a` then `b`"), "\\fB.a\\fR then \\fBb\\fR");
    EXPECT_EQ(without_code_marks("in `linkerd check` style"), "in linkerd check style");
}

TEST(ManPage, MeshsOwnPagesShowNoLiteralBackticks) {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(mesh::testing::source_dir()) + "/man")) {
        if (have_man()) {
            std::string text = man_text(entry.path());
            EXPECT_EQ(text.find('`'), std::string::npos) << entry.path();
        }
    }
}
