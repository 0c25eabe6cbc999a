// The diff that --diff prints must be one `patch` accepts: checked against the real `patch`.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "libmesh/core/unified_diff.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/run_process.hpp"

using mesh::core::unified_diff;

TEST(UnifiedDiff, EqualTextsGiveNothing) { EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n", "f"), ""); }

TEST(UnifiedDiff, InsertionHunk) {
    EXPECT_EQ(unified_diff("a\nb\nc\n", "a\nb\nX\nc\n", "f"), "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n b\n+X\n c\n");
}

TEST(UnifiedDiff, MissingFinalNewlineIsMarked) {
    EXPECT_EQ(
        unified_diff("a", "a\nb", "f"),
        "--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n\\ No newline at end of file\n");
}

TEST(UnifiedDiff, RealPatchAppliesItToEveryCorpusManifest) {
    if (std::system("command -v patch >/dev/null 2>&1") != 0) GTEST_SKIP() << "patch is not installed";
    namespace fs = std::filesystem;
    auto dir = fs::temp_directory_path() / ("mesh-diff-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const auto& entry : fs::directory_iterator(mesh::testing::source_path("testdata/manifests/real"))) {
        if (entry.path().extension() != ".yaml") continue;
        auto r = mesh::testing::run_mesh(
            {"mesh", "inject", "-f", entry.path().string(), "--diff", "--report", "none", "--skip-refused"});
        if (r.exit_code != 3) continue;
        auto injected = mesh::testing::run_mesh(
            {"mesh", "inject", "-f", entry.path().string(), "--report", "none", "--skip-refused"});
        fs::copy_file(entry.path(), dir / "f.yaml", fs::copy_options::overwrite_existing);
        std::ofstream(dir / "d.patch", std::ios::binary) << r.out;
        auto p =
            mesh::testing::run_process({"/usr/bin/patch", "-s", (dir / "f.yaml").string(), (dir / "d.patch").string()});
        EXPECT_EQ(p.exit_code, 0) << entry.path() << p.err << p.out;
        EXPECT_EQ(mesh::testing::read_test_file((dir / "f.yaml").string()), injected.out) << entry.path();
    }
    fs::remove_all(dir);
}
