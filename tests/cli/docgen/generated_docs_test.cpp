// The committed man/ and completions/ must be what the current command tree generates.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "tests/support/build_paths.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/scratch_dir.hpp"

namespace fs = std::filesystem;
using mesh::testing::read_file;
using mesh::testing::run_process;
using mesh::testing::ScratchDir;

namespace {

std::set<std::string> files_under(const fs::path& root) {
    std::set<std::string> files;
    for (const char* dir : {"man", "completions"}) {
        if (!fs::exists(root / dir)) continue;
        for (const auto& entry : fs::directory_iterator(root / dir))
            files.insert(fs::relative(entry.path(), root).string());
    }
    return files;
}

}  // namespace

TEST(GeneratedDocs, CommittedFilesAreCurrent) {
    ScratchDir fresh;
    auto r = run_process({mesh::testing::mesh_binary(), "__generate", fresh.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    fs::path source = mesh::testing::source_dir();
    auto generated = files_under(fresh.path());
    ASSERT_FALSE(generated.empty());
    const char* fix = "\nman/ or completions/ is stale: run `ninja -C build docs` and commit the result.";
    EXPECT_EQ(files_under(source), generated) << fix;
    for (const auto& file : generated)
        EXPECT_TRUE(read_file((source / file).string()) == read_file((fs::path(fresh.path()) / file).string()))
            << file << fix;
}

TEST(GeneratedDocs, GenerateRemovesPagesOfCommandsThatAreGone) {
    ScratchDir dir;
    std::string gone = dir.write("man/mesh-gone.1", ".TH GONE 1\n");
    std::string foreign = dir.write("man/other.1", ".TH OTHER 1\n");
    auto r = run_process({mesh::testing::mesh_binary(), "__generate", dir.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(fs::exists(gone));
    EXPECT_TRUE(fs::exists(foreign));  // not ours: left alone
    EXPECT_TRUE(fs::exists(dir.path() + "/man/mesh.1"));
}

TEST(GeneratedDocs, CompletionCommandPrintsTheCommittedScripts) {
    fs::path source = mesh::testing::source_dir();
    for (auto [shell, file] : {std::pair{"bash", "completions/mesh.bash"},
                               {"zsh", "completions/_mesh"},
                               {"fish", "completions/mesh.fish"}}) {
        auto r = run_process({mesh::testing::mesh_binary(), "completion", shell});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(r.out == read_file((source / file).string())) << shell;
    }
    auto bad = run_process({mesh::testing::mesh_binary(), "completion", "tcsh"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_TRUE(bad.out.empty());
}

TEST(GeneratedDocs, HelpOfACommandShowsOnlyItsOwnExamples) {
    auto root = run_process({mesh::testing::mesh_binary(), "--help"});
    auto version = run_process({mesh::testing::mesh_binary(), "version", "--help"});
    const char* program_example = "kubectl kustomize overlays/prod";
    EXPECT_NE(root.out.find(program_example), std::string::npos) << root.out;
    EXPECT_EQ(version.out.find(program_example), std::string::npos) << version.out;
    EXPECT_NE(version.out.find("mesh version -o json"), std::string::npos) << version.out;
}
