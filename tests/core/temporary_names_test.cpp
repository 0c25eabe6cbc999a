// What a killed writer leaves behind is recognised by its name and removed by the next one.

#include "libmesh/core/temporary_names.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace mesh::core {
namespace {

namespace fs = std::filesystem;

// Above any Linux pid_max (at most 2^22), so no process ever has it.
constexpr const char* k_gone = "999999999";

class TemporaryNamesTest : public ::testing::Test {
protected:
    fs::path dir = fs::temp_directory_path() / ("mesh-temporary-names-" + std::to_string(::getpid()));
    void SetUp() override { fs::create_directories(dir); }
    void TearDown() override { fs::remove_all(dir); }
    fs::path file(const std::string& name, bool old) {
        std::ofstream(dir / name) << "x";
        if (old) fs::last_write_time(dir / name, fs::file_time_type::clock::now() - std::chrono::minutes(5));
        return dir / name;
    }
};

TEST_F(TemporaryNamesTest, NamesCarryThisProcessId) {
    EXPECT_EQ(temporary_name("/d", "0-1"), "/d/.mesh-" + std::to_string(::getpid()) + "-0-1");
}

TEST_F(TemporaryNamesTest, RemovesOnlyOldFilesOfProcessesThatAreGone) {
    auto stale = file(std::string(".mesh-") + k_gone + "-0-0", true);
    auto stale_template = file(std::string(".mesh-") + k_gone + "-AbC123", true);
    auto fresh = file(std::string(".mesh-") + k_gone + "-1-0", false);
    auto running = file(".mesh-" + std::to_string(::getppid()) + "-0-0", true);
    auto mine = file(".mesh-" + std::to_string(::getpid()) + "-0-0", true);
    auto not_ours = file(".mesh-new", true);
    auto no_dash = file(std::string(".mesh-") + k_gone, true);
    auto manifest = file("app.yml", true);
    fs::create_directory(dir / (std::string(".mesh-") + k_gone + "-dir"));
    fs::create_hard_link(file(std::string("linked"), true), dir / (std::string(".mesh-") + k_gone + "-2-0"));

    remove_stale_temporaries(dir.string());

    EXPECT_FALSE(fs::exists(stale));
    EXPECT_FALSE(fs::exists(stale_template));
    EXPECT_TRUE(fs::exists(fresh)) << "another PID namespace's writer may still be at work";
    EXPECT_TRUE(fs::exists(running));
    EXPECT_TRUE(fs::exists(mine));
    EXPECT_TRUE(fs::exists(not_ours));
    EXPECT_TRUE(fs::exists(no_dash));
    EXPECT_TRUE(fs::exists(manifest));
    EXPECT_TRUE(fs::is_directory(dir / (std::string(".mesh-") + k_gone + "-dir")));
    EXPECT_TRUE(fs::exists(dir / (std::string(".mesh-") + k_gone + "-2-0"))) << "a file with other names is kept";
}

}  // namespace
}  // namespace mesh::core
