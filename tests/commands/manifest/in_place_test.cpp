// --in-place as an attacker or bad luck would meet it: hard links, symlinks, owners, long names.

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/build_paths.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/run_process.hpp"

namespace fs = std::filesystem;
using mesh::testing::read_test_file;
using mesh::testing::run_process;

namespace {

class ScratchDir {
public:
    ScratchDir()
        : m_path(fs::temp_directory_path() /
                 ("mesh-in-place-" + std::to_string(::getpid()) + "-" + std::to_string(s_next++))) {
        fs::create_directories(m_path);
    }
    ~ScratchDir() { fs::remove_all(m_path); }
    fs::path operator/(const std::string& name) const { return m_path / name; }
    const fs::path& path() const { return m_path; }
    std::size_t entries() const {
        std::size_t n = 0;
        for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(m_path)) ++n;
        return n;
    }

private:
    fs::path m_path;
    static inline int s_next = 0;
};

mesh::testing::ProcessResult inject_in_place(const std::vector<std::string>& files) {
    std::vector<std::string> argv{mesh::testing::mesh_binary(), "inject", "--in-place", "--report", "none"};
    for (const auto& f : files) {
        argv.push_back("-f");
        argv.push_back(f);
    }
    return run_process(argv);
}

bool injected(const fs::path& file) {
    return read_test_file(file.string()).find("mesh.l5d.io/injected") != std::string::npos;
}

TEST(InPlace, AHardLinkedFileIsRefusedAndNoFileIsRewritten) {
    ScratchDir dir;
    std::string app = mesh::testing::hello_world_manifest();
    std::ofstream(dir / "a.yaml", std::ios::binary) << app;
    std::ofstream(dir / "b.yaml", std::ios::binary) << app;
    fs::create_hard_link(dir / "b.yaml", dir / "b-elsewhere.yaml");
    auto r = inject_in_place({(dir / "a.yaml").string(), (dir / "b.yaml").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("b.yaml has 2 hard links"), std::string::npos) << r.err;
    EXPECT_EQ(read_test_file((dir / "a.yaml").string()), app) << "a.yaml was rewritten although b.yaml was refused";
    EXPECT_EQ(read_test_file((dir / "b.yaml").string()), app);
    EXPECT_EQ(dir.entries(), 3u) << "a temporary file was left behind";
}

TEST(InPlace, ASymlinkIsWrittenThroughToItsTarget) {
    ScratchDir dir;
    fs::create_directory(dir / "real");
    std::ofstream(dir / "real" / "app.yml", std::ios::binary) << mesh::testing::hello_world_manifest();
    fs::create_symlink("real/app.yml", dir / "app.yml");
    auto r = inject_in_place({(dir / "app.yml").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::is_symlink(dir / "app.yml"));
    EXPECT_TRUE(injected(dir / "real" / "app.yml"));
    EXPECT_EQ(dir.entries(), 3u);
}

TEST(InPlace, OwnerAndGroupAreKept) {
    if (::geteuid() != 0) GTEST_SKIP() << "giving a file to another user needs root";
    ScratchDir dir;
    std::ofstream(dir / "app.yml", std::ios::binary) << mesh::testing::hello_world_manifest();
    ASSERT_EQ(::chown((dir / "app.yml").c_str(), 65534, 65534), 0);
    ::chmod((dir / "app.yml").c_str(), 0604);
    auto r = inject_in_place({(dir / "app.yml").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    struct stat st {};
    ASSERT_EQ(::stat((dir / "app.yml").c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, 65534u);
    EXPECT_EQ(st.st_gid, 65534u);
    EXPECT_EQ(st.st_mode & 07777, 0604u);
    EXPECT_TRUE(injected(dir / "app.yml"));
}

TEST(InPlace, AFileNameOf244BytesWorks) {
    ScratchDir dir;
    std::string name = std::string(240, 'a') + ".yml";
    std::ofstream(dir / name, std::ios::binary) << mesh::testing::hello_world_manifest();
    auto r = inject_in_place({(dir / name).string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(injected(dir / name));
    EXPECT_EQ(dir.entries(), 1u);
}

}  // namespace
