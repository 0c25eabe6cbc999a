// The Dockerfile, checked without a container runtime: it is multi-stage on Debian 12 slim, builds
// with the README's own quick-start steps from sources that exist (and configure on their own),
// installs exactly the .deb's runtime dependencies and runs as the user the webhook expects.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>

#include "tests/support/build_paths.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/scratch_dir.hpp"

namespace fs = std::filesystem;
using mesh::testing::read_file;
using mesh::testing::run_mesh_command;
using mesh::testing::run_process;
using mesh::testing::ScratchDir;

namespace {

std::string source(const std::string& relative) { return std::string(mesh::testing::source_dir()) + "/" + relative; }

// The Dockerfile's instructions, continuation lines joined, comments dropped.
std::vector<std::string> instructions() {
    std::istringstream in(read_file(source("Dockerfile")));
    std::vector<std::string> out;
    std::string pending;
    for (std::string line; std::getline(in, line);) {
        if (pending.empty() && (line.empty() || line[0] == '#')) continue;
        bool continued = !line.empty() && line.back() == '\\';
        if (continued) line.pop_back();
        pending += line;
        if (!continued) {
            out.push_back(std::regex_replace(pending, std::regex("\\s+"), " "));
            pending.clear();
        }
    }
    return out;
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

// COPY lines of the build context (not --from another stage): {sources..., destination}.
std::vector<std::vector<std::string>> context_copies() {
    std::vector<std::vector<std::string>> out;
    for (const auto& i : instructions())
        if (i.rfind("COPY ", 0) == 0 && i.find("--from=") == std::string::npos) {
            auto w = words(i);
            out.emplace_back(w.begin() + 1, w.end());
        }
    return out;
}

// The README quick start's build: its first command line up to running the built binary.
std::string readme_build_steps() {
    std::istringstream in(read_file(source("README.md")));
    for (std::string line; std::getline(in, line);)
        if (line.rfind("./scripts/install-deps.sh", 0) == 0 && line.find("-DMESH_TESTS=OFF") != std::string::npos)
            return line.substr(0, line.find(" && ./build/mesh"));
    return {};
}

}  // namespace

TEST(Dockerfile, IsMultiStageOnDebian12Slim) {
    std::vector<std::string> from;
    for (const auto& i : instructions())
        if (i.rfind("FROM ", 0) == 0) from.push_back(i);
    ASSERT_EQ(from.size(), 2u);
    EXPECT_EQ(from[0], "FROM debian:12-slim AS build");
    EXPECT_EQ(from[1], "FROM debian:12-slim");
}

TEST(Dockerfile, BuildsWithTheReadmesOwnSteps) {
    std::string steps = readme_build_steps();
    ASSERT_FALSE(steps.empty());
    auto all = instructions();
    EXPECT_NE(std::find(all.begin(), all.end(), "RUN " + steps), all.end()) << steps;
}

TEST(Dockerfile, EveryCopySourceExistsAndIsInTheContext) {
    std::string ignore = read_file(source(".dockerignore"));
    auto copies = context_copies();
    ASSERT_GE(copies.size(), 5u);
    for (const auto& copy : copies)
        for (std::size_t k = 0; k + 1 < copy.size(); ++k) {
            EXPECT_TRUE(fs::exists(source(copy[k]))) << copy[k];
            EXPECT_EQ(ignore.find("\n" + copy[k]), std::string::npos) << copy[k] << " is in .dockerignore";
        }
}

TEST(Dockerfile, TheCopiedSourcesConfigureOnTheirOwn) {
    // What the build stage sees, and nothing more, must be a complete source tree for CMake.
    ScratchDir dir;
    for (const auto& copy : context_copies()) {
        fs::path destination = fs::path(dir.path()) / copy.back();
        for (std::size_t k = 0; k + 1 < copy.size(); ++k) {
            fs::path from = source(copy[k]);
            fs::path to = fs::is_directory(from) ? destination : destination / from.filename();
            fs::create_directories(fs::is_directory(from) ? to : to.parent_path());
            fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
        }
    }
    ASSERT_TRUE(fs::exists(dir.path() + "/scripts/install-deps.sh"));
    auto r = run_process(
        {"/usr/bin/cmake", "-S", dir.path(), "-B", dir.path() + "/build", "-G", "Ninja", "-DMESH_TESTS=OFF"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(Dockerfile, InstallsTheDebsRuntimeDependencies) {
    std::smatch m;
    std::string packaging = read_file(source("packaging/CMakeLists.txt"));
    ASSERT_TRUE(std::regex_search(packaging, m, std::regex("CPACK_DEBIAN_PACKAGE_DEPENDS \"([^\"]*)\"")));
    std::string runtime_install;
    for (const auto& i : instructions())
        if (i.find("apt-get install") != std::string::npos && i.find("ca-certificates") != std::string::npos)
            runtime_install = i;
    ASSERT_FALSE(runtime_install.empty());
    auto installed = words(runtime_install);
    std::string depends = m[1];
    std::istringstream list(depends);
    for (std::string package; std::getline(list, package, ',');) {
        package = std::regex_replace(package, std::regex("^\\s+|\\s+$"), "");
        EXPECT_NE(std::find(installed.begin(), installed.end(), package), installed.end()) << package;
    }
}

TEST(Dockerfile, RunsAsTheNonRootUserTheWebhookDeploymentExpects) {
    auto all = instructions();
    std::string user, entrypoint;
    for (const auto& i : all) {
        if (i.rfind("USER ", 0) == 0) user = i.substr(5);
        if (i.rfind("ENTRYPOINT ", 0) == 0) entrypoint = i.substr(11);
    }
    EXPECT_EQ(user, "65532:65532");
    EXPECT_EQ(entrypoint, "[\"/usr/local/bin/mesh\"]");
    auto manifests = run_mesh_command({"webhook", "manifests", "--image", "mesh:test"});
    ASSERT_EQ(manifests.exit_code, 0) << manifests.err;
    EXPECT_NE(manifests.out.find("runAsUser: " + user.substr(0, user.find(':'))), std::string::npos);
    // The Deployment runs `mesh` from the PATH: the image puts it in /usr/local/bin.
    EXPECT_NE(manifests.out.find("command:\n        - mesh\n"), std::string::npos) << manifests.out;
}
