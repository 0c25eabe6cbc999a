// --in-place as an attacker or bad luck would meet it: hard links, symlinks, owners, long names.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

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

// The `.mesh-*` files in `dir`: name, links, age and whether their writer still runs (for a failure).
std::string temporaries_in(const fs::path& dir) {
    std::string out;
    for (const auto& e : fs::directory_iterator(dir)) {
        std::string name = e.path().filename().string();
        if (name.rfind(".mesh-", 0) != 0) continue;
        struct stat st {};
        ::lstat(e.path().c_str(), &st);
        pid_t writer = static_cast<pid_t>(std::atoi(name.c_str() + 6));
        bool running = writer > 0 && (::kill(writer, 0) == 0 || errno != ESRCH);
        out += name + " links=" + std::to_string(st.st_nlink) +
               " age=" + std::to_string(::time(nullptr) - st.st_mtime) + "s writer " + (running ? "running" : "gone") +
               "\n";
    }
    return out;
}

// SIGKILL cannot be held off: wherever it lands, every file is whole (old or new), and what the
// killed run left (a named temporary file, in the instant between naming and renaming one) the
// next run in that directory removes.
TEST(InPlace, AfterSIGKILLEveryFileIsWholeAndTheNextRunRemovesWhatWasLeft) {
    ScratchDir dir;
    const std::string app = mesh::testing::hello_world_manifest();
    constexpr int k_files = 60;
    for (int i = 0; i < k_files; ++i)
        std::ofstream(dir / ("app" + std::to_string(i) + ".yml"), std::ios::binary) << app;
    ScratchDir reference;
    std::ofstream(reference / "app.yml", std::ios::binary) << app;
    ASSERT_EQ(inject_in_place({(reference / "app.yml").string()}).exit_code, 0);
    const std::string injected_app = read_test_file((reference / "app.yml").string());

    std::vector<std::string> args{mesh::testing::mesh_binary(), "inject", "--in-place", "--report", "none", "-R", "-f",
                                  dir.path().string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
    for (int delay_ms = 0; delay_ms < 40; delay_ms += 4) {
        for (int i = 0; i < k_files; ++i)  // every round starts from the old files
            std::ofstream(dir / ("app" + std::to_string(i) + ".yml"), std::ios::binary) << app;
        pid_t pid = 0;
        ASSERT_EQ(posix_spawn(&pid, argv[0], &quiet, nullptr, argv.data(), environ), 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        for (int i = 0; i < k_files; ++i) {
            std::string content = read_test_file((dir / ("app" + std::to_string(i) + ".yml")).string());
            EXPECT_TRUE(content == app || content == injected_app)
                << "app" << i << ".yml is neither old nor new after " << delay_ms << " ms";
        }
        // What was left is a minute old by the next run (backdated here rather than waited for).
        for (const auto& e : fs::directory_iterator(dir.path()))
            if (e.path().filename().string().rfind(".mesh-", 0) == 0)
                fs::last_write_time(e.path(), fs::file_time_type::clock::now() - std::chrono::minutes(2));
        // The next run sweeps a directory where it writes: app0.yml is made old again, since the
        // killed run may have rewritten it already.
        std::ofstream(dir / "app0.yml", std::ios::binary) << app;
        ASSERT_EQ(inject_in_place({(dir / "app0.yml").string()}).exit_code, 0);
        EXPECT_EQ(dir.entries(), static_cast<std::size_t>(k_files))
            << "a temporary file outlived the next run (killed pid " << pid << " after " << delay_ms << " ms):\n"
            << temporaries_in(dir.path());
    }
    posix_spawn_file_actions_destroy(&quiet);
}

}  // namespace
